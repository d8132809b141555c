// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Wasted space (dive's term): bytes of an image's lower layers that the
// merged view never shows, because a later layer replaced or deleted the file.
// UnionView::wastedBytes() is their sum; this lists them, with who hid them.

#include "engine/fs/UnionView.h"

#include <cstdint>
#include <string>
#include <vector>

namespace strata::engine::fs {

// One file version hidden in the merged view, and why.
struct WastedFile {
    std::string path;
    std::uint64_t bytes = 0;
    int layer = -1;   // the layer holding the hidden bytes
    int byLayer = -1; // the layer that shadows or deletes them
    bool deleted = false;
};

// Every hidden regular file version with bytes, largest first.
[[nodiscard]] std::vector<WastedFile> wastedFiles(const UnionView &view);

} // namespace strata::engine::fs
