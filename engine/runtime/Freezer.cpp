// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/Freezer.h"

#include "engine/Error.h"
#include "engine/runtime/Fd.h"
#include "engine/runtime/ProcInfo.h"
#include "engine/runtime/Runtime.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace strata::engine::runtime {
namespace {

void writeControl(const std::string &file, const std::string &value)
{
    UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd || !writeAll(fd.get(), value))
        throwErrno("write " + value + " to " + file);
}

std::string readControl(const std::string &file)
{
    std::ifstream in(file);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool frozenNow(const CgroupRef &cg)
{
    if (cg.version == 1)
        return readControl(cg.path + "/freezer.state").rfind("FROZEN", 0) == 0;
    return readControl(cg.path + "/cgroup.events").find("frozen 1") != std::string::npos;
}

void writeFrozen(const CgroupRef &cg, bool frozen)
{
    if (cg.version == 1)
        writeControl(cg.path + "/freezer.state", frozen ? "FROZEN" : "THAWED");
    else
        writeControl(cg.path + "/cgroup.freeze", frozen ? "1" : "0");
}

bool isStopped(pid_t pid)
{
    auto st = readProcStat(pid);
    return !st || st->state == 'T' || st->state == 'Z';
}

// SIGSTOP/SIGCONT to every process in the container's pid namespace, twice
// over so that children forked during the first pass are caught, then waits
// (as the freezer does) until each has stopped or resumed: kill() returns
// before the target has reacted.
void signalAll(const ShimState &st, int sig)
{
    using namespace std::chrono;
    const auto ns = namespaceInode(st.pid, "pid");
    std::set<pid_t> done;
    for (int pass = 0; pass < 2; ++pass) {
        for (pid_t p : pidsInPidNamespace(ns)) {
            if (done.insert(p).second)
                ::kill(p, sig);
        }
    }
    const bool wantStopped = sig == SIGSTOP;
    const auto deadline = steady_clock::now() + seconds(2);
    for (pid_t p : done) {
        while (isStopped(p) != wantStopped && readProcStat(p) && steady_clock::now() < deadline)
            std::this_thread::sleep_for(milliseconds(2));
    }
}

ShimState runningState(const fs::path &bundleDir)
{
    ShimState st = readState(bundleDir);
    if (st.status != ShimStatus::Running || !processIsAlive(st.pid, st.pidStartTime))
        throw Error(ErrorCode::Conflict, "Container " + bundleDir.filename().string() + " is not running");
    return st;
}

FreezeResult setFrozen(const fs::path &bundleDir, bool frozen)
{
    const ShimState st = runningState(bundleDir);
    if (st.cgroupVersion != 0 && !st.cgroup.empty()) {
        setCgroupFrozen({st.cgroup, st.cgroupVersion}, frozen);
        return {false, st.cgroupVersion == 1 ? "cgroup v1 freezer" : "cgroup v2 freezer"};
    }
    signalAll(st, frozen ? SIGSTOP : SIGCONT);
    return {true, frozen ? "SIGSTOP" : "SIGCONT"};
}

} // namespace

void setCgroupFrozen(const CgroupRef &cg, bool frozen)
{
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + seconds(5);
    for (;;) {
        writeFrozen(cg, frozen);
        if (frozenNow(cg) == frozen)
            return;
        if (steady_clock::now() > deadline)
            break;
        std::this_thread::sleep_for(milliseconds(5));
    }
    if (frozen)
        writeFrozen(cg, false);
    throw Error(ErrorCode::Io, std::string("cgroup ") + cg.path + " did not become " + (frozen ? "frozen" : "thawed"));
}

bool cgroupIsFrozen(const CgroupRef &cg)
{
    return cg.valid() && frozenNow(cg);
}

FreezeResult freeze(const fs::path &bundleDir)
{
    return setFrozen(bundleDir, true);
}

FreezeResult thaw(const fs::path &bundleDir)
{
    return setFrozen(bundleDir, false);
}

} // namespace strata::engine::runtime
