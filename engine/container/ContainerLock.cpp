// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerLock.h"

#include "engine/Error.h"
#include "engine/util/HeldFlocks.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace strata::engine::container {
namespace {

// Nested holders in this process (on any thread) share one flock; the
// container locks' own table, apart from the store lock's (util/HeldFlocks.h).
util::HeldFlocks g_flocks;

// The container's directory itself: a lock file would be one more inode
// made (and deleted) per container, 0.1-0.3 ms each on this store's ext4
// (docs/PERFORMANCE.md, seventh round). flock works on a directory, and the
// lock moves with it when rm renames it into staging.
std::filesystem::path lockPath(const std::filesystem::path &containerDir)
{
    return containerDir;
}

} // namespace

ContainerLock::ContainerLock(const std::filesystem::path &containerDir) : m_key(lockPath(containerDir).string())
{
    if (const int err = g_flocks.acquire(m_key, util::HeldFlocks::kExistingDirectory)) {
        if (err == ENOENT || err == ENOTDIR)
            throw Error(ErrorCode::NotFound, "No such container: " + containerDir.filename().string());
        throwErrno("open " + m_key, err);
    }
}

ContainerLock::~ContainerLock()
{
    g_flocks.release(m_key);
}

bool ContainerLock::idle(const std::filesystem::path &containerDir)
{
    const std::string key = lockPath(containerDir).string();
    if (g_flocks.held(key))
        return true;
    const int fd = ::open(key.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return true; // gone
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);
    return free;
}

} // namespace strata::engine::container
