// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers of the network suites: a free port, a plain HTTP GET to a
// published port on 127.0.0.1, and polling with a deadline.

#include <QDeadlineTimer>
#include <QThread>

#include <arpa/inet.h>
#include <cstdint>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace strata::test {

// A port the kernel says is free on `addr` (network order) right now.
inline int freePort(in_addr_t addr = htonl(INADDR_LOOPBACK))
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = addr;
    ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

// GET / from 127.0.0.1:port; the whole answer, or "" when nothing answers.
inline std::string httpGet(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    timeval tv{3, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string out;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0) {
        const std::string req = "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n";
        (void)!::write(fd, req.data(), req.size());
        char buf[4096];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0)
            out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

// Polls until `ok` holds or 20 s pass (a container's httpd needs a moment).
template <typename F> bool eventually(F ok)
{
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (ok())
            return true;
        QThread::msleep(100);
    }
    return ok();
}

} // namespace strata::test
