// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/BackgroundBlobWriter.h"

#include <cstring>

namespace strata::engine::image {

BackgroundBlobWriter::BackgroundBlobWriter(store::BlobStore::Writer &out) : m_out(out)
{
    m_free.resize(kBuffers);
    m_thread = std::thread([this] { run(); });
}

BackgroundBlobWriter::~BackgroundBlobWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        m_abandon = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void BackgroundBlobWriter::rethrowLocked(std::unique_lock<std::mutex> &lock)
{
    if (!m_error)
        return;
    const std::exception_ptr e = m_error;
    lock.unlock();
    std::rethrow_exception(e);
}

void BackgroundBlobWriter::write(const void *data, std::size_t size)
{
    if (size == 0)
        return;
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_free.empty() || m_error; });
    rethrowLocked(lock);
    std::vector<char> buffer = std::move(m_free.back());
    m_free.pop_back();
    lock.unlock();
    buffer.resize(size);
    std::memcpy(buffer.data(), data, size);
    lock.lock();
    m_queued.push_back(std::move(buffer));
    lock.unlock();
    m_changed.notify_all();
}

void BackgroundBlobWriter::finish()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    std::unique_lock lock(m_mutex);
    rethrowLocked(lock);
}

void BackgroundBlobWriter::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return !m_queued.empty() || m_closing; });
        if (m_abandon || (m_queued.empty() && m_closing) || m_error)
            return;
        std::vector<char> buffer = std::move(m_queued.front());
        m_queued.pop_front();
        lock.unlock();
        try {
            m_out.write(buffer.data(), buffer.size());
        } catch (...) {
            lock.lock();
            m_error = std::current_exception();
            m_changed.notify_all();
            return;
        }
        lock.lock();
        m_free.push_back(std::move(buffer));
        m_changed.notify_all();
    }
}

} // namespace strata::engine::image
