// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which images a `save` writes, under which names, following Docker
// (image/tarexport/save.go parseNames):
//   "busybox:1.0"    that image, named busybox:1.0
//   "busybox"        every tag of the repository busybox, each by name
//   "sha256:…", an id or unique id prefix, "name@digest"
//                    that image, without a name
// An image named several times is written once with all its names; shared
// layers once.

#include "engine/image/ImageStore.h"

#include <string>
#include <vector>

namespace strata::engine::image {

struct SavedImage {
    Image image;
    std::vector<std::string> tags;            // familiar "repo:tag", in the order asked
    std::vector<store::LayerRecord> layers;   // bottom to top
    std::int64_t created = 0;                 // unix seconds from the config (0 when absent)
};

// Throws NotFound "No such image: <ref>" / InvalidArgument like resolve().
[[nodiscard]] std::vector<SavedImage> resolveSaveSet(const ImageStore &store, const std::vector<std::string> &refs);

} // namespace strata::engine::image
