// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The exclusive flocks one process holds, by lock file path. flock belongs
// to an open file description: a second open() of the same file in this
// process would wait for the first forever. So nested holders of one path
// share one descriptor and a count, and the flock goes with the last.
//
// Each kind of lock (store/StoreLock, container/ContainerLock) keeps its
// own table: a table's mutex is only held for its bookkeeping, never while
// waiting for a flock, and no two kinds share one, so holding the store lock
// never stops a container lock from being taken, nor the other way round.

#include <map>
#include <mutex>
#include <string>
#include <sys/types.h>

namespace strata::engine::util {

class HeldFlocks {
public:
    // Takes (or joins) the flock on `path`, creating the file with `mode`
    // (kExistingDirectory: `path` is a directory, locked as it is).
    // Returns 0, or the errno of a failed open() (nothing held then); a
    // failed flock throws.
    [[nodiscard]] int acquire(const std::string &path, mode_t mode);
    static constexpr mode_t kExistingDirectory = static_cast<mode_t>(-1);
    // Leaves it: the last holder closes the descriptor, which unlocks.
    void release(const std::string &path);
    // True when some holder in this process holds `path`.
    [[nodiscard]] bool held(const std::string &path);

private:
    struct Held {
        int fd = -1;
        int count = 0;
    };
    std::mutex m_mutex;
    std::map<std::string, Held> m_held;
};

} // namespace strata::engine::util
