// SPDX-License-Identifier: GPL-3.0-or-later
// runtime::listProcesses, for `top`: the container's processes with the
// columns of `ps -ef` (UID PID PPID C STIME TTY TIME CMD), which is what
// Docker's top runs on the host by default.
#include "engine/Error.h"
#include "engine/runtime/Cgroup.h"
#include "engine/runtime/ProcInfo.h"
#include "engine/runtime/Runtime.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <pwd.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

long bootTime()
{
    std::ifstream in("/proc/stat");
    std::string key;
    long value = 0;
    while (in >> key) {
        if (key == "btime" && in >> value)
            return value;
        in.ignore(1 << 20, '\n');
    }
    return 0;
}

std::string userName(uid_t uid)
{
    passwd pw{};
    passwd *found = nullptr;
    char buf[4096];
    if (::getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found)
        return found->pw_name;
    return std::to_string(uid);
}

std::string ttyName(int ttyNr)
{
    const unsigned major = (static_cast<unsigned>(ttyNr) >> 8) & 0xfff;
    const unsigned minor = (static_cast<unsigned>(ttyNr) & 0xff) | ((static_cast<unsigned>(ttyNr) >> 12) & 0xfff00);
    if (ttyNr == 0)
        return "?";
    if (major >= 136 && major <= 143)
        return "pts/" + std::to_string(minor + (major - 136) * 256);
    if (major == 4)
        return "tty" + std::to_string(minor);
    return "?";
}

std::string formatCpuTime(std::uint64_t seconds)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02llu:%02llu:%02llu", static_cast<unsigned long long>(seconds / 3600),
                  static_cast<unsigned long long>((seconds / 60) % 60), static_cast<unsigned long long>(seconds % 60));
    return buf;
}

// ps's STIME: "HH:MM" for today, "MonDD" before.
std::string formatStartTime(std::time_t started)
{
    std::tm then{}, today{};
    const std::time_t now = std::time(nullptr);
    ::localtime_r(&started, &then);
    ::localtime_r(&now, &today);
    char buf[16];
    if (then.tm_yday == today.tm_yday && then.tm_year == today.tm_year)
        std::strftime(buf, sizeof buf, "%H:%M", &then);
    else
        std::strftime(buf, sizeof buf, "%b%d", &then);
    return buf;
}

std::vector<pid_t> containerPids(const ShimState &st)
{
    if (!st.cgroup.empty() && st.cgroupVersion != 0) {
        auto pids = cgroupProcesses({st.cgroup, st.cgroupVersion});
        if (!pids.empty())
            return pids;
    }
    return pidsInPidNamespace(namespaceInode(st.pid, "pid"));
}

} // namespace

std::vector<ProcessInfo> listProcesses(const fs::path &bundleDir)
{
    const ShimState st = readState(bundleDir);
    if (st.status != ShimStatus::Running || !processIsAlive(st.pid, st.pidStartTime))
        throw Error(ErrorCode::Conflict, "Container " + bundleDir.filename().string() + " is not running");
    const long ticks = ::sysconf(_SC_CLK_TCK);
    const long boot = bootTime();
    const std::time_t now = std::time(nullptr);
    std::vector<ProcessInfo> out;
    for (pid_t pid : containerPids(st)) {
        auto stat = readProcStat(pid);
        auto status = readProcStatus(pid);
        if (!stat || !status)
            continue; // exited meanwhile
        ProcessInfo p;
        p.pid = pid;
        p.ppid = stat->ppid;
        p.nsPid = status->nsPid;
        p.uid = status->uid;
        p.user = userName(status->uid);
        const std::time_t started = boot + static_cast<std::time_t>(stat->startTime / static_cast<std::uint64_t>(ticks));
        p.stime = formatStartTime(started);
        p.tty = ttyName(stat->ttyNr);
        const std::uint64_t cpuTicks = stat->utime + stat->stime;
        p.time = formatCpuTime(cpuTicks / static_cast<std::uint64_t>(ticks));
        const long elapsed = std::max<long>(1, static_cast<long>(now - started));
        p.cpuPercent = static_cast<int>(cpuTicks * 100 / static_cast<std::uint64_t>(ticks) / static_cast<std::uint64_t>(elapsed));
        p.cmd = readCmdline(pid);
        out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(), [](const ProcessInfo &a, const ProcessInfo &b) { return a.pid < b.pid; });
    return out;
}

} // namespace strata::engine::runtime
