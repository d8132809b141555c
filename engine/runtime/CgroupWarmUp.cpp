// SPDX-License-Identifier: GPL-3.0-or-later
// beginCgroupMigration (Cgroup.h): the first cgroup.procs write after a
// quiet spell waits for an RCU grace period; a throwaway process makes it
// early. It shares the caller's memory (CLONE_VM): a fork would copy the
// page tables of the CLI (or the shim forked from it) and make the caller
// fault on every page it writes afterwards, about a millisecond of CPU per
// start. Sharing memory, the writer must not touch what the caller uses:
// its own stack, system calls made by hand (glibc's would set the caller's
// thread-local errno), no return into C++.
#include "engine/runtime/Cgroup.h"

#include <atomic>
#include <climits>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>

namespace strata::engine::runtime {
namespace {

#if defined(__x86_64__)

long rawSyscall(long number, long a, long b, long c)
{
    long result;
    asm volatile("syscall" : "=a"(result) : "a"(number), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return result;
}

// One warm-up at a time per process: its stacks and path are static.
struct WarmUp {
    std::atomic<bool> busy{false};
    char path[PATH_MAX] = {};
    alignas(64) char launcherStack[16 * 1024];
    alignas(64) char writerStack[16 * 1024];
};
WarmUp g_warmUp;

// The writer: "0" is itself; it goes back to nowhere (exit by hand, no
// stack used after the flag is cleared).
int writerMain(void *)
{
    const long fd = rawSyscall(SYS_openat, AT_FDCWD, reinterpret_cast<long>(g_warmUp.path), O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        (void)rawSyscall(SYS_write, fd, reinterpret_cast<long>("0"), 1);
        (void)rawSyscall(SYS_close, fd, 0, 0);
    }
    g_warmUp.busy.store(false, std::memory_order_release);
    asm volatile("syscall" : : "a"(SYS_exit), "D"(0) : "rcx", "r11", "memory");
    __builtin_unreachable();
}

// Between the caller and the writer, so the writer is nobody's to reap: it
// starts the writer and exits, and the caller (held until then: CLONE_VFORK)
// reaps it. The caller is blocked, so glibc's clone() may touch its errno.
int launcherMain(void *)
{
    const int writer = ::clone(writerMain, g_warmUp.writerStack + sizeof g_warmUp.writerStack,
                               CLONE_VM | SIGCHLD, nullptr);
    if (writer < 0)
        g_warmUp.busy.store(false, std::memory_order_release);
    return 0;
}

#endif

} // namespace

void beginCgroupMigration(const CgroupRef &hierarchy)
{
#if defined(__x86_64__)
    const std::string file = hierarchy.path + "/cgroup.procs";
    if (file.size() >= sizeof g_warmUp.path || g_warmUp.busy.exchange(true, std::memory_order_acquire))
        return; // the last one is still waiting: the grace period is under way
    std::memcpy(g_warmUp.path, file.c_str(), file.size() + 1);
    const int launcher = ::clone(launcherMain, g_warmUp.launcherStack + sizeof g_warmUp.launcherStack,
                                 CLONE_VM | CLONE_VFORK | SIGCHLD, nullptr);
    if (launcher < 0) {
        g_warmUp.busy.store(false, std::memory_order_release);
        return;
    }
    (void)::waitpid(launcher, nullptr, 0);
#else
    (void)hierarchy; // other architectures: the placement waits as before
#endif
}

void beginCgroupMigrationBeforeStart()
{
    if (const CgroupRef hierarchy = findFreezerHierarchy(); hierarchy.version == 1)
        beginCgroupMigration(hierarchy);
}

} // namespace strata::engine::runtime
