// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// tmp/ holds staging copies (pull-*, layer-*, commit-*, blob temp files,
// the builder's layers) that a crash, kill -9 or Ctrl-C leaves behind.
// Every Engine holds a shared flock on <root>/tmp.lock for its life; an
// Engine that can take it exclusively is the store's only user, so
// everything in tmp/ is a leftover: it is unmounted and removed before the
// Engine does anything, then the lock is shared again.

#include <filesystem>
#include <vector>

namespace strata::engine::store {

class StoreLayout;

class StagingArea {
public:
    explicit StagingArea(const StoreLayout &layout);
    ~StagingArea();
    StagingArea(const StagingArea &) = delete;
    StagingArea &operator=(const StagingArea &) = delete;

    // What the sweep at construction removed (empty when another process
    // was using the store, or nothing was left over).
    [[nodiscard]] const std::vector<std::filesystem::path> &swept() const { return m_swept; }

private:
    int m_fd = -1;
    std::vector<std::filesystem::path> m_swept;
};

} // namespace strata::engine::store
