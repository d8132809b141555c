// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writing an OCI image layout (image-layout.md): oci-layout, index.json and
// blobs/sha256/ holding each image's manifest, config and layer blobs
// exactly as stored (layers keep their compression; the manifest keeps its
// digest, so `repo@digest` still names it after a round trip).
//
// index.json gets one entry per name asked for, annotated the way Docker 25
// and containerd do (OciAnnotations.h): io.containerd.image.name = the full
// name, org.opencontainers.image.ref.name = the tag. An image saved by id
// gets one entry without annotations.

#include "engine/image/ArchiveContents.h"
#include "engine/image/SaveSet.h"

#include <vector>

namespace strata::engine::image {

void addOciLayout(ArchiveContents &contents, const ImageStore &store, const std::vector<SavedImage> &images);

} // namespace strata::engine::image
