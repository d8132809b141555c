// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/StreamRelay.h"

#include "engine/Error.h"
#include "engine/remote/StreamDemux.h"
#include "engine/runtime/DetachKeys.h"
#include "engine/runtime/Fd.h"
#include "engine/runtime/Terminal.h"

#include <cerrno>
#include <csignal>
#include <optional>

#include <poll.h>
#include <unistd.h>

namespace strata::engine::remote {
namespace {

volatile std::sig_atomic_t g_resized = 0;

// SIGWINCH wakes the relay (poll ends with EINTR) while `fd` is this
// process's controlling terminal in the foreground (a real CLI). The app's
// console pty is not: no handler there, the relay's tick sees the change.
class WindowChangeWatch {
public:
    explicit WindowChangeWatch(int fd)
    {
        if (fd < 0 || !::isatty(fd) || ::tcgetpgrp(fd) != ::getpgrp())
            return;
        struct sigaction sa {};
        sa.sa_handler = [](int) { g_resized = 1; };
        ::sigemptyset(&sa.sa_mask);
        m_installed = ::sigaction(SIGWINCH, &sa, &m_old) == 0;
    }
    ~WindowChangeWatch()
    {
        if (m_installed)
            ::sigaction(SIGWINCH, &m_old, nullptr);
    }
    WindowChangeWatch(const WindowChangeWatch &) = delete;
    WindowChangeWatch &operator=(const WindowChangeWatch &) = delete;

private:
    struct sigaction m_old {};
    bool m_installed = false;
};

class Relay {
public:
    Relay(HijackedConnection &c, const RelayOptions &o)
        : m_conn(c), m_opt(o), m_detach(runtime::parseDetachKeys(o.forwardStdin ? o.detachKeys : std::string())),
          m_demux([this](int stream, std::string_view bytes) {
              (void)runtime::writeAll(stream == 2 ? m_opt.errFd : m_opt.outFd, bytes);
              return true;
          })
    {
    }

    RelayResult run()
    {
        std::optional<runtime::RawTerminal> raw;
        if (m_opt.tty && m_opt.forwardStdin)
            raw.emplace(m_opt.inFd);
        const WindowChangeWatch watch(m_opt.tty ? m_opt.inFd : -1);
        bool inputOpen = m_opt.forwardStdin;
        bool open = pump(); // what came with the answer's head
        while (open) {
            resizeIfChanged();
            pollfd fds[3] = {{m_conn.fd(), POLLIN, 0},
                             {inputOpen ? m_opt.inFd : -1, POLLIN, 0},
                             {m_opt.cancelFd, POLLIN, 0}};
            if (::poll(fds, 3, m_opt.tty ? 250 : -1) < 0) {
                if (errno == EINTR)
                    continue;
                throw Error(ErrorCode::Io, m_conn.errorPrefix() + "poll failed", errno);
            }
            if (fds[2].revents) {
                m_result.cancelled = true;
                return m_result;
            }
            // Input first: a resize the terminal made before a typed line
            // reaches the host before the line (the loop's top).
            if (fds[1].revents && !forwardInput(inputOpen))
                return m_result;
            if (fds[0].revents)
                open = pump();
        }
        if (!m_opt.tty && !m_demux.clean())
            throw Error(ErrorCode::Io, m_conn.errorPrefix() + "the stream was cut in the middle of a frame");
        return m_result;
    }

private:
    // False once the host closed the stream.
    bool pump()
    {
        std::string got;
        const bool open = m_conn.read(got);
        if (m_opt.tty)
            (void)runtime::writeAll(m_opt.outFd, got);
        else
            (void)m_demux.feed(got);
        return open;
    }

    // False when the detach keys ended the relay.
    bool forwardInput(bool &inputOpen)
    {
        char buffer[4096];
        const long n = runtime::readSome(m_opt.inFd, buffer, sizeof buffer);
        if (n <= 0) { // end of input (or the console's pty closed): the container's stdin ends too
            inputOpen = false;
            m_conn.closeWrite();
            return true;
        }
        bool detached = false;
        const std::string forward = m_detach.feed(std::string_view(buffer, static_cast<std::size_t>(n)), detached);
        if (!forward.empty())
            m_conn.write(forward);
        if (detached)
            m_result.detached = true;
        return !detached;
    }

    void resizeIfChanged()
    {
        g_resized = 0;
        if (!m_opt.tty || !m_opt.resize)
            return;
        auto ws = runtime::windowSize(m_opt.inFd);
        if (!ws)
            ws = runtime::windowSize(m_opt.outFd);
        if (!ws || ws->rows == 0 || ws == m_sent)
            return;
        if (m_opt.resize(ws->rows, ws->cols))
            m_sent = ws;
    }

    HijackedConnection &m_conn;
    const RelayOptions &m_opt;
    runtime::DetachMatcher m_detach;
    StreamDemux m_demux;
    std::optional<runtime::WindowSize> m_sent;
    RelayResult m_result;
};

} // namespace

RelayResult relayStream(HijackedConnection &connection, const RelayOptions &options)
{
    return Relay(connection, options).run();
}

} // namespace strata::engine::remote
