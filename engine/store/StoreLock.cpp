// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/store/StoreLock.h"

#include "engine/Error.h"

#include <cerrno>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <sys/file.h>
#include <unistd.h>

namespace strata::engine::store {
namespace {

// flock is per open file description: a second open() in the same process
// would deadlock against the first. Nested holders in one process share one
// descriptor and a count; a recursive mutex makes other threads wait.
struct Held {
    int fd = -1;
    int count = 0;
};
std::recursive_mutex g_processMutex;
std::map<std::string, Held> g_held;

int openAndLock(const std::filesystem::path &lockFile)
{
    int fd = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        throwErrno("open lock " + lockFile.string());
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            int err = errno;
            ::close(fd);
            throwErrno("lock " + lockFile.string(), err);
        }
    }
    return fd;
}

} // namespace

StoreLock::StoreLock(const std::filesystem::path &lockFile) : m_key(lockFile.string())
{
    std::unique_lock guard(g_processMutex);
    Held &h = g_held[m_key];
    if (h.count == 0)
        h.fd = openAndLock(lockFile);
    ++h.count;
    guard.release(); // stays locked until the destructor
}

StoreLock::~StoreLock()
{
    Held &h = g_held[m_key];
    if (--h.count == 0) {
        ::flock(h.fd, LOCK_UN);
        ::close(h.fd);
        h.fd = -1;
    }
    g_processMutex.unlock();
}

} // namespace strata::engine::store
