// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/LayerOutput.h"

#include <cstring>

namespace strata::engine::layer {
namespace {

constexpr std::size_t kSinkBatch = 256 * 1024;

} // namespace

LayerOutput::LayerOutput(ByteSink &sink, Compression compression)
    : m_sink(sink), m_compressed(compression != Compression::None),
      m_encoder(makeEncoder(compression, [this](const void *data, std::size_t size) { emit(data, size); }))
{
    m_buffer.reserve(kSinkBatch);
}

void LayerOutput::write(const void *data, std::size_t size)
{
    if (m_compressed)
        m_tarHash.update(data, size);
    m_tarSize += size;
    m_encoder->write(data, size);
}

void LayerOutput::emit(const void *data, std::size_t size)
{
    m_blobHash.update(data, size);
    m_blobSize += size;
    if (m_buffer.size() + size > kSinkBatch)
        flush();
    if (size >= kSinkBatch) {
        m_sink.write(data, size);
        return;
    }
    const auto *p = static_cast<const char *>(data);
    m_buffer.insert(m_buffer.end(), p, p + size);
}

void LayerOutput::flush()
{
    if (!m_buffer.empty())
        m_sink.write(m_buffer.data(), m_buffer.size());
    m_buffer.clear();
}

void LayerOutput::finish()
{
    m_encoder->finish();
    flush();
    m_blobDigest = m_blobHash.finish();
    // Uncompressed output is its own tar: one hash serves both digests.
    m_diffId = m_compressed ? m_tarHash.finish() : m_blobDigest;
}

} // namespace strata::engine::layer
