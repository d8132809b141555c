// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/LayerHistory.h"

namespace strata::engine::image {

std::vector<HistoryEntry> layerHistory(const ImageConfig &config)
{
    std::vector<HistoryEntry> out;
    for (const auto &h : config.history)
        if (!h.emptyLayer)
            out.push_back(h);
    return out;
}

} // namespace strata::engine::image
