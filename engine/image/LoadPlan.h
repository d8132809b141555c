// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a load will do, worked out from an archive's small documents before
// a single layer is read: the images with their configs (already digest-
// checked), tags and, per layer, which archive entry holds it and which
// digests it must have. The format readers (DockerArchive, OciLayout)
// produce it; LoadExecutor carries it out. Everything that can be checked
// without reading layers is checked while planning, so a bad archive fails
// before the store is touched.

#include "engine/image/OciTypes.h"
#include "engine/util/Digest.h"

#include <optional>
#include <string>
#include <vector>

namespace strata::engine::image {

struct PlannedLayer {
    std::string entry;          // resolved archive entry holding the layer blob
    Digest diffId;              // from the config: rootfs.diff_ids[i]
    std::optional<Digest> blob; // from a manifest descriptor: the blob's own digest
    std::string mediaType;      // from a manifest descriptor; empty = detect from the bytes
};

struct PlannedImage {
    std::string where;          // names the image in messages: "manifest.json image 1"
    Digest id;                  // sha256 of configBytes
    std::string configBytes;
    ImageConfig config;
    std::vector<PlannedLayer> layers;          // bottom to top, as many as config.diffIds
    std::vector<std::string> tags;             // familiar "repo:tag", normalised
    std::optional<std::string> manifestBytes;  // OCI: kept as is so the manifest digest survives
    Digest parent;                             // docker-archive "Parent", when given
};

// Adds `tags` of a second mention of the same image to the first (an archive
// may list one image several times under different names).
void mergePlannedImage(std::vector<PlannedImage> &plans, PlannedImage image);

// A name found in an archive as a familiar "repo:tag" (normaliseTag);
// InvalidArchive naming `where` when it is not a valid reference.
[[nodiscard]] std::string archiveTag(const std::string &name, const std::string &where);

} // namespace strata::engine::image
