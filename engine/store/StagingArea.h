// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// tmp/ holds staging copies (pull-*, layer-*, commit-*, blob temp files,
// the builder's layers) that a crash, kill -9 or Ctrl-C leaves behind.
// Every Engine holds a shared flock on <root>/tmp.lock for its life; an
// Engine that can take it exclusively is the store's only user, so
// everything in tmp/ is a leftover: it is unmounted and removed before the
// Engine does anything, then the lock is shared again.

#include "engine/store/PendingSync.h"

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

    // Layers a reboot may have cut short (PendingSync::recover). While there
    // are any, this Engine keeps tmp.lock exclusive: it drops them (and what
    // is built on them), then calls lostLayersDropped().
    [[nodiscard]] const std::vector<PendingSync::Lost> &lostLayers() const { return m_lost; }
    // `dropped`: their entries go; else they stay for the next start. The lock is shared again.
    void lostLayersDropped(bool dropped);

private:
    int m_fd = -1;
    std::filesystem::path m_root;
    std::vector<std::filesystem::path> m_swept;
    std::vector<PendingSync::Lost> m_lost;
};

} // namespace strata::engine::store
