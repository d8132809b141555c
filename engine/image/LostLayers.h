// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// After a reboot, the layers whose data may not have reached the disk
// (store/PendingSync.h) go, with every layer built on them and every image
// using any of them, so that no image is ever listed over a half-written
// layer and `system check` stays clean.

#include "engine/util/Digest.h"

#include <set>
#include <string>
#include <vector>

namespace strata::engine::image {

class ImageStore;

struct LostLayerDrop {
    std::set<Digest> layers; // the lost ones and every layer above them
    struct DroppedImage {
        Digest id;
        std::vector<std::string> names; // tags and repo digests
        Digest layer;                   // the first of its layers that is doomed
    };
    std::vector<DroppedImage> images;
};

// What must go (reads only).
[[nodiscard]] LostLayerDrop planLostLayerDrop(const ImageStore &store, const std::vector<Digest> &lost);
// The images out of the index (one write), the layers removed, then the
// blobs nothing references any more. The caller first removes what else
// uses those images (containers). Holds the store lock.
void dropLostLayers(ImageStore &store, const LostLayerDrop &drop);

// "busybox:latest (sha256:1234567890ab)": how the recovery names an image.
[[nodiscard]] std::string describeDroppedImage(const LostLayerDrop::DroppedImage &image);

} // namespace strata::engine::image
