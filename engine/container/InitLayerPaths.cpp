// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/InitLayerPaths.h"

#include "engine/layer/FsAt.h"

#include <algorithm>
#include <functional>

namespace strata::engine::container {
namespace {

bool isInitPath(const std::string &path)
{
    const auto &all = initLayerPaths();
    return std::find(all.begin(), all.end(), path) != all.end();
}

// An ancestor of some init path ("etc" for "etc/hosts").
bool holdsInitPath(const std::string &path)
{
    return std::any_of(initLayerPaths().begin(), initLayerPaths().end(), [&](const std::string &init) {
        return init != path && layer::isWithin(init, path);
    });
}

// The shared rule over any list whose items name a path and an opaque flag.
template <typename T>
std::vector<T> filterInit(std::vector<T> items, const std::function<const layer::Change &(const T &)> &changeOf)
{
    bool removed = false;
    std::vector<T> kept;
    kept.reserve(items.size());
    for (auto &item : items) {
        if (isInitPath(changeOf(item).path))
            removed = true;
        else
            kept.push_back(std::move(item));
    }
    if (!removed)
        return kept;
    // Drop directory entries above the init files that now cover nothing.
    std::vector<T> out;
    out.reserve(kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const layer::Change &c = changeOf(kept[i]);
        const bool candidate = c.kind != layer::ChangeKind::Deleted && !c.opaque && holdsInitPath(c.path);
        if (!candidate) {
            out.push_back(std::move(kept[i]));
            continue;
        }
        const bool coversOthers = std::any_of(kept.begin(), kept.end(), [&](const T &other) {
            const std::string &p = changeOf(other).path;
            return p != c.path && layer::isWithin(p, c.path);
        });
        if (coversOthers)
            out.push_back(std::move(kept[i]));
    }
    return out;
}

} // namespace

const std::vector<std::string> &initLayerPaths()
{
    static const std::vector<std::string> paths{"etc/hostname", "etc/hosts", "etc/resolv.conf"};
    return paths;
}

std::vector<fs::drivers::ContainerChange> withoutInitFiles(std::vector<fs::drivers::ContainerChange> changes)
{
    return filterInit<fs::drivers::ContainerChange>(
        std::move(changes), [](const fs::drivers::ContainerChange &c) -> const layer::Change & { return c.change; });
}

layer::ChangeSet withoutInitFiles(layer::ChangeSet changes)
{
    return filterInit<layer::Change>(std::move(changes), [](const layer::Change &c) -> const layer::Change & { return c; });
}

} // namespace strata::engine::container
