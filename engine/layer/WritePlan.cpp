// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/WritePlan.h"

#include "engine/Error.h"
#include "engine/layer/FsAt.h"
#include "engine/layer/LayerWriter.h"
#include "engine/layer/PathResolver.h"
#include "engine/layer/Whiteout.h"

#include <algorithm>
#include <filesystem>

namespace strata::engine::layer {
namespace {

// Change paths are "relative, no leading slash"; be lenient about a leading
// slash (it means the same thing here) but not about "..".
std::string normaliseChangePath(const std::string &path)
{
    std::string_view p = path;
    while (!p.empty() && p.front() == '/')
        p.remove_prefix(1);
    return withErrorContext("change \"" + path + "\"", [&] { return normaliseEntryName(p); });
}

} // namespace

bool pathLess(std::string_view a, std::string_view b)
{
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i] == b[i])
            continue;
        if (a[i] == '/')
            return true;
        if (b[i] == '/')
            return false;
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    }
    return a.size() < b.size();
}

std::vector<PlannedEntry> planEntries(const ChangeSet &changes)
{
    std::vector<PlannedEntry> plan;
    plan.reserve(changes.size());
    for (const Change &c : changes) {
        const std::string path = normaliseChangePath(c.path);
        if (path.empty())
            continue; // the root itself is never an entry of a diff
        if (c.kind == ChangeKind::Deleted) {
            const auto [dir, base] = splitParent(path);
            plan.push_back({joinPath(dir, std::string(kWhiteoutPrefix) + std::string(base)), path,
                            PlannedEntry::Kind::Whiteout});
            continue;
        }
        plan.push_back({path, path, PlannedEntry::Kind::Path});
        if (c.opaque)
            plan.push_back({joinPath(path, kOpaqueMarker), path, PlannedEntry::Kind::Opaque});
    }
    std::stable_sort(plan.begin(), plan.end(),
                     [](const PlannedEntry &a, const PlannedEntry &b) { return pathLess(a.tarName, b.tarName); });
    plan.erase(std::unique(plan.begin(), plan.end(),
                           [](const PlannedEntry &a, const PlannedEntry &b) { return a.tarName == b.tarName; }),
               plan.end());
    return plan;
}

ChangeSet allPathsAsAdded(const std::filesystem::path &root)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(root, ec)))
        throw Error(ErrorCode::NotFound, "no such directory: " + root.string());
    std::vector<std::string> paths;
    // Never follows symlinks (directory_options::none): a link to "/" in a
    // rootfs must be listed, not walked.
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        paths.push_back(it->path().lexically_relative(root).generic_string());
    if (ec)
        throw Error(ErrorCode::Io, "list \"" + root.string() + "\": " + ec.message(), ec.value());
    std::sort(paths.begin(), paths.end(), pathLess);
    ChangeSet changes;
    changes.reserve(paths.size());
    for (auto &p : paths)
        changes.push_back({std::move(p), ChangeKind::Added, false});
    return changes;
}

} // namespace strata::engine::layer
