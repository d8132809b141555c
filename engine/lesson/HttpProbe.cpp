// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/HttpProbe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace strata::engine::lesson {
namespace {

struct Url {
    std::string host, path = "/";
    int port = 80;
};

bool parseUrl(const std::string &url, Url &u)
{
    const std::string scheme = "http://";
    if (url.compare(0, scheme.size(), scheme) != 0)
        return false;
    std::string rest = url.substr(scheme.size());
    if (const auto slash = rest.find('/'); slash != std::string::npos) {
        u.path = rest.substr(slash);
        rest.resize(slash);
    }
    if (const auto colon = rest.rfind(':'); colon != std::string::npos) {
        const std::string port = rest.substr(colon + 1);
        if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
            return false;
        u.port = std::stoi(port);
        rest.resize(colon);
    }
    u.host = rest;
    return !u.host.empty() && u.port > 0 && u.port < 65536;
}

// Waits for fd to be ready for `events` until the deadline.
bool waitFor(int fd, short events, std::chrono::steady_clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0)
        return false;
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, static_cast<int>(left)) == 1;
}

} // namespace

HttpAnswer httpGet(const std::string &url, int waitMs)
{
    HttpAnswer a;
    Url u;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    if (!parseUrl(url, u) || ::inet_pton(AF_INET, u.host.c_str(), &addr.sin_addr) != 1) {
        a.error = "bad url " + url + " (want http://IPv4:PORT/path)";
        return a;
    }
    addr.sin_port = htons(static_cast<uint16_t>(u.port));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(waitMs);
    for (;;) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0) {
            a.error = std::strerror(errno);
            return a;
        }
        int err = 0;
        if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            err = errno;
            if (err == EINPROGRESS) {
                err = ETIMEDOUT;
                socklen_t len = sizeof err;
                if (waitFor(fd, POLLOUT, deadline))
                    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            }
        }
        if (err == 0) {
            const std::string req = "GET " + u.path + " HTTP/1.0\r\nHost: " + u.host + ":" + std::to_string(u.port) +
                                    "\r\nConnection: close\r\n\r\n";
            std::string reply;
            if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size())) {
                char buf[4096];
                while (reply.size() < (1u << 20) && waitFor(fd, POLLIN, deadline)) {
                    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
                    if (n <= 0)
                        break;
                    reply.append(buf, static_cast<std::size_t>(n));
                }
            }
            ::close(fd);
            // "HTTP/1.x NNN ..." then headers, a blank line, the body.
            if (reply.compare(0, 5, "HTTP/") == 0 && reply.size() > 12) {
                a.answered = true;
                a.status = std::atoi(reply.c_str() + reply.find(' ') + 1);
                const auto end = reply.find("\r\n\r\n");
                a.body = end == std::string::npos ? std::string() : reply.substr(end + 4);
                return a;
            }
            a.error = reply.empty() ? "no answer" : "not an HTTP answer";
            return a;
        }
        ::close(fd);
        a.error = std::strerror(err);
        // A refused or reset connection: the server may still be starting.
        if ((err != ECONNREFUSED && err != ECONNRESET) || std::chrono::steady_clock::now() >= deadline)
            return a;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

} // namespace strata::engine::lesson
