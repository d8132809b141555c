// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Copying one entry of a tree with its metadata, the way a copy-up must:
// a new inode (never a hardlink to the lower file, or a write through the
// copy would change the read-only layer), the data shared by reflink where
// the file system can (FICLONE: btrfs, xfs), else copy_file_range, else
// read/write; mode, owner (where permitted), times; symlinks, fifos and
// devices recreated.

#include <filesystem>
#include <string>
#include <sys/stat.h>

namespace strata::engine::fs::drivers {

// Creates `to` (which must not exist) as a copy of `from` (lstat `st`),
// without metadata for directories (the caller sets those after filling
// them, see copyMetadata). Throws Io / PermissionDenied naming the path.
void copyEntry(const std::filesystem::path &from, const struct stat &st, const std::filesystem::path &to);

// Regular file data only; `to` is created (O_EXCL) with mode 0600.
void copyFileData(const std::filesystem::path &from, const std::filesystem::path &to);

// The engine's one data copy between open files (copy-up, docker cp):
// reflink, else copy_file_range, else read/write, from both files' start.
// `label` names the destination in errors.
void copyFdData(int in, int out, const std::string &label);

// Owner (lchown; EPERM ignored when not root), mode (not for symlinks),
// atime/mtime with nanoseconds.
void copyMetadata(const struct stat &st, const std::filesystem::path &to);

// mknod 0/0: an overlayfs whiteout. Throws PermissionDenied with a hint.
void makeOverlayWhiteout(const std::filesystem::path &at);

// True when a and b (regular files) hold the same bytes.
[[nodiscard]] bool sameContent(const std::filesystem::path &a, const std::filesystem::path &b);

} // namespace strata::engine::fs::drivers
