// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/OutputPump.h"

#include "engine/Error.h"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace strata::engine::build {

OutputPump::OutputPump(OutputSink sink) : m_sink(std::move(sink))
{
    if (::pipe2(m_out, O_CLOEXEC) != 0 || ::pipe2(m_err, O_CLOEXEC) != 0)
        throwErrno("pipe for RUN output");
    m_thread = std::thread([this] { pump(); });
}

OutputPump::~OutputPump()
{
    finish();
}

void OutputPump::finish()
{
    for (int *fd : {&m_out[1], &m_err[1]})
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
    if (m_thread.joinable())
        m_thread.join();
    for (int *fd : {&m_out[0], &m_err[0]})
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
}

void OutputPump::pump()
{
    pollfd fds[2] = {{m_out[0], POLLIN, 0}, {m_err[0], POLLIN, 0}};
    int open = 2;
    char buf[8192];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n <= 0) {
                fds[i].fd = -1;
                --open;
                continue;
            }
            const std::string chunk(buf, static_cast<std::size_t>(n));
            if (m_sink)
                m_sink(i == 0 ? chunk : "\033[91m" + chunk + "\033[0m");
        }
    }
}

} // namespace strata::engine::build
