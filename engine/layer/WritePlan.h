// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The ordered list of tar entries a change set becomes. Order is what makes
// the output deterministic and appliable in one pass: sorted by path
// components, so a directory comes right before everything inside it
// ("a", "a/b", "a.b" — a plain byte sort would put "a.b" between "a" and "a/b").

#include "engine/layer/Change.h"

#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::layer {

struct PlannedEntry {
    enum class Kind {
        Path,     // taken from the source tree
        Whiteout, // ".wh.NAME" for a deleted path
        Opaque,   // "DIR/.wh..wh..opq" for an opaque directory
    };
    std::string tarName; // name in the archive
    std::string path;    // the changed path (normalised, relative)
    Kind kind = Kind::Path;
};

// Component-wise order: '/' sorts before every other byte.
[[nodiscard]] bool pathLess(std::string_view a, std::string_view b);

// Entries for `changes`, sorted with pathLess by tar name, duplicates dropped.
// Throws UnsafePath for a change path with ".." components.
[[nodiscard]] std::vector<PlannedEntry> planEntries(const ChangeSet &changes);

} // namespace strata::engine::layer
