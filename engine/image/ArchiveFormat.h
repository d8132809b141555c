// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which of the two image archive formats an archive (or directory) is.

#include "engine/image/ArchiveView.h"

namespace strata::engine::image {

enum class ArchiveKind {
    DockerArchive, // manifest.json (+ repositories, legacy <id>/ dirs): `docker save`, `podman save`
    OciLayout,     // oci-layout + index.json + blobs/ (image-layout.md): oci-archive / oci-dir
};

[[nodiscard]] const char *toString(ArchiveKind kind);

// manifest.json wins when both are present: Docker 25 writes the hybrid,
// and its manifest.json lists every saved image with its tags, as
// `docker load` reads it. Throws InvalidArchive when neither is there, and
// Unsupported for the pre-1.10 layout (a `repositories` file alone).
[[nodiscard]] ArchiveKind detectArchiveKind(const ArchiveView &view);

} // namespace strata::engine::image
