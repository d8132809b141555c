// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The raw blob as it arrives (hashed on the way in for the blob digest) and
// the decoders that turn it into tar bytes. gzip and zstd are decoded with
// zlib and libzstd directly rather than libarchive's filters: libarchive
// 3.6.2 does not check the gzip CRC-32/ISIZE trailer ("XXX TODO: Verify the
// length and CRC" in archive_read_support_filter_gzip.c), and a layer whose
// bytes were damaged must not unpack as if nothing happened.

#include "engine/layer/ByteStream.h"
#include "engine/util/BackgroundSha256.h"

#include <cstddef>
#include <memory>
#include <vector>

namespace strata::engine::layer {

// The bytes are read into a few chunk buffers in turn, so the blob digest
// is computed on a second thread (BackgroundSha256) while the caller uses
// the newest chunk: a buffer is refilled only once its bytes are hashed.
// When the hashing thread falls behind (on a busy machine it waits for a
// CPU), the reader takes a new buffer instead of waiting, up to
// kMaxBuffers: the hash then catches up while the small files unpack.
class RawInput {
public:
    RawInput(ByteSource &source, std::size_t chunkSize);

    // Reads until at least `want` bytes are buffered or the stream ends.
    void fill(std::size_t want);
    // Replaces the buffer with the next chunk when it is empty; false at the end.
    bool refill();

    [[nodiscard]] const unsigned char *data() const { return buffer().data() + m_pos; }
    [[nodiscard]] std::size_t available() const { return m_end - m_pos; }
    void consume(std::size_t n) { m_pos += n; }
    [[nodiscard]] bool atEnd() const { return m_eof && m_pos == m_end; }

    // The digest of every byte read (the blob digest).
    [[nodiscard]] Digest finishHash() { return m_hash.finish(); }
    [[nodiscard]] std::uint64_t size() const { return m_hash.bytes(); }

private:
    static constexpr std::size_t kBuffers = 4;     // used in turn while hashing keeps up
    static constexpr std::size_t kMaxBuffers = 32; // while it does not

    std::size_t readMore();
    [[nodiscard]] const std::vector<unsigned char> &buffer() const { return m_buffers[m_current]; }
    void nextBuffer();

    ByteSource &m_source;
    std::size_t m_chunkSize;
    std::vector<std::vector<unsigned char>> m_buffers; // in the order they are filled; allocated when first used
    std::vector<std::uint64_t> m_lastTicket;           // the hash ticket of each buffer's last bytes
    std::size_t m_current = 0;
    std::size_t m_pos = 0; // first unconsumed byte
    std::size_t m_end = 0; // end of valid bytes
    bool m_eof = false;
    BackgroundSha256 m_hash; // last: stops hashing before the buffers go away
};

// Produces decoded bytes into `out`; 0 means the stream ended cleanly.
// Throws InvalidArchive on corrupt or truncated input.
class Decoder {
public:
    virtual ~Decoder() = default;
    virtual std::size_t decode(unsigned char *out, std::size_t capacity) = 0;
};

[[nodiscard]] std::unique_ptr<Decoder> makeGzipDecoder(RawInput &input);
[[nodiscard]] std::unique_ptr<Decoder> makeZstdDecoder(RawInput &input);

} // namespace strata::engine::layer
