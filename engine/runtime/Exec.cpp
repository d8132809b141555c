// SPDX-License-Identifier: GPL-3.0-or-later
// runtime::exec: the engine's side. The work happens in `strata-shim exec`
// (ExecInContainer.h), a fresh single-threaded process that may setns; the
// caller only spawns it with the right stdio and waits.
#include "engine/Error.h"
#include "engine/runtime/Channel.h"
#include "engine/runtime/ExecInContainer.h"
#include "engine/runtime/Runtime.h"
#include "engine/runtime/Spawn.h"
#include "engine/runtime/Terminal.h"

#include <sys/wait.h>

namespace strata::engine::runtime {

ExecResult exec(const fs::path &bundleDir, const ExecSpec &spec, int inFd, int outFd, int errFd,
                const fs::path &shimPath)
{
    if (spec.args.empty())
        throw Error(ErrorCode::InvalidArgument, "exec: no command given");
    const fs::path bundle = fs::absolute(bundleDir);
    const ShimState st = readState(bundle);
    const std::string name = bundle.filename().string();
    if (st.status != ShimStatus::Running)
        throw Error(ErrorCode::Conflict, "Container " + name + " is not running");
    if (st.paused)
        throw Error(ErrorCode::Conflict, "Container " + name + " is paused, unpause the container before exec");

    // Detached: nothing of the caller's is handed over; the shim leaves a
    // relay behind (not our child) and exits once the process started.
    ExecSpec run = spec;
    if (run.detach) {
        run.tty = run.openStdin = false;
        inFd = outFd = errFd = -1;
    }
    ChannelPair status = makeChannelPair();
    SpawnFds fds;
    fds.fds = {run.openStdin ? inFd : -1, outFd, errFd, status.b.get()};
    std::optional<RawTerminal> raw;
    if (run.tty && run.openStdin)
        raw.emplace(inFd);
    const pid_t pid = spawnProgram(
        shimPath, {"exec", "--bundle", bundle.string(), "--spec", execSpecToJson(run).dump(), "--status-fd", "3"},
        fds);
    status.b.reset();

    ExecResult result;
    bool running = false;
    while (auto m = receiveMessage(status.a.get())) {
        const std::string type = m->body.value("type", "");
        running = running || type == "running";
        if (type == "failed") {
            result.error = m->body.value("error", "exec failed");
            result.exitCode = m->body.value("exitCode", kExitRuntimeFailure);
        }
    }
    const int ws = waitChild(pid);
    if (run.detach) {
        // Started: 0, as Docker's exec -d; else why it did not start.
        if (!running && result.error.empty()) {
            result.error = "the exec shim ended before the process started";
            result.exitCode = kExitRuntimeFailure;
        }
        return result;
    }
    if (result.error.empty())
        result.exitCode = ws < 0 ? kExitRuntimeFailure : (WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws));
    return result;
}

} // namespace strata::engine::runtime
