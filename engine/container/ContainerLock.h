// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Lifecycle verbs on one container (start, stop's bookkeeping, kill, pause,
// unpause, restart, rm, commit) are serialised across processes by a flock
// on the container's directory, as dockerd serialises them with its
// per-container lock. Re-entrant within one process (restart = stop +
// start). The store lock stays what guards the records themselves; this one
// is held for the whole verb, so it is always taken first.

#include <filesystem>
#include <string>

namespace strata::engine::container {

class ContainerLock {
public:
    // Blocks until held. NotFound "No such container: <id>" when the
    // container's directory is gone (removed while we waited).
    explicit ContainerLock(const std::filesystem::path &containerDir);
    ~ContainerLock();
    ContainerLock(const ContainerLock &) = delete;
    ContainerLock &operator=(const ContainerLock &) = delete;

    // True when no other process holds the container's lock (this one may):
    // a container left in `removing` with an idle lock was abandoned mid-rm.
    [[nodiscard]] static bool idle(const std::filesystem::path &containerDir);

private:
    std::string m_key;
};

} // namespace strata::engine::container
