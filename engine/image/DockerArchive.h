// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading the docker-archive format, as `docker save` (20.10: "<id>/layer.tar"
// + "<config-hex>.json"; 25+: the same manifest.json pointing into an OCI
// "blobs/sha256/" tree) and `podman save --format docker-archive`
// ("<diff-id>.tar" with "<id>/layer.tar" symlinks) write it:
//
//   manifest.json   [{"Config": path, "RepoTags": [..] | null, "Layers": [path, ...], "Parent"?}]
//   repositories    {"repo": {"tag": "<top layer id>"}} - legacy; tags come from RepoTags
//
// Layers are tars whose sha256 is the config's diff_id (Docker also accepts
// them compressed; we accept gzip and zstd, the image spec's encodings).

#include "engine/image/ArchiveView.h"
#include "engine/image/LoadPlan.h"

#include <vector>

namespace strata::engine::image {

// Reads manifest.json and every config it names, checks them (JSON shape,
// config digest against a digest-named file, layer count against
// rootfs.diff_ids, every layer entry present, tags valid) and returns the
// images to load. Throws InvalidArchive / DigestMismatch / UnsafePath naming
// the document; reads no layer.
[[nodiscard]] std::vector<PlannedImage> planDockerArchive(ArchiveView &view);

} // namespace strata::engine::image
