// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/LayerInput.h"

#include "engine/Error.h"
#include "engine/layer/Compression.h"

namespace strata::engine::layer {
namespace {

// Big enough that a 5 MiB file is a handful of writes, small enough to stay in L2/L3.
constexpr std::size_t kChunkSize = 1 << 20;

} // namespace

LayerInput::LayerInput(ByteSource &source, std::uint64_t maxTarBytes)
    : m_raw(source, kChunkSize), m_maxTarBytes(maxTarBytes)
{
    m_raw.fill(kSniffSize);
    const void *head = m_raw.data();
    const std::size_t size = m_raw.available();
    // A tar header first: its first bytes are a file name, and a file called
    // "BZh..." or "PK..." must not be mistaken for bzip2 or zip.
    if (looksLikeTarHeader(head, size))
        return;
    m_compression = detectCompression(head, size);
    if (m_compression == Compression::Gzip)
        m_decoder = makeGzipDecoder(m_raw);
    else if (m_compression == Compression::Zstd)
        m_decoder = makeZstdDecoder(m_raw);
    else if (const ForeignFormat f = detectForeignFormat(head, size); !f.name.empty())
        throw Error(ErrorCode::Unsupported,
                    f.compression ? "unsupported layer compression: " + std::string(f.name) +
                                        " (layers may be uncompressed, gzip or zstd)"
                                  : "unsupported layer format: " + std::string(f.name) + " (a layer must be a tar)");
    if (m_decoder)
        m_out.resize(kChunkSize);
}

LayerInput::~LayerInput() = default;

LayerInput::Chunk LayerInput::nextRaw()
{
    if (m_raw.available() == 0 && !m_raw.refill())
        return {};
    Chunk c{m_raw.data(), m_raw.available()};
    m_raw.consume(c.size);
    count(c.size);
    return c;
}

LayerInput::Chunk LayerInput::next()
{
    if (!m_decoder)
        return nextRaw();
    const std::size_t n = m_decoder->decode(m_out.data(), m_out.size());
    m_tarHash.update(m_out.data(), n);
    count(n);
    return {m_out.data(), n};
}

void LayerInput::count(std::size_t n)
{
    m_tarBytes += n;
    if (m_tarBytes > m_maxTarBytes)
        capExceeded("the layer's uncompressed size", m_maxTarBytes, "STRATA_LAYER_MAX_BYTES");
}

void LayerInput::drain()
{
    while (next().size > 0) {
    }
}

Digest LayerInput::blobDigest()
{
    if (m_blobDigest.empty())
        m_blobDigest = m_raw.finishHash();
    return m_blobDigest;
}

Digest LayerInput::diffId()
{
    if (!m_decoder)
        return blobDigest();
    if (m_diffId.empty())
        m_diffId = m_tarHash.finish();
    return m_diffId;
}

} // namespace strata::engine::layer
