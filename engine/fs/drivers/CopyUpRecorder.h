// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The userspace driver's copy-up: after the container has written to its
// plain-directory merged/ tree, record in diff/ what overlayfs would have
// left in its upper dir, so both drivers' diff/ read alike for diff and
// commit:
//   - a file, symlink or node that differs from the lowers' union (type,
//     mode, owner, size, mtime, symlink target, device number; same size and
//     mtime but changed within the clock's granularity of the lower's mtime:
//     compared by content, like git's "racily clean" check) is copied into
//     diff/ — a new inode, so the lower stays untouched;
//   - a path new to the lowers is copied likewise;
//   - a lower path gone from merged/ gets a ".wh.NAME" marker;
//   - a directory that was deleted and made again, or moved there, or that
//     replaces a non-directory, is opaque (".wh..wh..opq") — what overlayfs
//     does for `rm -rf d; mkdir d`. "Made again" is told by a tag mount()
//     puts on each directory it materialises (xattr user.strata.dir = its
//     path; a new directory has none). The inode number alone is not enough:
//     ext4 hands a freed inode number to the next mkdir. Where user xattrs
//     are not supported, the inode numbers in merged-index.json stand in;
//   - once in diff/, an entry stays there (overlayfs never copies down), and
//     its parents are in diff/ with merged/'s modes and times.
// diff/ uses the OCI marker spelling: it needs no privilege, and UpperWalk
// reads both spellings.

#include "engine/fs/drivers/ContainerPaths.h"
#include "engine/fs/drivers/ExcludedPaths.h"
#include "engine/fs/drivers/UnionDriver.h"

#include <map>
#include <string>
#include <sys/stat.h>
#include <sys/types.h>

namespace strata::engine::fs::drivers {

// How to recognise the directories mount() materialised (merged-index.json).
struct DirIndex {
    bool tagged = false;                // every directory carries user.strata.dir
    std::map<std::string, ino_t> inodes; // else: merged/ directory -> inode at materialisation
};

// Tags `dir` (materialised for relative path `rel`); false when the file
// system does not take user xattrs.
bool tagMaterialisedDir(const std::filesystem::path &dir, const std::string &rel);
// Is the directory at merged/`rel` (lstat `st`) the one mount() made there?
[[nodiscard]] bool isMaterialisedDir(const std::filesystem::path &dir, const std::string &rel, const struct stat &st,
                                     const DirIndex &index);

// Brings paths.diff in line with paths.merged over `lowers`. Mount points
// under `excluded` and other file systems mounted inside merged/ are not
// entered. Throws Io naming the path that failed.
void recordCopyUps(const Lowers &lowers, const ContainerPaths &paths, const ExcludedPaths &excluded);

[[nodiscard]] DirIndex loadDirIndex(const std::filesystem::path &file);
void saveDirIndex(const std::filesystem::path &file, const DirIndex &index);

} // namespace strata::engine::fs::drivers
