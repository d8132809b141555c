// SPDX-License-Identifier: GPL-3.0-or-later
// strata-shim: the per-container supervisor and the runtime's helper
// process. The engine starts it; people do not.
//
//   strata-shim run   --bundle DIR [--start-fd N] [--hold]   (Shim.h)
//   strata-shim exec  --bundle DIR --spec JSON [--status-fd N] (ExecInContainer.h)
//   strata-shim probe                                         (Probe.h)
//   strata-shim init  --bundle DIR --sync-fd N ...             (ContainerInit.h; only from the sealed copy)
#include "engine/Error.h"
#include "engine/runtime/ContainerInit.h"
#include "engine/runtime/ExecInContainer.h"
#include "engine/runtime/Probe.h"
#include "engine/runtime/ProcessSetup.h"
#include "engine/runtime/SealedExe.h"
#include "engine/runtime/Shim.h"
#include "engine/runtime/Spawn.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <vector>
#include <sys/stat.h>
#include <unistd.h>

namespace {

namespace rt = strata::engine::runtime;

struct Args {
    std::string command;
    std::map<std::string, std::string> values; // "--bundle" -> "DIR"
    bool hold = false;
    bool setUpDuringPlacement = false; // init only (ContainerInit.h)
};

Args parseArgs(int argc, char **argv)
{
    Args a;
    if (argc > 1)
        a.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string key = argv[i];
        if (key == "--hold")
            a.hold = true;
        else if (key == "--set-up-during-placement")
            a.setUpDuringPlacement = true;
        else if (key.rfind("--", 0) == 0 && i + 1 < argc)
            a.values[key] = argv[++i];
        else
            throw std::runtime_error("unexpected argument: " + key);
    }
    return a;
}

int intValue(const Args &a, const std::string &key, int fallback)
{
    auto it = a.values.find(key);
    return it == a.values.end() ? fallback : std::atoi(it->second.c_str());
}

std::string required(const Args &a, const std::string &key)
{
    auto it = a.values.find(key);
    if (it == a.values.end())
        throw std::runtime_error("missing " + key);
    return it->second;
}

// Detaches like a daemon: fork, setsid, fork again. The launcher (the
// engine's child) returns at once so `strata run -d` can exit; the shim runs
// in its own session, never acquires a controlling terminal, and is
// reparented to init (or the nearest subreaper).
bool detach()
{
    pid_t first = ::fork();
    if (first < 0)
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (first > 0) {
        const int st = rt::waitChild(first);
        ::_exit(st == 0 ? 0 : 1);
    }
    if (::setsid() < 0)
        ::_exit(1);
    pid_t second = ::fork();
    if (second < 0)
        ::_exit(1);
    if (second > 0)
        ::_exit(0);
    return true;
}

int runCommand(const Args &a)
{
    rt::ShimOptions opt;
    opt.bundle = std::filesystem::absolute(required(a, "--bundle"));
    opt.startFd = intValue(a, "--start-fd", -1);
    opt.hold = a.hold;
    rt::closeOtherFds(opt.startFd);
    detach();
    return rt::runShimProcess(opt);
}

// `strata-shim init`: a container's init, re-executed from the sealed copy
// of the shim (ContainerInit.h); it goes on where the cloned child stopped.
int initCommand(const Args &a)
{
    rt::InitContext ctx = rt::initContextFromArgs(required(a, "--bundle"), intValue(a, "--sync-fd", -1), a.hold,
                                                      a.setUpDuringPlacement);
    ctx.stdinFd = intValue(a, "--stdin-fd", -1);
    ctx.stdoutFd = intValue(a, "--stdout-fd", -1);
    ctx.stderrFd = intValue(a, "--stderr-fd", -1);
    rt::runContainerInit(ctx); // never returns
}

// The exec'd process is forked from this one: it must run from a read-only
// view or a sealed copy of the shim (SealedExe.h) before it enters the
// container.
void runFromProtectedExecutable(char **argv)
{
    if (rt::runningFromProtectedExecutable())
        return;
    const rt::UniqueFd copy = rt::protectedExecutableOf("/proc/self/exe");
    std::vector<std::string> args;
    for (char **p = argv; *p; ++p)
        args.emplace_back(*p);
    rt::execSealedCopy(copy.get(), args);
    throw std::runtime_error(std::string("execute the protected copy of the shim: ") + std::strerror(errno));
}

int execCommand(const Args &a)
{
    const int statusFd = intValue(a, "--status-fd", -1);
    rt::closeOtherFds(statusFd);
    const auto spec = rt::execSpecFromJson(nlohmann::json::parse(required(a, "--spec")));
    if (spec.detach) {
        // exec -d: the engine waits for this process, not for the command;
        // a child of ours relays it (reparented, in its own session) and
        // reports on the status fd, which the engine reads to its end.
        const pid_t relay = ::fork();
        if (relay < 0)
            throw std::runtime_error(std::string("fork the detached exec's relay: ") + std::strerror(errno));
        if (relay > 0)
            ::_exit(0);
        (void)::setsid();
    }
    return rt::runExecInContainer(std::filesystem::absolute(required(a, "--bundle")), spec, statusFd);
}

} // namespace

int main(int argc, char **argv)
{
    try {
        const Args a = parseArgs(argc, argv);
        if (a.command == "run")
            return runCommand(a);
        if (a.command == "exec") {
            runFromProtectedExecutable(argv);
            return execCommand(a);
        }
        if (a.command == "init")
            return initCommand(a);
        if (a.command == "probe") {
            std::cout << rt::capabilitiesToJson(rt::probeHost()).dump(2) << "\n";
            return 0;
        }
        std::cerr << "usage: strata-shim run|exec|probe ... (started by the strata engine)\n";
        return 2;
    } catch (const std::exception &e) {
        std::cerr << "strata-shim: " << e.what() << "\n";
        return rt::kExitRuntimeFailure;
    }
}
