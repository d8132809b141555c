// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/DetailAssembly.h"

namespace strata::gui {

ImageDetailPtr assembleDetail(DetailParts parts)
{
    auto d = std::make_shared<ImageDetail>();
    d->ref = parts.ref;
    d->id = std::move(parts.id);
    d->layers = std::move(parts.layers);
    auto view = std::make_shared<engine::fs::UnionView>(std::move(parts.view));
    d->merged = std::make_shared<ExplorerTree>(ExplorerTree::merged(*view));
    for (std::size_t l = 0; l < view->layerCount(); ++l)
        d->perLayer.push_back(std::make_shared<ExplorerTree>(ExplorerTree::layer(*view, static_cast<int>(l))));
    d->wasted = engine::fs::wastedFiles(*view);
    d->wastedBytes = view->wastedBytes();
    d->view = view;
    const auto &inspect = parts.inspect;
    d->inspectJson = inspect.dump(2);
    d->history = std::move(parts.history);
    if (inspect.contains("GraphDriver") && inspect["GraphDriver"].is_object() && inspect["GraphDriver"].contains("Data") &&
        inspect["GraphDriver"]["Data"].is_object()) {
        const auto &data = inspect["GraphDriver"]["Data"];
        auto get = [&](const char *k) {
            return data.contains(k) && data[k].is_string() ? data[k].get<std::string>() : std::string();
        };
        d->lowerDirs = get("LowerDir");
        d->upperDir = get("UpperDir");
        d->workDir = get("WorkDir");
        d->mergedDir = get("MergedDir");
    }
    return d;
}

} // namespace strata::gui
