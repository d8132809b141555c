// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/WritebackPacer.h"

#include <system_error>
#include <unistd.h>

namespace strata::engine::layer {
namespace {

// What one entry leaves for the disk: its data in whole blocks and its inode.
constexpr std::uint64_t kBlock = 4096;
constexpr std::uint64_t kInode = 256;

} // namespace

WritebackPacer::~WritebackPacer()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void WritebackPacer::created(std::uint64_t dataBytes)
{
    if (m_fd < 0)
        return;
    m_pending += (dataBytes + kBlock - 1) / kBlock * kBlock + kInode;
    if (m_pending < kStep)
        return;
    m_pending = 0;
    {
        std::lock_guard lock(m_mutex);
        m_due = true; // a flush under way already: one more after it
    }
    if (m_thread.joinable()) {
        m_wake.notify_one();
        return;
    }
    try {
        m_thread = std::thread([this] { run(); });
    } catch (const std::system_error &) {
        m_fd = -1; // no thread to spare: the final syncfs writes it all, as before
    }
}

void WritebackPacer::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_due || m_stop; });
        if (m_stop)
            return;
        m_due = false;
        lock.unlock();
        ::syncfs(m_fd); // advisory: the caller's final syncfs reports errors
        lock.lock();
    }
}

} // namespace strata::engine::layer
