// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reads a container layer (diff/) as a list of entries, in either whiteout
// spelling: overlayfs writes 0/0 character devices and an "opaque" xattr
// (trusted.overlay.opaque, or user.overlay.opaque when mounted with
// userxattr inside a user namespace); the userspace driver writes the OCI
// markers ".wh.NAME" and ".wh..wh..opq". Everything above this file sees
// only "whiteout", "opaque directory", "directory", "other".

#include "engine/fs/DirNames.h"
#include "engine/fs/TreeEntry.h"
#include "engine/fs/drivers/ExcludedPaths.h"
#include "engine/layer/Whiteout.h"

#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace strata::engine::fs::drivers {

enum class UpperKind { Whiteout, OpaqueDir, Dir, Other };

struct UpperEntry {
    std::string path;          // relative; for a whiteout, the path it hides
    UpperKind kind = UpperKind::Other;
    EntryType type = EntryType::File; // on disk (a whiteout: Char, or File for a marker)
    struct stat st {};         // lstat of the entry (a marker whiteout: of the marker file)
    bool underOpaque = false;  // an ancestor in this layer is opaque: no lower shows through here
};

// Depth-first, names sorted bytewise within each directory, a whiteout sorted
// under the name it hides, parents before children (the order `docker diff`
// prints). Subtrees under `excluded` are not entered. Unreadable directories
// are skipped and named in `problems` when given.
[[nodiscard]] std::vector<UpperEntry> walkUpper(const std::filesystem::path &upper, layer::WhiteoutFormat format,
                                                const ExcludedPaths &excluded,
                                                std::vector<std::string> *problems = nullptr);

// A 0/0 character device: overlayfs's whiteout.
[[nodiscard]] bool isOverlayWhiteout(const struct stat &st);
// trusted.overlay.opaque or user.overlay.opaque is "y".
[[nodiscard]] bool hasOverlayOpaqueXattr(const std::filesystem::path &dir);
using fs::listNames; // engine/fs/DirNames.h

} // namespace strata::engine::fs::drivers
