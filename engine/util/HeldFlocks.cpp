// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/HeldFlocks.h"

#include "engine/Error.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace strata::engine::util {

int HeldFlocks::acquire(const std::string &path, mode_t mode)
{
    {
        std::lock_guard guard(m_mutex);
        if (auto it = m_held.find(path); it != m_held.end() && it->second.count > 0) {
            ++it->second.count;
            return 0;
        }
    }
    const int fd = mode == kExistingDirectory ? ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                                              : ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, mode);
    if (fd < 0)
        return errno;
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            const int err = errno;
            ::close(fd);
            throwErrno("lock " + path, err);
        }
    }
    std::lock_guard guard(m_mutex);
    Held &h = m_held[path];
    h.fd = fd;
    h.count = 1;
    return 0;
}

void HeldFlocks::release(const std::string &path)
{
    std::lock_guard guard(m_mutex);
    auto it = m_held.find(path);
    if (it == m_held.end() || --it->second.count > 0)
        return;
    ::close(it->second.fd); // releases the flock
    m_held.erase(it);
}

bool HeldFlocks::held(const std::string &path)
{
    std::lock_guard guard(m_mutex);
    auto it = m_held.find(path);
    return it != m_held.end() && it->second.count > 0;
}

} // namespace strata::engine::util
