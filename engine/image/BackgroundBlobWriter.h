// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writes a blob on a second thread while the caller goes on unpacking the
// same bytes. Loading an uncompressed layer writes its bytes twice (the blob
// kept for `save`, and the unpacked files); on a machine where filling the
// page cache is the cost (docs/PERFORMANCE.md) doing both at once instead of
// one after the other takes the blob copy off the critical path.
//
// write() copies the chunk into one of a few fixed buffers and returns; it
// blocks only when all are queued. A write error on the thread is rethrown by
// the next write() or by finish(). finish() waits until every byte is written;
// the destructor without finish() abandons the rest (the caller is unwinding,
// and the Writer then discards its temp file).

#include "engine/store/BlobStore.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace strata::engine::image {

class BackgroundBlobWriter {
public:
    explicit BackgroundBlobWriter(store::BlobStore::Writer &out);
    ~BackgroundBlobWriter();
    BackgroundBlobWriter(const BackgroundBlobWriter &) = delete;
    BackgroundBlobWriter &operator=(const BackgroundBlobWriter &) = delete;

    void write(const void *data, std::size_t size);
    void finish();

private:
    void run();
    void rethrowLocked(std::unique_lock<std::mutex> &lock);

    static constexpr std::size_t kBuffers = 8;

    store::BlobStore::Writer &m_out;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::vector<char>> m_free;  // buffers ready for write()
    std::deque<std::vector<char>> m_queued; // filled, in order, for the thread
    bool m_closing = false;                 // no more writes: drain and stop
    bool m_abandon = false;                 // stop now, drop what is queued
    std::exception_ptr m_error;
    std::thread m_thread;
};

} // namespace strata::engine::image
