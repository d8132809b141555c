// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a layer does to the tree beneath it, path by path: the vocabulary of
// `docker diff` (A/C/D) and of the layer explorer.

#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::layer {

enum class ChangeKind { Added, Modified, Deleted };

// "A", "C", "D" as `docker diff` prints them.
[[nodiscard]] char changeLetter(ChangeKind kind);
[[nodiscard]] std::string_view toString(ChangeKind kind); // "added", "modified", "deleted"

struct Change {
    std::string path;       // relative, no leading slash, no trailing slash: "etc/web.conf"
    ChangeKind kind = ChangeKind::Added;
    bool opaque = false;    // a directory whose lower contents are all hidden (.wh..wh..opq)

    bool operator==(const Change &) const = default;
};

using ChangeSet = std::vector<Change>;

} // namespace strata::engine::layer
