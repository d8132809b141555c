// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Is a directory a mount point in this process's mount namespace?
// (/proc/self/mountinfo, proc(5)).

#include <filesystem>
#include <vector>

namespace strata::engine::fsutil {

[[nodiscard]] bool isMountPoint(const std::filesystem::path &dir);
// Every mount point strictly below `dir`, deepest first.
[[nodiscard]] std::vector<std::filesystem::path> mountPointsUnder(const std::filesystem::path &dir);

// True inside a user namespace other than the initial one (rootless: no
// trusted.* xattrs, overlay needs "userxattr").
[[nodiscard]] bool inUserNamespace();

} // namespace strata::engine::fsutil
