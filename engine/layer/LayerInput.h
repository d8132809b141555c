// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One pass over a layer blob: raw bytes -> blob digest -> decoder -> diff_id
// -> tar bytes handed to the tar reader. Nothing is buffered beyond one chunk.

#include "engine/layer/ByteStream.h"
#include "engine/layer/Decoders.h"
#include "engine/layer/LayerApplier.h"

#include <memory>
#include <vector>

namespace strata::engine::layer {

class LayerInput {
public:
    // Reads the head of the stream and picks the decoder. Throws Unsupported
    // for other compressors and archive formats.
    // More than `maxTarBytes` of uncompressed tar is an InvalidArchive (ReadLimits.h).
    explicit LayerInput(ByteSource &source, std::uint64_t maxTarBytes = ReadLimits{}.maxTarBytes);
    ~LayerInput();

    [[nodiscard]] Compression compression() const { return m_compression; }

    struct Chunk {
        const void *data = nullptr;
        std::size_t size = 0; // 0 at the end of the tar stream
    };
    // The next piece of uncompressed tar, already hashed. Valid until the next call.
    Chunk next();
    // Reads, decodes and hashes whatever is left (padding after the tar's end
    // marker, trailing members), so the digests cover the whole blob.
    void drain();

    // Available after drain().
    [[nodiscard]] Digest blobDigest();
    [[nodiscard]] Digest diffId();
    [[nodiscard]] std::uint64_t blobSize() const { return m_raw.size(); }
    [[nodiscard]] std::uint64_t tarSize() const { return m_tarBytes; }

private:
    Chunk nextRaw();
    void count(std::size_t n);

    RawInput m_raw;
    Compression m_compression = Compression::None;
    std::unique_ptr<Decoder> m_decoder;
    std::vector<unsigned char> m_out;
    Sha256 m_tarHash; // unused for Compression::None: the tar is the blob
    std::uint64_t m_tarBytes = 0;
    std::uint64_t m_maxTarBytes;
    Digest m_blobDigest;
    Digest m_diffId;
};

} // namespace strata::engine::layer
