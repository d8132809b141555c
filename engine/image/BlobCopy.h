// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Copying stored blobs into an archive being saved, verified on the way
// ("digests are verified on every read"): a damaged store fails the save
// instead of producing an archive that no longer matches its manifest.

#include "engine/image/ImageStore.h"
#include "engine/layer/ByteStream.h"

namespace strata::engine::image {

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
