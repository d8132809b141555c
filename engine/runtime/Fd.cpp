// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/Fd.h"

#include "engine/Error.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace strata::engine::runtime {

bool writeAll(int fd, const void *data, size_t size) noexcept
{
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        ssize_t n = ::write(fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

long readSome(int fd, void *buf, size_t size) noexcept
{
    for (;;) {
        ssize_t n = ::read(fd, buf, size);
        if (n < 0 && errno == EINTR)
            continue;
        return n;
    }
}

std::string readToEnd(int fd)
{
    std::string out;
    char buf[8192];
    for (;;) {
        long n = readSome(fd, buf, sizeof buf);
        if (n < 0)
            throwErrno("read");
        if (n == 0)
            return out;
        out.append(buf, static_cast<size_t>(n));
    }
}

void setNonBlocking(int fd, bool on)
{
    int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK)) < 0)
        throwErrno("fcntl O_NONBLOCK");
}

void setCloseOnExec(int fd, bool on)
{
    int flags = ::fcntl(fd, F_GETFD);
    if (flags < 0 || ::fcntl(fd, F_SETFD, on ? (flags | FD_CLOEXEC) : (flags & ~FD_CLOEXEC)) < 0)
        throwErrno("fcntl FD_CLOEXEC");
}

Pipe makePipe()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throwErrno("pipe");
    return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

} // namespace strata::engine::runtime
