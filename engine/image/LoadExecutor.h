// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Carries out a LoadPlan: ingests the layers the store does not hold yet and
// registers the images with their tags.
//
// Each archive entry is read once, in the archive's own order, straight into
// ImageStore::ingestLayer (which stores the blob and unpacks it in the same
// pass). Order does not matter: a layer's chain id, and so its place in the
// store, follows from the config's diff_ids alone. An entry needed at two
// positions (the same tar under different parents) is read from the archive
// for the first and from the blob just stored for the others.

#include "engine/image/ArchiveView.h"
#include "engine/image/ImageLoad.h"
#include "engine/image/ImageStore.h"
#include "engine/image/LoadPlan.h"

#include <vector>

namespace strata::engine::image {

// Call with the store lock held, inside a StoreTransaction. Emits the layer
// events (through ingestLayer) and one ImageLoaded per image.
[[nodiscard]] std::vector<LoadedImage> executeLoad(ImageStore &store, ArchiveView &view,
                                                   const std::vector<PlannedImage> &plans);

} // namespace strata::engine::image
