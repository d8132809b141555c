// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// fsck for the image side of a store (`strata system check`): every blob's
// digest, every layer's chain (its name, parent, diff and record), every
// image's references (manifest, config, layer blobs, layer chain) and
// every tag's target. With repair, what is damaged goes: a corrupt blob, a
// layer whose record or chain is broken (and the layers above it), an image
// whose content is incomplete (with its tags). Nothing that checks out is
// ever touched.

#include <string>
#include <vector>

namespace strata::engine::image {

class ImageStore;

struct StoreCheckReport {
    std::vector<std::string> problems; // what is wrong, one line each (after repair: what is still wrong)
    std::vector<std::string> repaired; // what repair removed
    int blobs = 0;
    int layers = 0;
    int images = 0;
    int containers = 0;
};

// Checks (and with repair, fixes) blobs, layers and images; appends to `report`.
void checkImageStore(ImageStore &store, bool repair, StoreCheckReport &report);

} // namespace strata::engine::image
