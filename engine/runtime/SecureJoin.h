// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Paths inside a container's root filesystem, resolved as the container will
// see them and never outside it. A hostile image may ship `rootfs/evil ->
// /etc` or `rootfs/proc -> ../../..`; resolving "/evil/passwd" naively on the
// host would mount over the host's /etc/passwd. Every component is resolved
// under the root: an absolute link target restarts at the root and ".."
// stops at the root, as if the path were looked up after chroot. The walk is
// the engine's one rooted open, util::openInRoot (engine/util/RootedOpen.h);
// this header gives the runtime its errors and its creation modes.

#include "engine/runtime/Fd.h"

#include <filesystem>
#include <string>

namespace strata::engine::runtime {

enum class CreateKind {
    None,      // the path must exist
    Directory, // create it (and its parents) as directories
    File,      // create parents as directories and the last component as an empty file
};

// Resolves `unsafePath` (absolute or relative, as the container sees it)
// under `root`, creates what is missing (per `create`) with mkdirat/openat
// from the directory the walk holds, and returns an O_PATH descriptor of the
// result: mount(2) on fdPath(fd) then hits exactly that inode. Throws
// UnsafePath on a symlink loop, a non-directory in the middle, or a link
// swapped in during the walk; the errno's error otherwise.
[[nodiscard]] UniqueFd openInRoot(const std::filesystem::path &root, const std::string &unsafePath,
                                  CreateKind create);

// "/proc/self/fd/<fd>": a path naming exactly the file `fd` refers to.
[[nodiscard]] std::string fdPath(int fd);

} // namespace strata::engine::runtime
