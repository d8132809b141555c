// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A path typed by the user for `docker cp` (CONTAINER:PATH), resolved inside
// the container's root as the container would see it: "." and ".." cleaned
// (".." stops at "/"), symlinks followed inside the root (an absolute target
// starts again at the container's "/"). A relative symlink whose ".."s climb
// above the root is refused: it is where a hostile container points when it
// hopes the engine resolves it on the host (CVE-2018-15664, CVE-2019-14271).

#include <filesystem>
#include <optional>
#include <string>
#include <sys/stat.h>

namespace strata::engine::container {

struct ResolvedPath {
    std::string rel;        // relative to the root, no symlink in it: "etc/passwd"; "" = the root
    bool exists = false;
    struct stat st {};      // lstat of the result when it exists
    // The user's spelling ended in "/" or "/." (Docker's copy rules look at it).
    bool trailingSlash = false;
    bool trailingDot = false;   // "/." : the directory's contents, not the directory

    [[nodiscard]] bool isDir() const { return exists && S_ISDIR(st.st_mode); }
    [[nodiscard]] std::string display() const { return "/" + rel; }
};

// `followLast`: resolve a symlink in the last component too (-L, or a
// destination directory). Components after a missing one are kept as
// written. Throws UnsafePath (escape, loop) naming the link, InvalidArgument
// for a non-directory in the middle ("not a directory").
[[nodiscard]] ResolvedPath resolveContainerPath(const std::filesystem::path &root, const std::string &path,
                                                bool followLast);

// "/a/./b/../c/" -> "/a/c"; ".." above "/" dropped.
[[nodiscard]] std::string cleanContainerPath(const std::string &path);

} // namespace strata::engine::container
