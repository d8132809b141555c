// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/remote/FakeEngine.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

namespace strata::test {

FakeEngine::FakeEngine(std::string socketPath, std::string response)
    : m_path(std::move(socketPath)), m_response(std::move(response))
{
    m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, m_path.c_str(), sizeof addr.sun_path - 1);
    ::unlink(m_path.c_str());
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(m_fd, 8) != 0) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        return;
    }
    m_thread = std::thread([this] { serve(); });
}

FakeEngine::~FakeEngine()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
    ::unlink(m_path.c_str());
}

void FakeEngine::serve()
{
    while (!m_stop) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const int c = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (c < 0)
            continue;
        // Read the request head, then answer and hang up.
        std::string request;
        char buf[4096];
        while (request.find("\r\n\r\n") == std::string::npos) {
            const ssize_t n = ::read(c, buf, sizeof buf);
            if (n <= 0)
                break;
            request.append(buf, static_cast<std::size_t>(n));
        }
        const std::string line = request.substr(0, request.find("\r\n"));
        const std::string *response = &m_response;
        for (const auto &[needle, answer] : m_answers)
            if (line.find(needle) != std::string::npos) {
                response = &answer;
                break;
            }
        std::size_t off = 0;
        while (off < response->size()) {
            const ssize_t n = ::write(c, response->data() + off, response->size() - off);
            if (n <= 0)
                break;
            off += static_cast<std::size_t>(n);
        }
        ::close(c);
    }
}

} // namespace strata::test
