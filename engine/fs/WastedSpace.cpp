// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/WastedSpace.h"

#include <algorithm>
#include <unordered_map>

namespace strata::engine::fs {

std::vector<WastedFile> wastedFiles(const UnionView &view)
{
    // path -> the layers (bottom first) that delete it or make it an opaque dir
    std::unordered_map<std::string, std::vector<int>> deletedBy;
    for (std::size_t l = 0; l < view.changes().size(); ++l)
        for (const auto &c : view.changes()[l])
            if (c.change.kind == layer::ChangeKind::Deleted || c.change.opaque)
                deletedBy[c.change.path].push_back(static_cast<int>(l));
    // The first layer above `layer` that deletes the path or one of its
    // directories (a whiteout of /usr/share hides every file under it).
    auto deleter = [&](std::string path, int layer) {
        for (;;) {
            if (const auto d = deletedBy.find(path); d != deletedBy.end())
                for (const int l : d->second)
                    if (l > layer)
                        return l;
            const auto slash = path.rfind('/');
            if (slash == std::string::npos)
                return -1;
            path.resize(slash);
        }
    };
    std::vector<WastedFile> out;
    for (const auto &[path, versions] : view.versions()) {
        const auto winner = view.merged().find(path);
        for (std::size_t i = 0; i < versions.size(); ++i) {
            const auto &v = versions[i];
            if (winner != view.merged().end() && winner->second.layer == v.layer)
                continue;
            if (v.type != EntryType::File || v.size == 0)
                continue;
            WastedFile w;
            w.path = path;
            w.bytes = v.size;
            w.layer = v.layer;
            const int deletedAt = deleter(path, v.layer);
            if (i + 1 < versions.size() && (deletedAt < 0 || versions[i + 1].layer < deletedAt)) {
                w.byLayer = versions[i + 1].layer;
            } else {
                w.deleted = true;
                w.byLayer = deletedAt;
            }
            out.push_back(std::move(w));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.bytes > b.bytes; });
    return out;
}

} // namespace strata::engine::fs
