// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The directory a layer is being applied to, as the entry and whiteout code
// share it: the root fd, the path resolver, a cached fd for the directory
// the last entry landed in, and the set of paths this layer wrote.

#include "engine/layer/FsAt.h"
#include "engine/layer/PathResolver.h"
#include "engine/layer/PayloadObserver.h"

#include <filesystem>
#include <string>
#include <unordered_set>

namespace strata::engine::layer {

class LayerTree {
public:
    // Opens `root`, which must be an existing directory. Throws NotFound/Io.
    explicit LayerTree(const std::filesystem::path &root);

    [[nodiscard]] int rootFd() const { return m_root.get(); }
    [[nodiscard]] const std::filesystem::path &rootPath() const { return m_rootPath; }
    [[nodiscard]] PathResolver &resolver() { return m_resolver; }

    // An fd (O_PATH) for the real directory `dir` ("" = root), opened with
    // symlinks refused. Entries of a tar come grouped by directory, so one
    // cached fd saves an open per entry. Valid until the next call.
    [[nodiscard]] int dirFd(const std::string &dir);

    // Removes `name` (the real path `path`) from the directory `parentFd`,
    // recursively, and forgets resolutions and fds that may go through it.
    void remove(int parentFd, const std::string &name, const std::string &path);

    // This layer wrote `path` (a real path); its ancestors count as written
    // too, as umoci's upperPaths, so an opaque or whiteout in the same layer
    // walks into them instead of deleting them.
    void markWritten(const std::string &path);
    [[nodiscard]] bool wasWritten(const std::string &path) const { return m_written.count(path) > 0; }

    // Told about file data and removals (may be null).
    void setObserver(PayloadObserver *observer) { m_observer = observer; }
    [[nodiscard]] PayloadObserver *observer() const { return m_observer; }

private:
    UniqueFd m_root;
    std::filesystem::path m_rootPath;
    PathResolver m_resolver;
    std::string m_dirPath; // real path m_dirFd was opened for
    UniqueFd m_dirFd;
    std::unordered_set<std::string> m_written;
    PayloadObserver *m_observer = nullptr;
};

} // namespace strata::engine::layer
