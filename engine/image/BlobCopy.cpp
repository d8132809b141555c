// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/BlobCopy.h"

#include "engine/Error.h"
#include "engine/layer/LayerInput.h"

#include <vector>

namespace strata::engine::image {
namespace {

// An uncompressed layer's blob is its tar: the two digests coincide.
bool isUncompressed(const store::LayerRecord &layer)
{
    return layer.blob == layer.diffId;
}

[[noreturn]] void damaged(const std::string &what, const Digest &expected, const Digest &actual)
{
    throw Error(ErrorCode::DigestMismatch,
                what + " " + expected.str() + " hashes to " + actual.str() + " (store corrupted)");
}

} // namespace

void copyVerifiedBlob(const ImageStore &store, const Digest &digest, layer::ByteSink &out)
{
    if (!store.blobs().has(digest))
        throw Error(ErrorCode::NotFound, "blob " + digest.str() + " is missing from the store");
    auto in = layer::openFileSource(store.blobs().pathFor(digest));
    Sha256 hash;
    std::vector<char> buffer(1 << 20);
    while (const std::size_t n = in->read(buffer.data(), buffer.size())) {
        hash.update(buffer.data(), n);
        out.write(buffer.data(), n);
    }
    if (const Digest actual = hash.finish(); actual != digest)
        damaged("blob", digest, actual);
}

void copyLayerTar(const ImageStore &store, const store::LayerRecord &layer, layer::ByteSink &out)
{
    if (isUncompressed(layer)) {
        copyVerifiedBlob(store, layer.blob, out);
        return;
    }
    if (!store.blobs().has(layer.blob))
        throw Error(ErrorCode::NotFound, "blob " + layer.blob.str() + " is missing from the store");
    auto raw = layer::openFileSource(store.blobs().pathFor(layer.blob));
    layer::LayerInput input(*raw); // gzip/zstd through the CRC-checking decoders
    for (auto chunk = input.next(); chunk.size > 0; chunk = input.next())
        out.write(chunk.data, chunk.size);
    if (const Digest blob = input.blobDigest(); blob != layer.blob)
        damaged("blob", layer.blob, blob);
    if (const Digest diffId = input.diffId(); diffId != layer.diffId)
        damaged("layer with diff_id", layer.diffId, diffId);
}

std::uint64_t layerTarSize(const store::LayerRecord &layer)
{
    return isUncompressed(layer) ? layer.blobSize : layer.tarSize;
}

} // namespace strata::engine::image
