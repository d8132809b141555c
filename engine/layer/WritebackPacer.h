// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Starts the disk writes of a layer's new files while the layer is still
// being unpacked. After every kStep bytes of new files (data rounded up to
// whole blocks, plus the inode), a helper thread calls syncfs on the
// target's file system: the kernel's flusher then writes what the unpack
// has made so far, on the other core and while the disk would otherwise
// idle, and the store's final syncfs before it publishes the layer waits
// only for the tail. At 100,000 small files that final syncfs had 500 MB to
// write (400 MB of them one 4 KiB block per file): docs/PERFORMANCE.md,
// "Sixth round (#19): load".
//
// It promises nothing: the caller's own syncfs still makes the layer
// durable, and reports any write error (its fd predates these writes, so
// the error sequence it samples covers them). An error here is ignored.
// A layer under kStep bytes never starts the thread.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace strata::engine::layer {

class WritebackPacer {
public:
    static constexpr std::uint64_t kStep = 32ull << 20;

    // `fd` is any descriptor on the file system to flush (not owned); -1: do nothing.
    explicit WritebackPacer(int fd) : m_fd(fd) {}
    ~WritebackPacer(); // waits for a flush under way
    WritebackPacer(const WritebackPacer &) = delete;
    WritebackPacer &operator=(const WritebackPacer &) = delete;

    // One entry was created with `dataBytes` of content.
    void created(std::uint64_t dataBytes);

private:
    void run();

    int m_fd;
    std::uint64_t m_pending = 0; // the caller's: bytes since the last request
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace strata::engine::layer
