// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/BackgroundSha256.h"

namespace strata::engine {

BackgroundSha256::~BackgroundSha256()
{
    stop(true);
}

std::uint64_t BackgroundSha256::update(const void *data, std::size_t size)
{
    m_bytes += size;
    if (!m_thread.joinable() && m_bytes <= kInlineBytes) {
        m_hash.update(data, size);
        std::lock_guard lock(m_mutex);
        m_hashed = ++m_tickets;
        return m_tickets;
    }
    if (!m_thread.joinable())
        m_thread = std::thread([this] { run(); });
    std::uint64_t ticket = 0;
    {
        std::lock_guard lock(m_mutex);
        m_queued.push_back({data, size});
        ticket = ++m_tickets;
    }
    m_changed.notify_all();
    return ticket;
}

void BackgroundSha256::waitHashed(std::uint64_t ticket)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_hashed >= ticket || m_error; });
    if (m_error)
        std::rethrow_exception(m_error);
}

bool BackgroundSha256::hashed(std::uint64_t ticket)
{
    std::lock_guard lock(m_mutex);
    return m_hashed >= ticket || m_error;
}

Digest BackgroundSha256::finish()
{
    stop(false);
    if (m_error)
        std::rethrow_exception(m_error);
    return m_hash.finish();
}

void BackgroundSha256::stop(bool abandon)
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        m_abandon = abandon;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void BackgroundSha256::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return !m_queued.empty() || m_closing; });
        if (m_abandon || m_queued.empty())
            return;
        const Span span = m_queued.front();
        m_queued.pop_front();
        lock.unlock();
        try {
            m_hash.update(span.data, span.size);
        } catch (...) {
            lock.lock();
            m_error = std::current_exception();
            m_changed.notify_all();
            return;
        }
        lock.lock();
        ++m_hashed;
        // Wake a waiting reader after letting go of the lock: woken while we
        // still held it, it could only block on it again (on a busy machine
        // for a whole scheduler tick, perf trace: 4 ms a time).
        lock.unlock();
        m_changed.notify_all();
        lock.lock();
    }
}

} // namespace strata::engine
