// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Copies one entry (recursively for a directory) from a directory fd to a
// directory fd with *at() calls only, never following a symlink: a running
// container that swaps a directory for a link mid-copy makes the copy fail
// instead of writing outside its root. What tar would carry is kept: mode,
// times, symlinks, fifos, devices (where permitted); owners as asked.
// The engine's one tree-copy loop: docker cp (both ways), COPY/ADD of a
// build, and the copy of image content into a new volume.

#include <cstdint>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <sys/types.h>

namespace strata::engine::fs::drivers {

struct TreeCopyOptions {
    // Set: every copied entry gets this owner (cp into a container without
    // -a: root of the container). Unset: the source's owner is kept where
    // the process may chown (as root extracting a tar does).
    std::optional<std::pair<uid_t, gid_t>> owner;
    // For copies onto the host (docker cp out): set-uid/set-gid bits are
    // dropped and device nodes left out, so a container cannot plant a
    // set-id binary or a node for a host disk in a host directory.
    bool hostSafe = false;
};

struct TreeCopyStats {
    std::uint64_t entries = 0;
    std::uint64_t fileBytes = 0;
    std::uint64_t tarBytes = 0; // what the same copy weighs as a tar stream (Docker reports this)
};

class TreeCopy {
public:
    explicit TreeCopy(TreeCopyOptions options) : m_options(std::move(options)) {}

    // srcDir/srcName -> dstDir/dstName. An existing directory at the
    // destination receives a directory's contents (merged, as tar extraction
    // does); an existing non-directory is replaced. Replacing a directory by
    // a non-directory is refused. Throws Io/PermissionDenied/Conflict naming `label`.
    void copy(int srcDir, const std::string &srcName, int dstDir, const std::string &dstName, const std::string &label);
    // The children of the directory srcDir/srcName into the directory dstDirFd ("/." copies).
    void copyContents(int srcDir, const std::string &srcName, int dstDirFd, const std::string &label);

    [[nodiscard]] const TreeCopyStats &stats() const { return m_stats; }

private:
    void copyDirectory(int srcDir, const std::string &srcName, const struct stat &st, int dstDir,
                       const std::string &dstName, const std::string &label);
    void copyFile(int srcDir, const std::string &srcName, const struct stat &st, int dstDir, const std::string &dstName,
                  const std::string &label);
    void copySpecial(int srcDir, const std::string &srcName, const struct stat &st, int dstDir,
                     const std::string &dstName, const std::string &label);
    void setOwnerAndTimes(int dstDir, const std::string &dstName, const struct stat &st, const std::string &label);
    void count(const struct stat &st, const std::string &name);
    [[nodiscard]] mode_t modeMask() const;

    TreeCopyOptions m_options;
    TreeCopyStats m_stats;
};

} // namespace strata::engine::fs::drivers
