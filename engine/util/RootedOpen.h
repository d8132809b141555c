// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The engine's one way to open a path inside a tree it does not trust (a
// live container's root, its upper dir, an image's rootfs): from a directory
// fd, never by a path string the host resolves. A running container can swap
// a directory for a symlink at any moment; a path resolved by the host's
// rules would then lead outside (CVE-2018-15664, CVE-2019-14271).
//
//   openInRoot:   symlinks are followed as the container would see them: an
//                 absolute target restarts at the root, ".." stops at the
//                 root (openat2 RESOLVE_IN_ROOT, as after chroot).
//   openBeneath:  any symlink in the path is refused (ELOOP) and ".." too
//                 (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS).
// Both fall back, where openat2 is missing or filtered (ENOSYS, or EPERM
// from a seccomp profile), to an equivalent walk of one O_NOFOLLOW openat
// per component. Both return -1 with errno set, as openat does.

#include "engine/util/UniqueFd.h"

#include <deque>
#include <string>
#include <vector>

namespace strata::engine::util {

[[nodiscard]] int openInRoot(int rootFd, const std::string &path, int flags);
[[nodiscard]] int openBeneath(int dirFd, const std::string &rel, int flags);

// openInRoot, making what is missing on the way (mount destinations, /dev
// nodes): directories, and with DirectoriesAndFile an empty file (0644) as
// the last component. Components are made with mkdirat/openat(O_EXCL) in
// the directory the walk holds, so a link swapped in is never followed out
// of the root; the components of a dangling link's target are made inside
// the root, as after chroot.
enum class Create { None, Directories, DirectoriesAndFile };
[[nodiscard]] int openInRootCreating(int rootFd, const std::string &path, int flags, Create create);

// The non-empty components of a slash-separated path ("//a/./b" -> a . b),
// and the inverse for plain names ("a/b"): the rooted walks' own split,
// shared with walks that resolve paths as data (fs/MarkersBelowSymlink).
[[nodiscard]] std::deque<std::string> pathComponents(const std::string &path);
[[nodiscard]] std::string joinComponents(const std::vector<std::string> &parts);

// "/proc/self/fd/<fd>": names exactly the file `fd` refers to, so code that
// takes a path (libarchive, std::filesystem) reaches that inode and no other.
[[nodiscard]] std::string fdPath(int fd);

} // namespace strata::engine::util
