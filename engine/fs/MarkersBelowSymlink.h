// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A layer whose tar holds `d/.wh.x` or `d/.wh..wh..opq` but no `d/` of its
// own, over a lower layer where `d` is a symlink. Unpacked alone, the layer
// gets a directory `d` made only to hold the markers; stacked naively (as
// overlayfs or a path-by-path union would), that directory hides the
// symlink and turns it into an empty directory.
//
// containerd resolves an entry's parent through symlinks inside the root
// being applied to (the merged lower layers), so the markers act on the
// link's target and the link stays a link. Strata does the same in both
// drivers (the union view the userspace driver materialises, and the
// converted overlay view of the layer): a directory of the layer that holds
// nothing but markers, sitting where the layers below have a symlink, is
// not a directory of the union; its markers act at the symlink's target,
// resolved inside the root ("/" is the root, ".." stops there). A target
// that is missing or not a directory leaves nothing to hide: the markers are
// dropped. Nothing is ever resolved on the host: the resolution reads the
// lower layers' union as data.

#include "engine/fs/TreeEntry.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace strata::engine::fs {

// True when `dir` holds only whiteout or opaque markers (OCI names, or
// overlay 0/0 devices when `overlayDevices`), at any depth: a directory the
// layer has only because its markers needed a parent.
[[nodiscard]] bool holdsOnlyMarkers(const std::filesystem::path &dir, bool overlayDevices);

// `rel` (no leading slash) resolved in `merged` as the container would
// resolve it (symlinks followed inside the root, at most 40); the path of
// the directory it leads to, or nullopt when it leads nowhere or not to a
// directory. "" is the root.
[[nodiscard]] std::optional<std::string> resolveDirInUnion(const std::map<std::string, TreeEntry> &merged,
                                                           const std::string &rel);

} // namespace strata::engine::fs
