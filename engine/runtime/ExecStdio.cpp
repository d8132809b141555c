// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/ExecStdio.h"

#include "engine/Error.h"

#include <csignal>
#include <fcntl.h>
#include <optional>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace strata::engine::runtime {
namespace {

// How long the relay waits for more output once the process has exited:
// what it wrote just before exiting is in the pipe already; a background
// process still holding the pipe is not waited for.
constexpr int kDrainMs = 200;

// One copy: from -> to. `closeAtEof`: the write end is ours (a pipe into
// the process), closed when the input ends so the process sees EOF.
struct Stream {
    int from = -1;
    int to = -1;
    bool output = false;
    bool open = true;
    UniqueFd *closeAtEof = nullptr;
};

// Copies what is readable; false at end of input (or when `to` is gone).
bool pump(int from, int to)
{
    char buf[16384];
    const long n = readSome(from, buf, sizeof buf);
    if (n <= 0)
        return n < 0 && errno == EAGAIN;
    return writeAll(to, buf, static_cast<size_t>(n));
}

void dupTo(int fd, int target)
{
    if (fd != target && ::dup2(fd, target) < 0)
        throwErrno("dup2 exec stdio");
}

} // namespace

ExecStdio openExecStdio(const ExecSpec &spec)
{
    ExecStdio io;
    if (spec.tty) {
        const auto ws = windowSize(0);
        io.pty = openPty(ws ? ws->rows : 24, ws ? ws->cols : 80);
        return io;
    }
    if (spec.openStdin)
        io.in = makePipe();
    io.out = makePipe();
    io.err = makePipe();
    return io;
}

void becomeExecStdio(ExecStdio &io, const ExecSpec &spec)
{
    if (spec.tty) {
        becomeTerminalSession(io.pty.slave.get());
        return;
    }
    if (spec.openStdin) {
        dupTo(io.in.read.get(), 0);
    } else {
        const int null = ::open("/dev/null", O_RDONLY);
        if (null < 0)
            throwErrno("stdin from /dev/null");
        dupTo(null, 0);
    }
    dupTo(io.out.write.get(), 1);
    dupTo(io.err.write.get(), 2);
}

int relayExecStdio(pid_t child, ExecStdio &io, const ExecSpec &spec, int sigFd)
{
    // A reader that went away must end the relay's copy, not kill the relay.
    ::signal(SIGPIPE, SIG_IGN);
    std::vector<Stream> streams;
    const int master = io.pty.master.get();
    io.pty.slave.reset();
    io.in.read.reset();
    io.out.write.reset();
    io.err.write.reset();
    if (spec.tty) {
        setNonBlocking(master);
        if (spec.openStdin)
            streams.push_back({0, master, false, true, nullptr});
        streams.push_back({master, 1, true, true, nullptr});
    } else {
        if (spec.openStdin)
            streams.push_back({0, io.in.write.get(), false, true, &io.in.write});
        setNonBlocking(io.out.read.get());
        setNonBlocking(io.err.read.get());
        streams.push_back({io.out.read.get(), 1, true, true, nullptr});
        streams.push_back({io.err.read.get(), 2, true, true, nullptr});
    }
    std::optional<int> status;
    auto outputOpen = [&] {
        for (const auto &s : streams)
            if (s.output && s.open)
                return true;
        return false;
    };
    while (!status || outputOpen()) {
        std::vector<pollfd> fds{{sigFd, POLLIN, 0}};
        for (const auto &s : streams)
            fds.push_back({s.open && (s.output || !status) ? s.from : -1, POLLIN, 0});
        const int ready = ::poll(fds.data(), fds.size(), status ? kDrainMs : -1);
        if (ready <= 0) {
            if (ready == 0)
                break; // exited, and nothing more came: the rest belongs to a background process
            continue;
        }
        if (fds[0].revents) {
            signalfd_siginfo si;
            while (readSome(sigFd, &si, sizeof si) > 0) {
            }
            if (const auto ws = windowSize(0); ws && master >= 0)
                setWindowSize(master, *ws);
            int st = 0;
            if (::waitpid(child, &st, WNOHANG) == child)
                status = st;
        }
        for (std::size_t i = 0; i < streams.size(); ++i) {
            Stream &s = streams[i];
            if (!fds[i + 1].revents || pump(s.from, s.to))
                continue;
            s.open = false;
            if (s.closeAtEof)
                s.closeAtEof->reset();
        }
    }
    if (!status) {
        int st = 0;
        if (::waitpid(child, &st, 0) == child)
            status = st;
    }
    return status ? *status : 0;
}

} // namespace strata::engine::runtime
