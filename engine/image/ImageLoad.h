// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `docker load`: images from a docker-archive, an oci-archive or an OCI
// layout directory into the store.

#include "engine/image/ImageStore.h"

#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::image {

struct LoadedImage {
    Digest id;                     // image id (config digest)
    std::vector<std::string> tags; // familiar "repo:tag"; empty: print "Loaded image ID: <id>"
};

struct LoadResult {
    std::vector<LoadedImage> images; // in the archive's order
};

// Loads every image in `input`: a tar file (uncompressed, gzip, zstd, bzip2
// or xz; docker-archive or oci-archive, detected from the entries), "-" for
// stdin, or an OCI layout directory. Verifies every digest: configs and OCI
// blobs against their names, layers against rootfs.diff_ids. Tags in the
// archive move to the loaded images (a previous holder keeps its id).
//
// Atomic: all JSON is read and checked before any layer; the whole load runs
// under the store lock; on any error the blobs, layers and index entries it
// added are removed again, leaving the store as it was. Errors name the input
// and the problem ("busybox.tar: layer 2: content hashes to diff_id ...,
// the config says ..."): InvalidArchive, DigestMismatch, UnsafePath (a layer
// entry escaping its root), Unsupported (compression, media type), NotFound
// (no such file; no manifest for this platform), Io.
// Emits the layer events, ImageLoaded per image, RefAdded per tag.
LoadResult loadArchive(ImageStore &store, const std::filesystem::path &input);

} // namespace strata::engine::image
