// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerLock.h"

#include "engine/Error.h"

#include <cerrno>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <sys/file.h>
#include <unistd.h>

namespace strata::engine::container {
namespace {

// flock belongs to an open file description: nested holders in one process
// share one descriptor and a count (see store/StoreLock.cpp).
struct Held {
    int fd = -1;
    int count = 0;
};
std::mutex g_mutex;
std::map<std::string, Held> g_held;

std::filesystem::path lockPath(const std::filesystem::path &containerDir)
{
    return containerDir / "lifecycle.lock";
}

} // namespace

ContainerLock::ContainerLock(const std::filesystem::path &containerDir) : m_key(lockPath(containerDir).string())
{
    {
        std::lock_guard guard(g_mutex);
        Held &h = g_held[m_key];
        if (h.count > 0) {
            ++h.count;
            return;
        }
    }
    const int fd = ::open(m_key.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int err = errno;
        std::lock_guard guard(g_mutex);
        g_held.erase(m_key);
        if (err == ENOENT)
            throw Error(ErrorCode::NotFound, "No such container: " + containerDir.filename().string());
        throwErrno("open " + m_key, err);
    }
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            const int err = errno;
            ::close(fd);
            std::lock_guard guard(g_mutex);
            g_held.erase(m_key);
            throwErrno("lock " + m_key, err);
        }
    }
    std::lock_guard guard(g_mutex);
    Held &h = g_held[m_key];
    h.fd = fd;
    h.count = 1;
}

ContainerLock::~ContainerLock()
{
    std::lock_guard guard(g_mutex);
    auto it = g_held.find(m_key);
    if (it == g_held.end() || --it->second.count > 0)
        return;
    ::close(it->second.fd); // releases the flock
    g_held.erase(it);
}

bool ContainerLock::idle(const std::filesystem::path &containerDir)
{
    const std::string key = lockPath(containerDir).string();
    {
        std::lock_guard guard(g_mutex);
        if (auto it = g_held.find(key); it != g_held.end() && it->second.count > 0)
            return true;
    }
    const int fd = ::open(key.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true; // never locked, or gone
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);
    return free;
}

} // namespace strata::engine::container
