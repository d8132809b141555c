// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/BlobCopy.h"

#include "engine/Error.h"
#include "engine/layer/LayerInput.h"
#include "engine/layer/TarSplit.h"

#include "engine/util/UniqueFd.h"

#include <fcntl.h>
#include <optional>
#include <unistd.h>

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

void copyVerified(layer::ByteSource &in, const Digest &digest, layer::ByteSink &out)
{
    Sha256 hash;
    std::vector<char> buffer(1 << 20);
    while (const std::size_t n = in.read(buffer.data(), buffer.size())) {
        hash.update(buffer.data(), n);
        out.write(buffer.data(), n);
    }
    if (const Digest actual = hash.finish(); actual != digest)
        damaged("blob", digest, actual);
}

[[noreturn]] void missing(const Digest &digest)
{
    throw Error(ErrorCode::NotFound, "blob " + digest.str() + " is missing from the store");
}

// A layer whose tar-split rebuilds `digest`, if any.
std::optional<store::LayerRecord> splitLayerFor(const ImageStore &store, const Digest &digest)
{
    for (const auto &layer : store.layers().list())
        if (layer.blob == digest && keepsTarSplit(store, layer))
            return layer;
    return std::nullopt;
}

} // namespace

bool keepsTarSplit(const ImageStore &store, const store::LayerRecord &layer)
{
    return ::access((store.layers().layerDir(layer.chainId) / layer::kTarSplitFile).c_str(), F_OK) == 0;
}

bool blobReadable(const ImageStore &store, const Digest &digest)
{
    return store.blobs().has(digest) || splitLayerFor(store, digest).has_value();
}

std::unique_ptr<layer::ByteSource> openBlob(const ImageStore &store, const Digest &digest)
{
    if (store.blobs().has(digest))
        return layer::openFileSource(store.blobs().pathFor(digest));
    if (const auto layer = splitLayerFor(store, digest))
        return layer::openTarSplit(store.layers().layerDir(layer->chainId));
    missing(digest);
}

std::uint64_t blobSize(const ImageStore &store, const Digest &digest)
{
    if (store.blobs().has(digest))
        return store.blobs().size(digest);
    if (const auto layer = splitLayerFor(store, digest))
        return layer->blobSize;
    missing(digest);
}

void copyVerifiedBlob(const ImageStore &store, const Digest &digest, layer::ByteSink &out)
{
    auto in = openBlob(store, digest);
    copyVerified(*in, digest, out);
}

BlobFile::BlobFile(const ImageStore &store, const Digest &digest)
{
    if (store.blobs().has(digest)) {
        m_path = store.blobs().pathFor(digest);
        return;
    }
    m_tmp = fsutil::TempDir(store.layout().tmpDir(), "blob-");
    m_path = m_tmp.path() / digest.hex();
    util::UniqueFd fd(::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!fd.valid())
        throwErrno("create " + m_path.string());
    auto sink = layer::makeFdSink(fd.get(), m_path.string());
    copyVerifiedBlob(store, digest, *sink);
}

void copyLayerTar(const ImageStore &store, const store::LayerRecord &layer, layer::ByteSink &out)
{
    if (isUncompressed(layer)) {
        if (!store.blobs().has(layer.blob) && keepsTarSplit(store, layer)) {
            auto in = layer::openTarSplit(store.layers().layerDir(layer.chainId));
            copyVerified(*in, layer.blob, out);
            return;
        }
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
