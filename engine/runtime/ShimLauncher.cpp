// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's side of a start: spawn the shim, follow its phases over the
// start channel (Shim.h), release step gates, and report how it ended.
#include "engine/Error.h"
#include "engine/runtime/Channel.h"
#include "engine/runtime/Runtime.h"
#include "engine/runtime/ShimFork.h"
#include "engine/runtime/Spawn.h"

#include <cstdlib>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef STRATA_SHIM_BUILD_PATH
#define STRATA_SHIM_BUILD_PATH ""
#endif

namespace strata::engine::runtime {
namespace {

using nlohmann::json;

PhaseReport toReport(const json &m)
{
    PhaseReport r;
    r.name = m.value("name", "");
    r.detail = m.value("detail", "");
    r.time = m.value("time", "");
    r.pid = m.value("pid", 0);
    r.index = phaseIndex(r.name);
    if (r.index >= 0)
        r.description = std::string(kStartPhases[static_cast<size_t>(r.index)].description);
    return r;
}

StartError failure(const json &m)
{
    const int code = m.value("exitCode", kExitRuntimeFailure);
    const ErrorCode ec = code == kExitNotFound        ? ErrorCode::NotFound
                         : code == kExitCannotExecute ? ErrorCode::PermissionDenied
                                                      : ErrorCode::Io;
    return StartError(ec, m.value("error", "container failed to start"), code);
}

} // namespace

fs::path defaultShimPath()
{
    if (const char *env = std::getenv("STRATA_SHIM"); env && *env)
        return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const fs::path &candidate :
             {exe.parent_path() / "strata-shim", exe.parent_path() / "../libexec/strata/strata-shim"}) {
            if (::access(candidate.c_str(), X_OK) == 0)
                return candidate.lexically_normal();
        }
    }
    const fs::path built = STRATA_SHIM_BUILD_PATH;
    if (!built.empty() && ::access(built.c_str(), X_OK) == 0)
        return built;
    return "strata-shim";
}

StartResult startShim(const fs::path &bundleDir, const fs::path &shimPath, const StartOptions &options)
{
    const fs::path bundle = fs::absolute(bundleDir);
    ChannelPair channel = makeChannelPair();
    pid_t launcher = 0;
    UniqueFd attachConnection;
    if (options.forkInProcess && canForkShim()) {
        ShimOptions shim{bundle, 3, options.holdUntilAttach};
        UniqueFd shimsEnd;
        if (options.holdUntilAttach && options.attachAtBirth) {
            int pair[2];
            if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
                throwErrno("socketpair for the attach connection");
            attachConnection.reset(pair[0]);
            shimsEnd.reset(pair[1]);
            shim.hold = false; // the client is there before the command can write
            shim.attachFd = shimsEnd.get();
        }
        launcher = forkShim(shim, channel.b.get());
    } else {
        std::vector<std::string> args{"run", "--bundle", bundle.string(), "--start-fd", "3"};
        if (options.holdUntilAttach)
            args.emplace_back("--hold");
        SpawnFds fds;
        fds.fds[3] = channel.b.get();
        fds.stderrPath = bundle / "shim.log";
        launcher = spawnProgram(shimPath, args, fds);
    }
    channel.b.reset();
    // The launcher (or the first fork) puts the real shim into its own session and exits.
    const int launchStatus = waitChild(launcher);

    for (;;) {
        auto msg = receiveMessage(channel.a.get());
        if (!msg) {
            std::string why = "strata-shim ended before the container started";
            if (launchStatus > 0 && WIFEXITED(launchStatus) && WEXITSTATUS(launchStatus) != 0)
                why += " (exit status " + std::to_string(WEXITSTATUS(launchStatus)) + "; see " +
                       (bundle / "shim.log").string() + ")";
            throw StartError(ErrorCode::Io, why, kExitRuntimeFailure);
        }
        const json &m = msg->body;
        // Phases batched into this message (no step gates: Shim.h) come first.
        if (const auto it = m.find("phases"); it != m.end() && it->is_array() && options.onPhase)
            for (const json &p : *it)
                if (p.is_object())
                    options.onPhase(toReport(p));
        const std::string type = m.value("type", "");
        if (type == "phase") {
            if (options.onPhase)
                options.onPhase(toReport(m));
            if (m.value("gate", false))
                sendMessage(channel.a.get(), json{{"type", "continue"}});
        } else if (type == "running" || type == "created") {
            StartResult r;
            r.state = loadShimState(bundle);
            r.pid = r.state.pid;
            r.shimPid = r.state.shimPid;
            r.attachConnection = std::move(attachConnection);
            return r;
        } else if (type == "failed") {
            throw failure(m);
        }
    }
}

} // namespace strata::engine::runtime
