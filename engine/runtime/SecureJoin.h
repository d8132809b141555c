// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Paths inside a container's root filesystem, resolved as the container will
// see them and never outside it. A hostile image may ship `rootfs/evil ->
// /etc` or `rootfs/proc -> ../../..`; resolving "/evil/passwd" naively on the
// host would mount over the host's /etc/passwd. Here every component is
// resolved under the root: an absolute link target restarts at the root and
// ".." stops at the root, as if the path were looked up after chroot.

#include "engine/runtime/Fd.h"

#include <filesystem>
#include <string>

namespace strata::engine::runtime {

// Resolves `unsafePath` (absolute or relative, as the container sees it)
// under `root`; symlinks are followed inside the root (at most 255).
// Missing components are kept as written. The result is lexically under
// `root`. Throws UnsafePath on a symlink loop.
[[nodiscard]] std::filesystem::path secureJoin(const std::filesystem::path &root, const std::string &unsafePath);

enum class CreateKind {
    None,      // the path must exist
    Directory, // create it (and its parents) as directories
    File,      // create parents as directories and the last component as an empty file
};

// secureJoin(), then creates what is missing with openat() from a descriptor
// of `root` without following any symlink (a link swapped in after the
// resolution fails with UnsafePath instead of being followed), and returns an
// O_PATH descriptor of the result: mount(2) on fdPath(fd) then hits exactly
// that inode.
[[nodiscard]] UniqueFd openInRoot(const std::filesystem::path &root, const std::string &unsafePath,
                                  CreateKind create);

// "/proc/self/fd/<fd>": a path naming exactly the file `fd` refers to.
[[nodiscard]] std::string fdPath(int fd);

} // namespace strata::engine::runtime
