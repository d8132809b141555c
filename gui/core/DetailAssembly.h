// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The explorer's and the layer-stack scene's data for one image, put
// together from its parts: the same for Strata's own engine (EngineWorker)
// and a real host (HostWorker), which only differ in where the parts come from.

#include "core/Snapshots.h"

namespace strata::gui {

struct DetailParts {
    QString ref;
    std::string id;
    std::vector<engine::LayerView> layers;
    engine::fs::UnionView view;
    engine::image::Json inspect;
    std::vector<engine::HistoryRow> history;
};

// Engine (or host) thread: walks the view once for the explorer's trees
// and the wasted-space list.
[[nodiscard]] ImageDetailPtr assembleDetail(DetailParts parts);

} // namespace strata::gui
