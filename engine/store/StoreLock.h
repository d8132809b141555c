// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One flock on <root>/lock serialises writers: the CLI and the GUI may share
// a root, and every read-modify-write of the index happens under it.
// Recursive within one process (nested holders share the same lock).

#include <filesystem>
#include <string>

namespace strata::engine::store {

class StoreLock {
public:
    explicit StoreLock(const std::filesystem::path &lockFile);
    ~StoreLock();
    StoreLock(const StoreLock &) = delete;
    StoreLock &operator=(const StoreLock &) = delete;

private:
    std::string m_key; // the lock file's path: holders of one path share one flock
};

} // namespace strata::engine::store
