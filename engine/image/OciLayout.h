// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading an OCI image layout (image-spec image-layout.md), from a directory
// or from a tar of one (an "oci-archive"):
//
//   oci-layout        {"imageLayoutVersion": "1.0.0"}
//   index.json        an image index; each entry is one image (or a nested
//                     index: a multi-platform image, of which we take the
//                     host's platform or the only one)
//   blobs/sha256/<hex> manifests, configs, layers; every blob is checked
//                     against its digest and size when read
//
// Names, from the top-level entry's annotations: "io.containerd.image.name"
// (containerd, Docker 25, and us: the full "docker.io/library/busybox:latest")
// first, as podman's libimage does; else "org.opencontainers.image.ref.name"
// when it is a whole reference (podman writes "localhost/bb:v1"). A bare
// ref.name ("latest", as skopeo's oci:DIR:latest and umoci write) names no
// repository, so such an image loads untagged.

#include "engine/image/ArchiveView.h"
#include "engine/image/LoadPlan.h"

#include <vector>

namespace strata::engine::image {

// Checks oci-layout and index.json, picks each entry's manifest, reads and
// verifies manifests and configs, checks that every layer blob is present
// with the size its descriptor gives. Reads no layer. Throws InvalidArchive,
// DigestMismatch, Unsupported (media types, layout version) and NotFound
// (no manifest for this platform).
[[nodiscard]] std::vector<PlannedImage> planOciLayout(ArchiveView &view);

} // namespace strata::engine::image
