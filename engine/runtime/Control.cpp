// SPDX-License-Identifier: GPL-3.0-or-later
// State, signals and waiting, from any process: everything goes through
// shim-state.json and the kernel, never through the shim's memory.
#include "engine/Error.h"
#include "engine/runtime/AttachProtocol.h"
#include "engine/runtime/Freezer.h"
#include "engine/runtime/ProcInfo.h"
#include "engine/runtime/Runtime.h"

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

bool isPaused(const ShimState &st)
{
    if (st.status != ShimStatus::Running)
        return false;
    if (!st.cgroup.empty() && st.cgroupVersion != 0)
        return cgroupIsFrozen({st.cgroup, st.cgroupVersion});
    auto ps = readProcStat(st.pid);
    return ps && ps->state == 'T';
}

// A pidfd for the shim, or an invalid fd when it is gone (or the pid was
// reused by another process since).
UniqueFd openShimPidfd(const ShimState &st)
{
    if (st.shimPid <= 0)
        return UniqueFd();
    UniqueFd fd(static_cast<int>(::syscall(SYS_pidfd_open, st.shimPid, 0)));
    if (fd && !processIsAlive(st.shimPid, st.shimStartTime))
        fd.reset();
    return fd;
}

} // namespace

ShimState readState(const fs::path &bundleDir)
{
    ShimState st = loadShimState(bundleDir);
    if (st.finished())
        return st;
    const bool shimAlive = processIsAlive(st.shimPid, st.shimStartTime);
    const bool pidAlive = st.pid > 0 && processIsAlive(st.pid, st.pidStartTime);
    if (!shimAlive && !pidAlive) {
        // The shim may have recorded the exit and gone between the read above
        // and the liveness checks: read once more before calling it lost.
        if (ShimState again = loadShimState(bundleDir); again.finished())
            return again;
        // The shim was killed before it could record the exit.
        st.status = ShimStatus::Exited;
        st.exitCode = 255;
        st.error = "strata-shim exited unexpectedly; exit status unknown";
        return st;
    }
    st.paused = isPaused(st);
    return st;
}

void signal(const fs::path &bundleDir, int sig)
{
    const ShimState st = readState(bundleDir);
    if (st.status != ShimStatus::Running && st.status != ShimStatus::Created)
        throw Error(ErrorCode::Conflict, "Container " + bundleDir.filename().string() + " is not running");
    if (!processIsAlive(st.pid, st.pidStartTime))
        throw Error(ErrorCode::Conflict, "Container " + bundleDir.filename().string() + " is not running");
    if (::kill(st.pid, sig) != 0)
        throwErrno("kill " + std::to_string(st.pid));
    // A frozen task only dies once thawed: let a kill take effect.
    if ((sig == SIGKILL || sig == SIGTERM) && st.paused) {
        try {
            (void)thaw(bundleDir);
        } catch (const Error &) {
            // It may already be gone.
        }
    }
}

std::optional<ShimState> waitExit(const fs::path &bundleDir, std::chrono::milliseconds timeout)
{
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + timeout;
    for (;;) {
        ShimState st = readState(bundleDir);
        if (st.finished())
            return st;
        UniqueFd pidfd = openShimPidfd(st);
        int waitMs = 50; // without a pidfd: poll the state file
        if (timeout.count() >= 0) {
            const auto left = duration_cast<milliseconds>(deadline - steady_clock::now()).count();
            if (left <= 0)
                return std::nullopt;
            waitMs = pidfd ? static_cast<int>(left) : std::min<int>(50, static_cast<int>(left));
        } else if (pidfd) {
            waitMs = -1;
        }
        if (pidfd) {
            pollfd p{pidfd.get(), POLLIN, 0};
            (void)::poll(&p, 1, waitMs);
        } else {
            std::this_thread::sleep_for(milliseconds(waitMs));
        }
    }
}

ShimState stop(const fs::path &bundleDir, std::chrono::seconds timeout)
{
    ShimState st = readState(bundleDir);
    if (st.finished())
        return st;
    try {
        signal(bundleDir, SIGTERM);
        if (auto done = waitExit(bundleDir, timeout))
            return *done;
        signal(bundleDir, SIGKILL);
    } catch (const Error &e) {
        if (e.code() != ErrorCode::Conflict)
            throw;
    }
    if (auto done = waitExit(bundleDir, std::chrono::seconds(30)))
        return *done;
    throw Error(ErrorCode::Io, "container " + bundleDir.filename().string() + " did not exit after SIGKILL");
}

void release(const fs::path &bundleDir)
{
    const ShimState st = readState(bundleDir);
    if (st.status != ShimStatus::Created)
        return;
    UniqueFd s = connectAttachSocket(bundleDir);
    const std::string frame = encodeFrame(FrameType::Start, {});
    if (!writeAll(s.get(), frame))
        throwErrno("release " + bundleDir.string());
}

} // namespace strata::engine::runtime
