// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// SHA-256 of a stream computed on a second thread, so a load hashes its
// blob while it unpacks instead of before (one SHA-256 pass over a 100 MiB
// layer is about a quarter of the CPU `load` spends: docs/PERFORMANCE.md).
//
// Nothing is copied: update() queues the caller's bytes, which must stay
// unchanged until waitHashed() of the returned ticket (or finish()) returns.
// The first kInlineBytes are hashed on the caller's thread, so a small blob
// never starts a thread. An error on the thread is rethrown by
// waitHashed() or finish(); the destructor without finish() drops the rest.

#include "engine/util/Digest.h"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace strata::engine {

class BackgroundSha256 {
public:
    static constexpr std::uint64_t kInlineBytes = 1 << 20;

    BackgroundSha256() = default;
    ~BackgroundSha256();
    BackgroundSha256(const BackgroundSha256 &) = delete;
    BackgroundSha256 &operator=(const BackgroundSha256 &) = delete;

    // Queues the bytes after every earlier span; returns the span's ticket.
    std::uint64_t update(const void *data, std::size_t size);
    // Returns once the span with this ticket, and every one before it, is hashed.
    void waitHashed(std::uint64_t ticket);
    // Whether waitHashed(ticket) would return at once (it also does on an error).
    [[nodiscard]] bool hashed(std::uint64_t ticket);
    // Waits for every span and returns the digest of all of them.
    [[nodiscard]] Digest finish();
    [[nodiscard]] std::uint64_t bytes() const { return m_bytes; }

private:
    struct Span {
        const void *data;
        std::size_t size;
    };
    void run();
    void stop(bool abandon);

    Sha256 m_hash;          // the caller's until the thread starts, then the thread's until it stops
    std::uint64_t m_bytes = 0; // the caller's
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Span> m_queued;
    std::uint64_t m_tickets = 0; // spans handed in
    std::uint64_t m_hashed = 0;  // spans hashed, in order
    bool m_closing = false;
    bool m_abandon = false;
    std::exception_ptr m_error;
    std::thread m_thread;
};

} // namespace strata::engine
