// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which history entries of an image config made its layers.

#include "engine/image/OciTypes.h"

#include <vector>

namespace strata::engine::image {

// The history entries that made layers (not empty_layer), bottom to top:
// Docker pairs them with rootfs.diff_ids in order.
[[nodiscard]] std::vector<HistoryEntry> layerHistory(const ImageConfig &config);

} // namespace strata::engine::image
