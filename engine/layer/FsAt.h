// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Directory-fd helpers for the layer code. Every operation names a directory
// fd plus one path component, or a path opened with symlinks refused, so a
// symlink planted by a layer can never redirect a later write (the class of
// bug behind CVE-2019-14271 and containerd's TestBreakouts).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/util/UniqueFd.h"

#include <unistd.h>

namespace strata::engine::layer {

using UniqueFd = util::UniqueFd; // the engine's one fd owner

// "a/b" + "c" -> "a/b/c"; "" + "c" -> "c".
[[nodiscard]] std::string joinPath(std::string_view dir, std::string_view name);
// "a/b/c" -> {"a/b", "c"}; "c" -> {"", "c"}.
[[nodiscard]] std::pair<std::string_view, std::string_view> splitParent(std::string_view path);
// True when `path` is `ancestor` or lies beneath it ("" is everyone's ancestor).
[[nodiscard]] bool isWithin(std::string_view path, std::string_view ancestor);

// Opens `rel` ("" = dirFd itself) beneath dirFd, refusing a symlink in any
// component: util::openBeneath (engine/util/RootedOpen.h). Returns -1 with
// errno set (ELOOP/ENOTDIR when a component is a symlink or not a dir).
[[nodiscard]] int openBeneath(int dirFd, const std::string &rel, int flags);

// Names in a directory, "." and ".." left out. Throws Io.
[[nodiscard]] std::vector<std::string> listDir(int dirFd, const std::string &what);

// Removes `name` from dirFd, recursively when it is a directory, making
// read-only directories writable on the way (layers contain 0555 dirs).
// Missing is fine. Throws Io naming `what`.
void removeAt(int dirFd, const std::string &name, const std::string &what);

} // namespace strata::engine::layer
