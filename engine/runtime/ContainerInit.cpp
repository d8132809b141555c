// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/ContainerInit.h"

#include "engine/runtime/Channel.h"
#include "engine/runtime/CommandLookup.h"
#include "engine/runtime/Namespaces.h"
#include "engine/runtime/Phases.h"
#include "engine/runtime/ProcessSetup.h"
#include "engine/runtime/RootfsSetup.h"
#include "engine/runtime/SealedExe.h"
#include "engine/runtime/SeccompCache.h"
#include "engine/runtime/StartError.h"
#include "engine/runtime/Terminal.h"
#include "engine/util/Time.h"

#include <exception>
#include <utility>
#include <sched.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

using nlohmann::json;

class Init {
public:
    explicit Init(InitContext &ctx) : m_ctx(ctx), m_spec(ctx.spec) {}

    [[noreturn]] void run();

private:
    void joinOwnCgroups();
    void prepareProcess();
    [[noreturn]] void reexecFromSealedCopy();
    void waitFor(const char *type);
    void awaitPlacement();
    void report(std::string_view phase, const std::string &detail);
    void send(nlohmann::json m, int fd = -1);

    // The phases, in order (Phases.h).
    std::string configureNamespaces();
    std::string mountRootfs();
    std::string pivotRoot();
    std::string dropCapabilities();
    [[noreturn]] void execCommand();

    void attachTerminal();

    InitContext &m_ctx;
    const RuntimeSpec &m_spec;
    std::string m_phase{nameOf(StartPhase::CreateNamespaces)};
    ResolvedUser m_user;
    // Compiled (or read from the boot's cache) while the host's /run is still
    // in view; a failure is kept and reported by the exec phase, as before.
    std::optional<std::string> m_seccomp;
    std::exception_ptr m_seccompError;
    // Phases completed but not yet sent (no step gate): they go with the
    // next message (pty, created, exec, error), so the shim wakes once.
    nlohmann::json m_unsentPhases = nlohmann::json::array();
};

void Init::prepareProcess()
{
    resetSignals();
    if (::setsid() < 0)
        throwErrno("setsid");
    if (!m_spec.tty) {
        const int fds[3] = {m_ctx.stdinFd, m_ctx.stdoutFd, m_ctx.stderrFd};
        for (int target = 0; target < 3; ++target)
            if (::dup2(fds[target], target) < 0)
                throwErrno("dup2 stdio");
    }
    closeOtherFds(m_ctx.syncFd);
    try {
        m_seccomp = seccompFilterOf(m_spec, seccompCacheDir());
    } catch (...) {
        m_seccompError = std::current_exception();
    }
}

void Init::joinOwnCgroups()
{
    if (m_ctx.memberJoins)
        for (const SelfJoin &join : *m_ctx.memberJoins)
            joinSelf(join);
    if (m_ctx.freezerJoin) {
        try {
            joinSelf(*m_ctx.freezerJoin);
        } catch (const Error &e) {
            sendMessage(m_ctx.syncFd, json{{"type", "no-freezer"}, {"message", e.what()}});
        }
    }
}

void Init::waitFor(const char *type)
{
    auto m = receiveMessage(m_ctx.syncFd);
    if (!m)
        throw Error(ErrorCode::Internal, "the shim went away");
    if (m->body.value("type", "") != type)
        throw Error(ErrorCode::Internal, std::string("expected \"") + type + "\" from the shim");
}

// Until "go" the init may be outside its cgroups: nothing after this runs
// there. With the cgroups joined they become the cgroup namespace's root.
void Init::awaitPlacement()
{
    if (m_ctx.setUpDuringPlacement)
        waitFor("go");
    if (::unshare(CLONE_NEWCGROUP) != 0)
        throwErrno("unshare the cgroup namespace");
}

void Init::report(std::string_view phase, const std::string &detail)
{
    json m{{"name", phase}, {"detail", detail}, {"time", timeutil::formatRfc3339Nano(timeutil::now())}};
    if (!m_spec.stepGate) {
        m_unsentPhases.push_back(std::move(m));
        return;
    }
    m["type"] = "phase";
    sendMessage(m_ctx.syncFd, m);
    waitFor("continue");
}

void Init::send(json m, int fd)
{
    if (!m_unsentPhases.empty())
        m["phases"] = std::exchange(m_unsentPhases, json::array());
    sendMessage(m_ctx.syncFd, m, fd);
}

std::string Init::configureNamespaces()
{
    setHostname(m_spec.hostname);
    if (!m_ctx.setUpDuringPlacement)
        awaitPlacement(); // the cgroup namespace: unshared here, as the phase's name says, when placed already
    std::string detail = "hostname " + (m_spec.hostname.empty() ? std::string("(host's)") : m_spec.hostname);
    if (!m_spec.shareHostNetwork) {
        bringUpLoopback();
        detail += m_spec.netnsPath.empty() ? ", network: lo only" : ", network: " + m_spec.netnsPath;
    } else {
        detail += ", network: host";
    }
    return detail;
}

std::string Init::mountRootfs()
{
    makeMountsPrivate();
    bindRootfs(m_ctx.rootfs);
    mountProc(m_ctx.rootfs);
    setupDev(m_ctx.rootfs, m_spec.userNamespace);
    createSpecDevices(m_ctx.rootfs, m_spec.devices, m_spec.userNamespace);
    mountSys(m_ctx.rootfs);
    mountSpecMounts(m_ctx.rootfs, m_spec.mounts);
    return m_ctx.rootfs.string() + ": /proc /dev /sys + " + std::to_string(m_spec.mounts.size()) + " mounts";
}

void Init::attachTerminal()
{
    Pty pty = openPty(m_spec.consoleRows, m_spec.consoleCols);
    becomeTerminalSession(pty.slave.get());
    bindConsole(pty.slavePath);
    send(json{{"type", "pty"}}, pty.master.get());
}

std::string Init::pivotRoot()
{
    pivotToRootfs(m_ctx.rootfs);
    maskPaths(m_spec.maskedPaths);
    makePathsReadonly(m_spec.readonlyPaths);
    if (m_spec.tty)
        attachTerminal();
    ensureDirectory(m_spec.cwd.empty() ? "/" : m_spec.cwd);
    if (::chdir(m_spec.cwd.empty() ? "/" : m_spec.cwd.c_str()) != 0)
        throwErrno("chdir to " + m_spec.cwd);
    if (m_spec.readonlyRootfs)
        remountRootReadonly();
    return std::to_string(m_spec.maskedPaths.size()) + " masked, " + std::to_string(m_spec.readonlyPaths.size()) +
           " read-only paths" + (m_spec.readonlyRootfs ? ", read-only root" : "");
}

std::string Init::dropCapabilities()
{
    ProcessSpec ps{m_spec.args, m_spec.env, m_spec.user, m_spec.capabilities, m_spec.noNewPrivileges};
    return dropPrivileges(ps, m_user);
}

void Init::execCommand()
{
    const auto env = processEnvironment(m_spec.env, m_user);
    const std::string path = findExecutable(m_spec.args.front(), env);
    if (m_ctx.hold) {
        send(json{{"type", "created"}});
        waitFor("start");
    }
    if (m_seccompError)
        std::rethrow_exception(m_seccompError);
    send(json{{"type", "exec"}, {"path", path}});
    loadSeccomp(m_seccomp);
    execProcess(path, m_spec.args, env);
}

void Init::reexecFromSealedCopy()
{
    // After "go": ids are mapped, so in a user namespace the exec keeps the
    // init's capabilities (it runs as root there).
    for (int fd : {m_ctx.syncFd, m_ctx.stdinFd, m_ctx.stdoutFd, m_ctx.stderrFd})
        if (fd >= 0)
            setCloseOnExec(fd, false);
    execSealedCopy(m_ctx.sealedShim, reexecArgs(m_ctx));
    throwErrno("execute the sealed copy of the shim");
}

void Init::run()
{
    try {
        if (!m_ctx.reexecuted)
            joinOwnCgroups(); // the cloned child, still single-threaded: cheap (Cgroup.h)
        if (m_ctx.reexecuted) {
            prepareProcess();
        } else if (m_ctx.sealedShim >= 0) {
            if (!m_ctx.setUpDuringPlacement)
                waitFor("go");
            reexecFromSealedCopy();
        } else {
            prepareProcess();
            if (!m_ctx.setUpDuringPlacement)
                waitFor("go");
        }
        report(m_phase, configureNamespaces());
        m_phase = nameOf(StartPhase::MountRootfs);
        report(m_phase, mountRootfs());
        m_phase = nameOf(StartPhase::PivotRoot);
        report(m_phase, pivotRoot());
        if (m_ctx.setUpDuringPlacement)
            awaitPlacement();
        m_phase = nameOf(StartPhase::DropCapabilities);
        report(m_phase, dropCapabilities());
        m_phase = nameOf(StartPhase::Exec);
        execCommand();
    } catch (const StartError &e) {
        trySendMessage(m_ctx.syncFd, json{{"type", "error"}, {"phase", m_phase}, {"message", e.what()},
                                          {"exitCode", e.exitCode()}, {"phases", m_unsentPhases}});
        ::_exit(e.exitCode());
    } catch (const std::exception &e) {
        trySendMessage(m_ctx.syncFd, json{{"type", "error"}, {"phase", m_phase}, {"message", e.what()},
                                          {"exitCode", kExitRuntimeFailure}, {"phases", m_unsentPhases}});
    }
    ::_exit(kExitRuntimeFailure);
}

} // namespace

void runContainerInit(InitContext &ctx)
{
    Init(ctx).run();
}

std::vector<std::string> reexecArgs(const InitContext &ctx)
{
    std::vector<std::string> args{"strata-shim", "init", "--bundle", ctx.bundle.string(), "--sync-fd",
                                  std::to_string(ctx.syncFd)};
    if (!ctx.spec.tty) // with a tty the init opens its pty inside; no stdio to hand on
        for (const auto &[flag, fd] : {std::pair{"--stdin-fd", ctx.stdinFd}, std::pair{"--stdout-fd", ctx.stdoutFd},
                                       std::pair{"--stderr-fd", ctx.stderrFd}})
            args.insert(args.end(), {flag, std::to_string(fd)});
    if (ctx.hold)
        args.emplace_back("--hold");
    if (ctx.setUpDuringPlacement)
        args.emplace_back("--set-up-during-placement");
    return args;
}

InitContext initContextFromArgs(const std::filesystem::path &bundle, int syncFd, bool hold,
                                bool setUpDuringPlacement)
{
    // Close-on-exec again: the shim learns that the command runs when the
    // channel closes with its execve.
    setCloseOnExec(syncFd, true);
    InitContext ctx{RuntimeSpec::load(bundle), {}, syncFd, -1, -1, -1, hold, bundle, -1, true, setUpDuringPlacement};
    ctx.rootfs = std::filesystem::canonical(ctx.spec.rootfs);
    return ctx;
}

} // namespace strata::engine::runtime
