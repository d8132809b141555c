// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/Decoders.h"

#include "engine/Error.h"

#include <zlib.h>
#include <zstd.h>

namespace strata::engine::layer {
namespace {

[[noreturn]] void corrupt(const std::string &what)
{
    throw Error(ErrorCode::InvalidArchive, what);
}

// gzip (RFC 1952) through zlib with the gzip wrapper only (windowBits 15+16),
// which checks CRC-32 and ISIZE of every member. Concatenated members are one
// stream (RFC 1952 §2.2, and what Go's multistream gzip.Reader does); zero
// padding after the last member is tolerated like gzip(1) does, anything
// else after it is an error.
class GzipDecoder final : public Decoder {
public:
    explicit GzipDecoder(RawInput &input) : m_input(input)
    {
        if (inflateInit2(&m_z, 15 + 16) != Z_OK)
            throw Error(ErrorCode::Internal, "cannot initialise zlib");
    }
    ~GzipDecoder() override { inflateEnd(&m_z); }

    std::size_t decode(unsigned char *out, std::size_t capacity) override
    {
        m_z.next_out = out;
        m_z.avail_out = static_cast<uInt>(capacity);
        while (m_z.avail_out == capacity && !m_done) {
            if (m_betweenMembers)
                startNextMember();
            else
                inflateSome();
        }
        return capacity - m_z.avail_out;
    }

private:
    void inflateSome()
    {
        if (m_input.available() == 0)
            m_input.refill();
        m_z.next_in = const_cast<unsigned char *>(m_input.data());
        m_z.avail_in = static_cast<uInt>(m_input.available());
        const uInt before = m_z.avail_in;
        const uInt outBefore = m_z.avail_out;
        const int rc = inflate(&m_z, Z_NO_FLUSH);
        m_input.consume(before - m_z.avail_in);
        if (rc == Z_STREAM_END) {
            m_betweenMembers = true;
            return;
        }
        if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT)
            corrupt(std::string("corrupt gzip stream: ") + (m_z.msg ? m_z.msg : "invalid data"));
        if (rc == Z_MEM_ERROR)
            throw Error(ErrorCode::Io, "out of memory decompressing gzip");
        const bool stuck = before == m_z.avail_in && outBefore == m_z.avail_out;
        if (stuck && m_input.atEnd())
            corrupt("truncated gzip stream: the data ends before the gzip trailer");
    }

    void startNextMember()
    {
        if (m_input.available() == 0 && !m_input.refill()) {
            m_done = true;
            return;
        }
        const unsigned char first = *m_input.data();
        if (first == 0x1f) {
            inflateReset(&m_z);
            m_betweenMembers = false;
            return;
        }
        if (first != 0)
            corrupt("trailing garbage after the gzip stream");
        // Zero padding (tape blocking), which gzip(1) also tolerates.
        std::size_t zeros = 0;
        while (zeros < m_input.available() && m_input.data()[zeros] == 0)
            ++zeros;
        m_input.consume(zeros);
    }

    RawInput &m_input;
    z_stream m_z{};
    bool m_betweenMembers = false;
    bool m_done = false;
};

// zstd (RFC 8878) through libzstd's streaming decoder: it verifies the
// optional content checksum, handles concatenated and skippable frames, and
// tells us whether the last frame was complete.
class ZstdDecoder final : public Decoder {
public:
    explicit ZstdDecoder(RawInput &input) : m_input(input), m_ctx(ZSTD_createDCtx())
    {
        if (!m_ctx)
            throw Error(ErrorCode::Internal, "cannot initialise zstd");
    }
    ~ZstdDecoder() override { ZSTD_freeDCtx(m_ctx); }

    std::size_t decode(unsigned char *out, std::size_t capacity) override
    {
        ZSTD_outBuffer o{out, capacity, 0};
        while (o.pos == 0) {
            if (m_input.available() == 0)
                m_input.refill();
            ZSTD_inBuffer in{m_input.data(), m_input.available(), 0};
            const std::size_t rc = ZSTD_decompressStream(m_ctx, &o, &in);
            m_input.consume(in.pos);
            if (ZSTD_isError(rc))
                corrupt(std::string("corrupt zstd stream: ") + ZSTD_getErrorName(rc));
            // An empty call at the end answers with the header size of a
            // next frame: only calls that made progress say where we are.
            if (in.pos > 0 || o.pos > 0)
                m_pending = rc;
            if (o.pos == 0 && in.pos == 0 && m_input.atEnd()) {
                // rc != 0: the decoder still expects bytes of the current frame.
                if (m_pending != 0)
                    corrupt("truncated zstd stream: the data ends inside a frame");
                break;
            }
        }
        return o.pos;
    }

private:
    RawInput &m_input;
    ZSTD_DCtx *m_ctx;
    std::size_t m_pending = 0;
};

} // namespace

RawInput::RawInput(ByteSource &source, std::size_t chunkSize)
    : m_source(source), m_chunkSize(chunkSize), m_buffers(kBuffers), m_lastTicket(kBuffers, 0)
{
    m_buffers[0].resize(chunkSize);
}

std::size_t RawInput::readMore()
{
    auto &buf = m_buffers[m_current];
    const std::size_t n = m_source.read(buf.data() + m_end, buf.size() - m_end);
    if (n == 0) {
        m_eof = true;
        return 0;
    }
    m_lastTicket[m_current] = m_hash.update(buf.data() + m_end, n);
    m_end += n;
    return n;
}

// The caller has consumed the current buffer: go on in the next one, once
// the hashing thread is done with what that one held.
void RawInput::nextBuffer()
{
    std::size_t next = (m_current + 1) % m_buffers.size();
    if (m_buffers.size() < kMaxBuffers && !m_hash.hashed(m_lastTicket[next])) {
        // A new buffer right after the current one: the ring still refills
        // the oldest buffer next. The hashing thread's pointers stay valid
        // (moving a vector keeps its storage).
        next = m_current + 1;
        m_buffers.insert(m_buffers.begin() + static_cast<std::ptrdiff_t>(next), std::vector<unsigned char>());
        m_lastTicket.insert(m_lastTicket.begin() + static_cast<std::ptrdiff_t>(next), 0);
    }
    m_current = next;
    if (m_buffers[m_current].empty())
        m_buffers[m_current].resize(m_chunkSize);
    m_hash.waitHashed(m_lastTicket[m_current]);
    m_pos = m_end = 0;
}

void RawInput::fill(std::size_t want)
{
    while (!m_eof && available() < want && m_end < buffer().size())
        readMore();
}

bool RawInput::refill()
{
    if (m_eof)
        return available() > 0;
    if (available() == 0) {
        nextBuffer();
        while (!m_eof && m_end == 0)
            readMore();
    }
    return available() > 0;
}

std::unique_ptr<Decoder> makeGzipDecoder(RawInput &input)
{
    return std::make_unique<GzipDecoder>(input);
}

std::unique_ptr<Decoder> makeZstdDecoder(RawInput &input)
{
    return std::make_unique<ZstdDecoder>(input);
}

} // namespace strata::engine::layer
