// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where libarchive's tar bytes go when writing a layer: hashed (diff_id),
// compressed, hashed again (blob digest) and handed to the sink in large
// pieces — the digests come out of the same pass as the bytes, like umoci's
// io.MultiWriter in oci/cas/dir.

#include "engine/layer/ByteStream.h"
#include "engine/layer/Encoders.h"
#include "engine/layer/LayerApplier.h"
#include "engine/util/Digest.h"

#include <memory>
#include <vector>

namespace strata::engine::layer {

class LayerOutput {
public:
    LayerOutput(ByteSink &sink, Compression compression);

    // Uncompressed tar bytes.
    void write(const void *data, std::size_t size);
    // Ends the compressed stream and flushes everything to the sink.
    void finish();

    // Available after finish().
    [[nodiscard]] Digest diffId() const { return m_diffId; }
    [[nodiscard]] Digest blobDigest() const { return m_blobDigest; }
    [[nodiscard]] std::uint64_t tarSize() const { return m_tarSize; }
    [[nodiscard]] std::uint64_t blobSize() const { return m_blobSize; }

private:
    void emit(const void *data, std::size_t size);
    void flush();

    ByteSink &m_sink;
    bool m_compressed;
    Sha256 m_tarHash;
    Sha256 m_blobHash;
    std::unique_ptr<Encoder> m_encoder;
    std::vector<char> m_buffer; // batches libarchive's 512-byte writes for the sink
    Digest m_diffId;
    Digest m_blobDigest;
    std::uint64_t m_tarSize = 0;
    std::uint64_t m_blobSize = 0;
};

} // namespace strata::engine::layer
