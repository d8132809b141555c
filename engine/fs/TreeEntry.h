// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One path of a layer or of the merged view, as the layer explorer and
// `strata image tree` show it.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::fs {

enum class EntryType { File, Dir, Symlink, Fifo, Char, Block, Socket };

// "file", "dir", "symlink", "fifo", "chr", "blk", "socket"
[[nodiscard]] std::string_view toString(EntryType t);
[[nodiscard]] EntryType entryTypeOf(unsigned stMode);
// Permission and setuid/setgid/sticky bits as "0755", "04755", "01777".
[[nodiscard]] std::string modeString(unsigned mode);

struct TreeEntry {
    std::string path;        // relative, no leading slash: "etc/passwd"
    EntryType type = EntryType::File;
    unsigned mode = 0;       // permission + special bits (no type bits)
    std::uint64_t size = 0;  // files: bytes; symlinks: target length; others 0
    std::string target;      // symlinks
    unsigned uid = 0, gid = 0;
    std::int64_t mtime = 0;  // seconds
    int layer = -1;          // index (bottom = 0) of the layer providing this version
    int linkGroup = -1;      // hardlinked entries of one layer share a group id
    std::vector<int> shadowed; // lower layers whose versions of this path are hidden by it
    // Where its bytes are on disk (engine-internal). A string, not a
    // filesystem::path: a path splits itself into components on every copy,
    // a tenth of a 100,000-file view's build.
    std::string source;
};

} // namespace strata::engine::fs
