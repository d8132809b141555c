// SPDX-License-Identifier: GPL-3.0-or-later
// runtime::attach: the client side of attach.sock, used by `run -it`,
// `start -a -i` and `attach`.
#include "engine/Error.h"
#include "engine/runtime/AttachProtocol.h"
#include "engine/runtime/DetachKeys.h"
#include "engine/runtime/Runtime.h"
#include "engine/runtime/Terminal.h"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>

namespace strata::engine::runtime {
namespace {

class AttachSession {
public:
    AttachSession(const fs::path &bundle, UniqueFd sock, int in, int out, int err, const AttachOptions &o)
        : m_bundle(bundle), m_sock(std::move(sock)), m_in(in), m_out(out), m_err(err), m_opt(o),
          m_detach(parseDetachKeys(o.forwardStdin ? o.detachKeys : std::string()))
    {
    }

    AttachResult run()
    {
        std::optional<RawTerminal> raw;
        if (m_opt.tty && m_opt.forwardStdin)
            raw.emplace(m_in);
        sendResizeIfChanged();
        if (m_opt.start)
            send(encodeFrame(FrameType::Start, {}));
        bool inputOpen = m_opt.forwardStdin;
        while (!m_done) {
            pollfd fds[2] = {{m_sock.get(), POLLIN, 0}, {inputOpen ? m_in : -1, POLLIN, 0}};
            if (::poll(fds, 2, m_opt.tty ? 250 : -1) < 0 && errno != EINTR)
                throwErrno("poll");
            if (fds[0].revents && !readSocket())
                break;
            if (fds[1].revents)
                inputOpen = readInput();
            if (m_opt.tty)
                sendResizeIfChanged();
        }
        if (!m_result.exitCode && !m_result.detached) {
            if (auto st = waitExit(m_bundle, std::chrono::seconds(5)))
                m_result.exitCode = st->exitCode;
        }
        return m_result;
    }

private:
    // A shim that has gone (the command ended before this client spoke: a
    // connection from the shim's birth) takes nothing more, but what it sent
    // before it closed is still to be read: only reading ends the session.
    // MSG_NOSIGNAL: no SIGPIPE for the caller.
    void send(const std::string &frame)
    {
        for (std::size_t at = 0; !m_peerGone && at < frame.size();) {
            const ssize_t n = ::send(m_sock.get(), frame.data() + at, frame.size() - at, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                m_peerGone = true;
            else
                at += static_cast<std::size_t>(n);
        }
    }

    void sendResizeIfChanged()
    {
        if (!m_opt.tty)
            return;
        auto ws = windowSize(m_in);
        if (!ws)
            ws = windowSize(m_out);
        if (ws && ws != m_lastSize) {
            m_lastSize = *ws;
            send(encodeResize(ws->rows, ws->cols));
        }
    }

    bool readSocket()
    {
        char buf[32768];
        long n = readSome(m_sock.get(), buf, sizeof buf);
        if (n <= 0)
            return false;
        m_decoder.feed(std::string_view(buf, static_cast<size_t>(n)));
        for (const Frame &f : m_decoder.take()) {
            if (f.type == FrameType::Stdout)
                (void)writeAll(m_out, f.payload);
            else if (f.type == FrameType::Stderr)
                (void)writeAll(m_err, f.payload);
            else if (f.type == FrameType::Error)
                m_result.error = f.payload;
            else if (f.type == FrameType::Exit) {
                m_result.exitCode = std::atoi(f.payload.c_str());
                m_done = true;
            }
        }
        return true;
    }

    // False when the input ended.
    bool readInput()
    {
        char buf[4096];
        long n = readSome(m_in, buf, sizeof buf);
        if (n <= 0) {
            send(encodeFrame(FrameType::CloseStdin, {}));
            return false;
        }
        bool detached = false;
        const std::string forward = m_detach.feed(std::string_view(buf, static_cast<size_t>(n)), detached);
        if (!forward.empty())
            send(encodeFrame(FrameType::Stdin, forward));
        if (detached) {
            m_result.detached = true;
            m_done = true;
        }
        return true;
    }

    fs::path m_bundle;
    UniqueFd m_sock;
    int m_in, m_out, m_err;
    AttachOptions m_opt;
    DetachMatcher m_detach;
    FrameDecoder m_decoder;
    std::optional<WindowSize> m_lastSize;
    AttachResult m_result;
    bool m_done = false;
    bool m_peerGone = false;
};

} // namespace

AttachResult attach(const fs::path &bundleDir, int inFd, int outFd, int errFd, const AttachOptions &options)
{
    UniqueFd sock;
    try {
        sock = connectAttachSocket(bundleDir);
    } catch (const Error &e) {
        if (e.code() != ErrorCode::NotFound)
            throw;
        const ShimState st = readState(bundleDir);
        if (!st.finished())
            throw;
        AttachResult r;
        r.exitCode = st.exitCode;
        r.error = st.error;
        return r;
    }
    return AttachSession(bundleDir, std::move(sock), inFd, outFd, errFd, options).run();
}

AttachResult attach(const fs::path &bundleDir, UniqueFd connection, int inFd, int outFd, int errFd,
                    const AttachOptions &options)
{
    return AttachSession(bundleDir, std::move(connection), inFd, outFd, errFd, options).run();
}

} // namespace strata::engine::runtime
