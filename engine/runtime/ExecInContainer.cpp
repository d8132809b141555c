// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/ExecInContainer.h"

#include "engine/runtime/Channel.h"
#include "engine/runtime/Cgroup.h"
#include "engine/runtime/CommandLookup.h"
#include "engine/runtime/ExecStdio.h"
#include "engine/runtime/LeakCheckBeforeEntering.h"
#include "engine/runtime/Namespaces.h"
#include "engine/runtime/ProcInfo.h"
#include "engine/runtime/ProcessSetup.h"
#include "engine/runtime/Spawn.h"
#include "engine/runtime/Terminal.h"

#include <csignal>
#include <fcntl.h>
#include <iostream>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

using nlohmann::json;

struct Target {
    ShimState state;
    RuntimeSpec spec;
};

Target checkTarget(const fs::path &bundleDir)
{
    Target t{readState(bundleDir), RuntimeSpec::load(bundleDir)};
    const std::string name = bundleDir.filename().string();
    if (t.state.status != ShimStatus::Running || !processIsAlive(t.state.pid, t.state.pidStartTime))
        throw StartError(ErrorCode::Conflict, "Container " + name + " is not running", kExitRuntimeFailure);
    if (t.state.paused)
        throw StartError(ErrorCode::Conflict,
                         "Container " + name + " is paused, unpause the container before exec", kExitRuntimeFailure);
    return t;
}

// The container's cgroups, opened while the host's cgroupfs is still
// visible: the exec'd process is put there (not this relay, which should
// neither show in `top` nor freeze with the container). The device policy's
// cgroup is among them: an exec'd process must not escape it. cgroup v1
// ones the (single-threaded) process joins by itself, cheaply (SelfJoin,
// Cgroup.h); a cgroup v2 one this relay moves it into by pid.
struct CgroupFiles {
    std::vector<SelfJoin> selfJoins; // v1
    UniqueFd v2Procs;                // the container's cgroup.procs on cgroup v2
};

CgroupFiles openCgroupFiles(const Target &t)
{
    CgroupFiles out;
    for (const auto &dir : t.state.memberCgroups)
        out.selfJoins.push_back(openSelfJoin(dir));
    if (t.state.cgroup.empty())
        return out;
    if (t.state.cgroupVersion == 1) {
        out.selfJoins.push_back(openSelfJoin(t.state.cgroup));
        return out;
    }
    const std::string path = t.state.cgroup + "/cgroup.procs";
    out.v2Procs.reset(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!out.v2Procs)
        throwErrno("open " + path);
    return out;
}

// Into the container: namespaces, then its root directory.
void enterContainer(const Target &t)
{
    const std::string rootPath = "/proc/" + std::to_string(t.state.pid) + "/root";
    UniqueFd root(::open(rootPath.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root)
        throwErrno("open " + rootPath);
    checkLeaksBeforeEnteringContainer();
    joinNamespacesOf(t.state.pid);
    if (::fchdir(root.get()) != 0 || ::chroot(".") != 0 || ::chdir("/") != 0)
        throwErrno("enter the container's root");
}

[[noreturn]] void becomeExecProcess(const Target &t, const ExecSpec &spec, int syncFd, ExecStdio &io,
                                    const CgroupFiles &cgroups)
{
    try {
        for (const SelfJoin &join : cgroups.selfJoins)
            joinSelf(join);
        auto go = receiveMessage(syncFd); // joined the cgroup v2 too
        if (!go)
            ::_exit(kExitRuntimeFailure);
        resetSignals();
        if (::setsid() < 0)
            throwErrno("setsid");
        becomeExecStdio(io, spec);
        closeOtherFds(syncFd);
        const std::string cwd = spec.cwd.empty() ? t.spec.cwd : spec.cwd;
        if (::chdir(cwd.empty() ? "/" : cwd.c_str()) != 0)
            throwErrno("chdir to " + cwd);
        std::vector<std::string> env = t.spec.env;
        env.insert(env.end(), spec.env.begin(), spec.env.end());
        ProcessSpec ps{spec.args, env, spec.user.empty() ? t.spec.user : spec.user, t.spec.capabilities,
                       t.spec.noNewPrivileges};
        ResolvedUser user;
        (void)dropPrivileges(ps, user);
        env = processEnvironment(env, user);
        const std::string path = findExecutable(spec.args.front(), env);
        const auto filter = seccompFilterOf(t.spec); // no cache: /run here is the container's
        sendMessage(syncFd, json{{"type", "exec"}});
        loadSeccomp(filter);
        execProcess(path, spec.args, env);
    } catch (const StartError &e) {
        trySendMessage(syncFd, json{{"type", "error"}, {"message", e.what()}, {"exitCode", e.exitCode()}});
        ::_exit(e.exitCode());
    } catch (const std::exception &e) {
        trySendMessage(syncFd, json{{"type", "error"}, {"message", e.what()}, {"exitCode", kExitRuntimeFailure}});
    }
    ::_exit(kExitRuntimeFailure);
}

} // namespace

json execSpecToJson(const ExecSpec &s)
{
    return json{{"args", s.args}, {"env", s.env},     {"cwd", s.cwd},
                {"user", s.user}, {"tty", s.tty},     {"openStdin", s.openStdin}, {"detach", s.detach}};
}

ExecSpec execSpecFromJson(const json &j)
{
    ExecSpec s;
    s.args = j.value("args", std::vector<std::string>{});
    s.env = j.value("env", std::vector<std::string>{});
    s.cwd = j.value("cwd", "");
    s.user = j.value("user", "");
    s.tty = j.value("tty", false);
    s.openStdin = j.value("openStdin", false);
    s.detach = j.value("detach", false);
    if (s.args.empty())
        throw Error(ErrorCode::InvalidArgument, "exec: no command given");
    return s;
}

int runExecInContainer(const fs::path &bundleDir, const ExecSpec &spec, int statusFd)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGWINCH);
    ::sigprocmask(SIG_BLOCK, &set, nullptr);
    UniqueFd sigFd(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    pid_t child = 0;
    ExecStdio io;
    try {
        const Target t = checkTarget(bundleDir);
        const CgroupFiles cgroups = openCgroupFiles(t);
        enterContainer(t);
        io = openExecStdio(spec);
        ChannelPair sync = makeChannelPair();
        child = ::fork();
        if (child < 0)
            throwErrno("fork");
        if (child == 0)
            becomeExecProcess(t, spec, sync.b.get(), io, cgroups);
        sync.b.reset();
        if (cgroups.v2Procs && !writeAll(cgroups.v2Procs.get(), std::to_string(child)))
            throwErrno("join the container's cgroup " + t.state.cgroup);
        (void)trySendMessage(sync.a.get(), json{{"type", "go"}}); // else it failed: its error waits below
        bool execSeen = false;
        while (auto m = receiveMessage(sync.a.get())) {
            const std::string type = m->body.value("type", "");
            execSeen = execSeen || type == "exec";
            if (type == "error") {
                trySendMessage(statusFd, json{{"type", "failed"}, {"error", m->body.value("message", "")},
                                              {"exitCode", m->body.value("exitCode", kExitRuntimeFailure)}});
                return exitCodeFromWaitStatus(waitChild(child));
            }
        }
        if (!execSeen)
            throw StartError(ErrorCode::Internal, "exec process died before exec", kExitRuntimeFailure);
        trySendMessage(statusFd, json{{"type", "running"}, {"pid", child}});
    } catch (const StartError &e) {
        trySendMessage(statusFd, json{{"type", "failed"}, {"error", e.what()}, {"exitCode", e.exitCode()}});
        return e.exitCode();
    } catch (const std::exception &e) {
        trySendMessage(statusFd, json{{"type", "failed"}, {"error", e.what()}, {"exitCode", kExitRuntimeFailure}});
        return kExitRuntimeFailure;
    }
    ::close(statusFd);
    return exitCodeFromWaitStatus(relayExecStdio(child, io, spec, sigFd.get()));
}

} // namespace strata::engine::runtime
