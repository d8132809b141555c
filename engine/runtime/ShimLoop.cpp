// SPDX-License-Identifier: GPL-3.0-or-later
// The shim's supervision loop: from exec until PID 1 has exited and its
// output is drained. One poll(2) over the SIGCHLD signalfd, the init's sync
// channel (while a held container waits for Start), the container's output,
// its stdin (when bytes wait to be written) and the attach socket.
#include "engine/Error.h"
#include "engine/runtime/Channel.h"
#include "engine/runtime/Shim.h"
#include "engine/util/Time.h"

#include <cerrno>
#include <iostream>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

using namespace std::chrono;

// After PID 1 exits the kernel kills the rest of its pid namespace, which
// closes the output's write ends; this bounds the wait for that.
constexpr auto kDrainTime = seconds(2);

} // namespace

void Shim::supervise()
{
    for (;;) {
        if (m_waitStatus && !m_output[0] && !m_output[1])
            break;
        int timeout = -1;
        if (m_drainDeadline) {
            const auto left = duration_cast<milliseconds>(*m_drainDeadline - steady_clock::now()).count();
            if (left <= 0)
                break;
            timeout = static_cast<int>(left);
        }
        std::vector<pollfd> fds;
        fds.push_back({m_signalFd.get(), POLLIN, 0});
        fds.push_back({m_sync.get(), static_cast<short>(m_sync ? POLLIN : 0), 0});
        const bool readOutput = !m_attach->backlogged();
        fds.push_back({m_output[0].get(), static_cast<short>(m_output[0] && readOutput ? POLLIN : 0), 0});
        fds.push_back({m_output[1].get(), static_cast<short>(m_output[1] && readOutput ? POLLIN : 0), 0});
        const bool stdinWaiting = m_stdinWrite && !m_stdinPending.empty();
        fds.push_back({m_stdinWrite.get(), static_cast<short>(stdinWaiting ? POLLOUT : 0), 0});
        constexpr size_t kAttachFirst = 5;
        m_attach->addPollFds(fds);
        for (auto &p : fds)
            if (p.events == 0)
                p.fd = -1; // poll ignores negative fds
        if (::poll(fds.data(), fds.size(), timeout) < 0) {
            if (errno == EINTR)
                continue;
            throwErrno("poll");
        }
        if (fds[0].revents)
            onSignal();
        if (fds[1].revents)
            onSyncReadable();
        for (int i = 0; i < 2; ++i)
            if (fds[2 + i].revents)
                onOutput(i);
        if (fds[4].revents)
            flushStdin();
        m_attach->handle(fds, kAttachFirst);
    }
    finish();
}

void Shim::onSignal()
{
    signalfd_siginfo si;
    while (readSome(m_signalFd.get(), &si, sizeof si) == static_cast<long>(sizeof si)) {
    }
    for (;;) {
        int status = 0;
        pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0)
            break;
        if (pid == m_child) {
            m_waitStatus = status;
            m_drainDeadline = steady_clock::now() + kDrainTime;
        }
    }
}

void Shim::onSyncReadable()
{
    std::optional<Message> msg;
    try {
        msg = receiveMessage(m_sync.get());
    } catch (const Error &) {
    }
    if (msg) {
        handleInitMessage(msg->body, msg->fd.get());
        return;
    }
    m_sync.reset();
    if (m_execSeen && m_initError.empty()) {
        m_state.status = ShimStatus::Running;
        m_state.startedAt = m_state.phases.back().time;
        writeShimState(m_opt.bundle, m_state);
    } else if (!m_initError.empty()) {
        m_attach->broadcast(FrameType::Error, m_initError);
    }
}

void Shim::onOutput(int index)
{
    char buf[32768];
    const LogStream stream = index == 0 ? LogStream::Stdout : LogStream::Stderr;
    for (;;) {
        long n = readSome(m_output[index].get(), buf, sizeof buf);
        if (n > 0) {
            const std::string_view bytes(buf, static_cast<size_t>(n));
            m_log->append(stream, bytes);
            m_attach->broadcast(index == 0 ? FrameType::Stdout : FrameType::Stderr, bytes);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        // EOF, or EIO from a pty master once no slave is open.
        m_log->flush(stream);
        if (index == 0 && m_spec.tty)
            m_stdinWrite.reset();
        m_output[index].reset();
        return;
    }
}

void Shim::writeStdin(std::string_view bytes)
{
    if (!m_spec.openStdin || !m_stdinWrite)
        return;
    m_stdinPending.append(bytes);
    flushStdin();
}

void Shim::flushStdin()
{
    while (m_stdinWrite && !m_stdinPending.empty()) {
        ssize_t n = ::write(m_stdinWrite.get(), m_stdinPending.data(), m_stdinPending.size());
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return;
            m_stdinPending.clear(); // EPIPE: nobody reads any more
            return;
        }
        m_stdinPending.erase(0, static_cast<size_t>(n));
    }
    if (m_stdinClosedByClient && m_stdinPending.empty() && !m_spec.tty)
        m_stdinWrite.reset();
}

void Shim::closeStdin()
{
    // Docker's StdinOnce: the container's stdin ends with the first
    // attached client's. Without it, stdin stays open for the next client.
    if (!m_spec.stdinOnce || m_spec.tty)
        return;
    m_stdinClosedByClient = true;
    flushStdin();
}

void Shim::finish()
{
    for (int i = 0; i < 2; ++i) {
        if (m_output[i]) {
            m_log->flush(i == 0 ? LogStream::Stdout : LogStream::Stderr);
            m_output[i].reset();
        }
    }
    const int status = m_waitStatus.value_or(0);
    m_state.finishedAt = timeutil::formatRfc3339Nano(timeutil::now());
    if (!m_initError.empty()) {
        m_state.status = ShimStatus::Failed;
        m_state.error = m_initError;
        m_state.exitCode = m_initErrorExit;
    } else {
        m_state.status = ShimStatus::Exited;
        m_state.exitCode = exitCodeFromWaitStatus(status);
        m_state.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    }
    try {
        writeShimState(m_opt.bundle, m_state);
    } catch (const Error &e) {
        std::cerr << "strata-shim: " << e.what() << "\n";
    }
    m_attach->broadcast(FrameType::Exit, std::to_string(m_state.exitCode));
    m_attach->shutdown(milliseconds(1000));
    releaseCgroups();
}

} // namespace strata::engine::runtime
