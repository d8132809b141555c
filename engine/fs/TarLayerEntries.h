// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A layer tar's headers as the union view needs them (names, types, modes,
// sizes, link targets, owners, times), read without writing a file: a
// cached layer's tree costs one sequential read of its tar instead of
// thousands of file creations (UnionView::build of a LayerDir with `tar`).

#include "engine/fs/TreeEntry.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace strata::engine::fs {

struct TarLayerEntry {
    EntryType type = EntryType::File;
    bool hardlink = false; // `link` names the earlier entry holding the inode
    unsigned mode = 0;
    std::uint64_t size = 0;
    std::string link; // symlink target, or the hardlink's normalised target path
    unsigned uid = 0, gid = 0;
    std::int64_t mtime = 0;
};

// Path (normalised, "" = the root) -> its last header in the tar, as an
// extraction would leave it. Whiteout and opaque markers are kept by name.
// Throws what the tar reader throws (damaged, truncated, unsafe names).
[[nodiscard]] std::map<std::string, TarLayerEntry> readTarLayerEntries(const std::filesystem::path &tar);

// Regular-file bytes of a layer (hardlinks counted once): ApplyResult's contentBytes.
[[nodiscard]] std::uint64_t contentBytesOf(const std::map<std::string, TarLayerEntry> &entries);

} // namespace strata::engine::fs
