// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Copying stored blobs into an archive being saved, verified on the way
// ("digests are verified on every read"): a damaged store fails the save
// instead of producing an archive that no longer matches its manifest.

#include "engine/image/ImageStore.h"
#include "engine/layer/ByteStream.h"
#include "engine/util/Fs.h"

#include <filesystem>
#include <memory>

namespace strata::engine::image {

// Whether a layer keeps its blob as a tar-split (layer/TarSplit.h) instead
// of a file in blobs/: an uncompressed layer loaded as root does.
[[nodiscard]] bool keepsTarSplit(const ImageStore &store, const store::LayerRecord &layer);
// Whether blob `digest` can be read: a file in blobs/ or a layer's tar-split.
[[nodiscard]] bool blobReadable(const ImageStore &store, const Digest &digest);
// The bytes of blob `digest`, from blobs/ or rebuilt from a layer's
// tar-split; not verified (hash what you read). NotFound when neither.
[[nodiscard]] std::unique_ptr<layer::ByteSource> openBlob(const ImageStore &store, const Digest &digest);
// A blob's size, wherever it is kept. NotFound when missing.
[[nodiscard]] std::uint64_t blobSize(const ImageStore &store, const Digest &digest);

// A file holding blob `digest`, for what wants a path (registry uploads):
// the one in blobs/, or a verified copy rebuilt from a tar-split into the
// store's tmp/, removed when this object goes. NotFound when missing.
class BlobFile {
public:
    BlobFile(const ImageStore &store, const Digest &digest);
    [[nodiscard]] const std::filesystem::path &path() const { return m_path; }

private:
    fsutil::TempDir m_tmp;
    std::filesystem::path m_path;
};

// Streams blob `digest` as stored; DigestMismatch at the end when the bytes
// do not hash to it, NotFound when it is missing.
void copyVerifiedBlob(const ImageStore &store, const Digest &digest, layer::ByteSink &out);

// The layer as an uncompressed tar, as a docker-archive's layer.tar must be
// (its sha256 is the diff_id): the blob itself when it is uncompressed,
// else decompressed on the fly. Verifies blob digest and diff_id.
void copyLayerTar(const ImageStore &store, const store::LayerRecord &layer, layer::ByteSink &out);

// How many bytes copyLayerTar() writes.
[[nodiscard]] std::uint64_t layerTarSize(const store::LayerRecord &layer);

} // namespace strata::engine::image
