// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/Encoders.h"

#include "engine/Error.h"

#include <vector>
#include <zlib.h>
#include <zstd.h>

namespace strata::engine::layer {
namespace {

constexpr std::size_t kOutChunk = 256 * 1024;

class PassThrough final : public Encoder {
public:
    explicit PassThrough(Emit emit) : m_emit(std::move(emit)) {}
    void write(const void *data, std::size_t size) override { m_emit(data, size); }
    void finish() override {}

private:
    Emit m_emit;
};

class GzipEncoder final : public Encoder {
public:
    explicit GzipEncoder(Emit emit) : m_emit(std::move(emit)), m_out(kOutChunk)
    {
        // windowBits 15 + 16: gzip wrapper; zlib writes mtime 0 and no file
        // name unless deflateSetHeader is called, so output depends only on
        // the input (and the zlib version).
        if (deflateInit2(&m_z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            throw Error(ErrorCode::Internal, "cannot initialise zlib");
    }
    ~GzipEncoder() override { deflateEnd(&m_z); }

    void write(const void *data, std::size_t size) override { run(data, size, Z_NO_FLUSH); }
    void finish() override { run(nullptr, 0, Z_FINISH); }

private:
    void run(const void *data, std::size_t size, int flush)
    {
        m_z.next_in = static_cast<Bytef *>(const_cast<void *>(data));
        m_z.avail_in = static_cast<uInt>(size);
        int rc = Z_OK;
        do {
            m_z.next_out = m_out.data();
            m_z.avail_out = static_cast<uInt>(m_out.size());
            rc = deflate(&m_z, flush);
            if (rc == Z_STREAM_ERROR)
                throw Error(ErrorCode::Internal, "zlib deflate failed");
            if (const std::size_t n = m_out.size() - m_z.avail_out)
                m_emit(m_out.data(), n);
        } while (m_z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    }

    Emit m_emit;
    z_stream m_z{};
    std::vector<unsigned char> m_out;
};

class ZstdEncoder final : public Encoder {
public:
    explicit ZstdEncoder(Emit emit) : m_emit(std::move(emit)), m_ctx(ZSTD_createCCtx()), m_out(kOutChunk)
    {
        if (!m_ctx)
            throw Error(ErrorCode::Internal, "cannot initialise zstd");
        // Level 3 is zstd's default; the checksum lets readers detect damage.
        ZSTD_CCtx_setParameter(m_ctx, ZSTD_c_compressionLevel, 3);
        ZSTD_CCtx_setParameter(m_ctx, ZSTD_c_checksumFlag, 1);
    }
    ~ZstdEncoder() override { ZSTD_freeCCtx(m_ctx); }

    void write(const void *data, std::size_t size) override { run(data, size, ZSTD_e_continue); }
    void finish() override { run(nullptr, 0, ZSTD_e_end); }

private:
    void run(const void *data, std::size_t size, ZSTD_EndDirective mode)
    {
        ZSTD_inBuffer in{data, size, 0};
        for (;;) {
            ZSTD_outBuffer out{m_out.data(), m_out.size(), 0};
            const std::size_t remaining = ZSTD_compressStream2(m_ctx, &out, &in, mode);
            if (ZSTD_isError(remaining))
                throw Error(ErrorCode::Internal, std::string("zstd: ") + ZSTD_getErrorName(remaining));
            if (out.pos > 0)
                m_emit(m_out.data(), out.pos);
            const bool done = mode == ZSTD_e_end ? remaining == 0 : in.pos == in.size;
            if (done)
                return;
        }
    }

    Emit m_emit;
    ZSTD_CCtx *m_ctx;
    std::vector<unsigned char> m_out;
};

} // namespace

std::unique_ptr<Encoder> makeEncoder(Compression c, Encoder::Emit emit)
{
    switch (c) {
    case Compression::Gzip: return std::make_unique<GzipEncoder>(std::move(emit));
    case Compression::Zstd: return std::make_unique<ZstdEncoder>(std::move(emit));
    case Compression::None: break;
    }
    return std::make_unique<PassThrough>(std::move(emit));
}

} // namespace strata::engine::layer
