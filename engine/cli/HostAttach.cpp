// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/HostAttach.h"

#include "engine/Error.h"
#include "engine/cli/ExitStatus.h"
#include "engine/remote/HostExitWait.h"
#include "engine/remote/StreamRelay.h"

#include <chrono>
#include <optional>
#include <thread>

namespace strata::engine::cli {
namespace {

constexpr const char *kDetachKeys = "ctrl-p,ctrl-q"; // Docker's default

remote::RelayOptions relayOptions(const CliContext &ctx, bool stdinToo, bool tty, const std::string &detachKeys)
{
    remote::RelayOptions o;
    o.inFd = ctx.inFd;
    o.outFd = ctx.outFd;
    o.errFd = ctx.errFd;
    o.forwardStdin = stdinToo;
    o.tty = tty;
    o.detachKeys = detachKeys;
    o.cancelFd = ctx.cancelFd;
    return o;
}

// The container's Tty and OpenStdin, and whether it runs (attach, start -a).
struct ContainerTerminal {
    std::string id;
    bool tty = false, openStdin = false, running = false, paused = false;
    int exitCode = 0;
};

ContainerTerminal containerTerminal(remote::RemoteHost &host, const std::string &ref)
{
    image::Json j;
    try {
        j = host.inspectContainer(ref);
    } catch (const Error &e) {
        if (e.code() == ErrorCode::NotFound)
            throw Error(ErrorCode::NotFound, "No such container: " + ref);
        throw;
    }
    ContainerTerminal t;
    t.id = j.value("Id", ref);
    if (j.contains("State") && j["State"].is_object())
        t.exitCode = j["State"].value("ExitCode", 0);
    if (j.contains("Config") && j["Config"].is_object()) {
        t.tty = j["Config"].value("Tty", false);
        t.openStdin = j["Config"].value("OpenStdin", false);
    }
    if (j.contains("State") && j["State"].is_object()) {
        t.running = j["State"].value("Running", false);
        t.paused = j["State"].value("Paused", false);
    }
    return t;
}

// Attaches to `id` (starting it when `start`), relays until its stream
// ends, and returns its exit status. Errors after the attach (a stream
// cut, a host gone) are one line and status 1, even for `run`.
// The exit code is asked for before the attach (a container the host
// auto-removes may be gone by the end): `exit` is the wait `run` sent, else
// one is sent here. `detached` says the detach keys ended it.
int attachAndWait(CliContext &ctx, remote::RemoteHost &host, const std::string &id, bool stdinToo, bool tty,
                  bool start, const std::string &detachKeys, remote::HostExitWait *exit = nullptr,
                  bool *detached = nullptr)
{
    remote::HostLifecycle life = host.lifecycle();
    std::optional<remote::HostExitWait> own;
    if (!exit) {
        exit = &own.emplace(host.api().host(), id);
        // A running container that ended before the wait arrived would
        // leave it waiting for an exit to come: its code now, as Docker's
        // attach to a container that just stopped ends.
        if (!start)
            if (const ContainerTerminal t = containerTerminal(host, id); !t.running)
                return t.exitCode;
    }
    auto connection = life.attach(id, stdinToo, detachKeys);
    if (start)
        life.start(id);
    try {
        remote::RelayOptions o = relayOptions(ctx, stdinToo, tty, detachKeys);
        o.resize = [&](std::uint16_t rows, std::uint16_t cols) { return life.resize(id, rows, cols); };
        const remote::RelayResult r = remote::relayStream(*connection, o);
        connection.reset();
        if (r.detached) {
            if (detached)
                *detached = true;
            return 0;
        }
        if (r.cancelled && start) // the app's Stop ends what this command started, as on Strata's engine
            life.kill(id, "KILL");
        else if (r.cancelled)
            return 130;
        return exit->code();
    } catch (const Error &e) {
        ctx.err << "Error: " << e.what() << "\n";
        throw ExitStatus{1};
    }
}

} // namespace

int hostRunAttached(CliContext &ctx, remote::RemoteHost &host, const std::string &id, bool interactive, bool tty,
                    bool rm)
{
    int code = 0;
    bool detached = false;
    try {
        remote::HostExitWait exit(host.api().host(), id);
        code = attachAndWait(ctx, host, id, interactive, tty, true, kDetachKeys, &exit, &detached);
        if (rm && !detached)
            exit.untilRemoved(host.api());
    } catch (const ExitStatus &) {
        throw; // the host is gone: nothing to remove
    } catch (const Error &) {
        if (rm) // not started (the host may not remove what never ran)
            try {
                host.lifecycle().remove(id, true, false);
            } catch (const Error &) {
            }
        throw;
    }
    return code;
}

int hostStartAttached(CliContext &ctx, remote::RemoteHost &host, const std::string &ref, bool interactive)
{
    const ContainerTerminal t = containerTerminal(host, ref);
    return attachAndWait(ctx, host, t.id, interactive && t.openStdin, t.tty, true, kDetachKeys);
}

int hostAttach(CliContext &ctx, remote::RemoteHost &host, const std::string &ref, bool noStdin,
               const std::string &detachKeys)
{
    const ContainerTerminal t = containerTerminal(host, ref);
    if (t.paused)
        throw Error(ErrorCode::Conflict, "You cannot attach to a paused container, unpause it first");
    if (!t.running)
        throw Error(ErrorCode::Conflict, "You cannot attach to a stopped container, start it first");
    return attachAndWait(ctx, host, t.id, !noStdin && t.openStdin, t.tty, false, detachKeys);
}

int hostExecInteractive(CliContext &ctx, remote::RemoteHost &host, const std::string &ref, const remote::HostExec &e,
                        const std::string &detachKeys)
{
    remote::HostLifecycle life = host.lifecycle();
    const std::string execId = life.createExec(ref, e);
    auto connection = life.startExec(execId, e.tty);
    try {
        remote::RelayOptions o = relayOptions(ctx, e.interactive, e.tty, detachKeys);
        o.resize = [&](std::uint16_t rows, std::uint16_t cols) { return life.resizeExec(execId, rows, cols); };
        const remote::RelayResult r = remote::relayStream(*connection, o);
        connection.reset();
        if (r.detached)
            return 0;
        if (r.cancelled)
            return 130;
        // The host may close the stream a moment before it records the exit code.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        for (;;) {
            if (const auto code = life.execExitCode(execId))
                return *code;
            if (std::chrono::steady_clock::now() > deadline)
                throw Error(ErrorCode::Io, host.api().errorPrefix() + "the exec " + execId.substr(0, 12) +
                                                   " still runs after its stream ended");
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    } catch (const Error &err) {
        ctx.err << "Error: " << err.what() << "\n";
        throw ExitStatus{1};
    }
}

} // namespace strata::engine::cli
