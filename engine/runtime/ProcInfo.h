// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading /proc/<pid>: the fields the runtime needs to know that a pid is
// still the process it started (start time), whether it is stopped, and
// which processes share a container's pid namespace.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace strata::engine::runtime {

struct ProcStat {
    pid_t pid = 0;
    std::string comm;
    char state = '?';             // R, S, D, T (stopped), Z ...
    pid_t ppid = 0;
    std::uint64_t utime = 0;      // clock ticks
    std::uint64_t stime = 0;      // clock ticks
    std::uint64_t startTime = 0;  // clock ticks after boot
    int ttyNr = 0;
};

// nullopt when the process does not exist (any more).
[[nodiscard]] std::optional<ProcStat> readProcStat(pid_t pid);

// True when `pid` exists, is not a zombie and started at `startTime` (0:
// any start time).
[[nodiscard]] bool processIsAlive(pid_t pid, std::uint64_t startTime);

// The inode of /proc/<pid>/ns/<kind> ("pid", "mnt" ...), 0 when unreadable.
[[nodiscard]] std::uint64_t namespaceInode(pid_t pid, const char *kind);

// Every host pid whose pid namespace is `pidNsInode`.
[[nodiscard]] std::vector<pid_t> pidsInPidNamespace(std::uint64_t pidNsInode);

// From /proc/<pid>/status: the pid as the innermost namespace sees it
// (last NSpid field), real uid; nullopt when gone.
struct ProcStatus {
    pid_t nsPid = 0;
    uid_t uid = 0;
};
[[nodiscard]] std::optional<ProcStatus> readProcStatus(pid_t pid);

// /proc/<pid>/cmdline with NULs as spaces; "[comm]" for kernel threads.
[[nodiscard]] std::string readCmdline(pid_t pid);

// The hexadecimal masks of this process's /proc/self/status lines named
// `keys` ("SigIgn", "CapBnd", ...), OR'ed; nullopt when one is missing or the
// file cannot be read. One open, read and close (no allocation): for the
// container's init, instead of a system call per signal or capability.
[[nodiscard]] std::optional<std::uint64_t> ownStatusMask(std::initializer_list<const char *> keys);

} // namespace strata::engine::runtime
