// SPDX-License-Identifier: GPL-3.0-or-later
// The remover shares the caller's memory (ClonedRemover.h): everything it
// runs is below, on its own stack, with system calls made by hand, no libc
// call, no sanitizer or stack-protector code (they reach for the caller's
// thread-local data), and no return into C++.
#include "engine/util/ClonedRemover.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstddef>
#include <dirent.h>
#include <fcntl.h>
#include <mutex>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace strata::engine::fsutil {
namespace {

#if defined(__x86_64__)

#define STRATA_REMOVER_CODE __attribute__((no_stack_protector, no_sanitize("address", "undefined")))

constexpr int kMaxMounts = 4;           // a container's union, with room to spare
constexpr int kMaxDepth = 96;           // deeper directories stay for the sweep
constexpr std::size_t kDirBuffer = 2048; // per level: kMaxDepth of them fit the stack
constexpr std::size_t kStackBytes = 512 * 1024; // untouched pages cost nothing
constexpr int kNameBytes = 256;         // NAME_MAX + 1

// What the remover (or the syncer) needs, at the start of its own mapping
// (its stack is the rest).
struct Job {
    void *region = nullptr;
    std::size_t regionBytes = 0;
    bool sync = false; // syncAndUnlinkCloned's job rather than a removal
    long lockFd = -1;
    int mountCount = 0;
    char path[PATH_MAX] = {};
    char mounts[kMaxMounts][PATH_MAX] = {};
    // The syncer's: the file system to sync, the directory of the names to
    // unlink after it, and every descriptor it keeps (ascending).
    long syncFd = -1;
    long dirFd = -1;
    int nameCount = 0;
    char names[kMaxSyncNames][kNameBytes] = {};
    int keepCount = 0;
    int keep[kMaxSyncNames + 2] = {};
};

struct Dirent64 { // the kernel's linux_dirent64
    unsigned long long ino;
    long long off;
    unsigned short reclen;
    unsigned char type;
    char name[1];
};

STRATA_REMOVER_CODE long sys(long number, long a = 0, long b = 0, long c = 0, long d = 0)
{
    long result;
    register long r10 asm("r10") = d;
    asm volatile("syscall"
                 : "=a"(result)
                 : "a"(number), "D"(a), "S"(b), "d"(c), "r"(r10)
                 : "rcx", "r11", "memory");
    return result;
}

// True once `mount` is no mount point (any more): busy ones are detached.
STRATA_REMOVER_CODE bool unmounted(const char *mount)
{
    for (int i = 0; i < 8; ++i) {
        long rc = sys(SYS_umount2, reinterpret_cast<long>(mount), 0);
        if (rc == -EBUSY)
            rc = sys(SYS_umount2, reinterpret_cast<long>(mount), MNT_DETACH);
        if (rc == -EINVAL || rc == -ENOENT)
            return true;
        if (rc != 0)
            return false;
    }
    return false;
}

STRATA_REMOVER_CODE bool isDotOrDotDot(const char *name)
{
    return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

STRATA_REMOVER_CODE void removeDirectory(long parentFd, const char *name, unsigned long device, int depth);

// Deletes what `dirFd` holds; passes until one finds it empty (entries
// deleted while reading may hide others) or a few passes left what will not go.
STRATA_REMOVER_CODE void removeEntries(long dirFd, unsigned long device, int depth)
{
    alignas(8) char buffer[kDirBuffer];
    for (int pass = 0; pass < 4; ++pass) {
        bool seen = false;
        (void)sys(SYS_lseek, dirFd, 0, SEEK_SET);
        for (;;) {
            const long n = sys(SYS_getdents64, dirFd, reinterpret_cast<long>(buffer), sizeof buffer);
            if (n <= 0)
                break;
            for (long at = 0; at < n;) {
                const auto *entry = reinterpret_cast<const Dirent64 *>(buffer + at);
                at += entry->reclen;
                if (isDotOrDotDot(entry->name))
                    continue;
                seen = true;
                const long name = reinterpret_cast<long>(entry->name);
                if (entry->type == DT_DIR ||
                    (entry->type == DT_UNKNOWN && sys(SYS_unlinkat, dirFd, name, 0) == -EISDIR))
                    removeDirectory(dirFd, entry->name, device, depth + 1);
                else if (entry->type != DT_UNKNOWN)
                    (void)sys(SYS_unlinkat, dirFd, name, 0);
            }
        }
        if (!seen)
            return;
    }
}

// A directory on the tree's device only (never through a mount that stayed),
// made writable by its owner first (a read-only one inside a layer).
STRATA_REMOVER_CODE void removeDirectory(long parentFd, const char *name, unsigned long device, int depth)
{
    if (depth > kMaxDepth)
        return;
    const long fd = sys(SYS_openat, parentFd, reinterpret_cast<long>(name),
                        O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
    if (fd < 0)
        return;
    struct stat st; // filled by fstat (a {} could call memset through a PLT slot not bound yet)
    if (sys(SYS_fstat, fd, reinterpret_cast<long>(&st)) == 0 && (depth == 0 || st.st_dev == device)) {
        if ((st.st_mode & 0700) != 0700)
            (void)sys(SYS_fchmod, fd, static_cast<long>((st.st_mode & 07777) | 0700));
        removeEntries(fd, depth == 0 ? st.st_dev : device, depth);
        (void)sys(SYS_close, fd);
        (void)sys(SYS_unlinkat, parentFd, reinterpret_cast<long>(name), AT_REMOVEDIR);
        return;
    }
    (void)sys(SYS_close, fd);
}

[[noreturn]] STRATA_REMOVER_CODE void unmapAndExit(void *region, std::size_t bytes)
{
    // munmap takes this stack away: the exit follows without touching it.
    asm volatile("syscall\n\t"
                 "movl %[exitNumber], %%eax\n\t"
                 "xorl %%edi, %%edi\n\t"
                 "syscall"
                 :
                 : "a"(SYS_munmap), "D"(region), "S"(bytes), [exitNumber] "i"(SYS_exit)
                 : "rcx", "r11", "memory");
    __builtin_unreachable();
}

// The syncer: every descriptor but the job's closed (the caller's store
// lock goes when the caller exits), stdio on /dev/null, then syncfs, the
// names unlinked and their directory made durable.
[[noreturn]] STRATA_REMOVER_CODE void syncerMain(Job *job)
{
    (void)sys(SYS_setsid);
    long next = 3;
    for (int i = 0; i < job->keepCount; ++i) {
        if (job->keep[i] > next)
            (void)sys(SYS_close_range, next, job->keep[i] - 1, 0);
        next = job->keep[i] + 1;
    }
    (void)sys(SYS_close_range, next, ~0U, 0);
    const long null = sys(SYS_openat, AT_FDCWD, reinterpret_cast<long>("/dev/null"), O_RDWR | O_CLOEXEC, 0);
    for (long fd = 0; fd < 3 && null >= 0; ++fd)
        (void)sys(SYS_dup2, null, fd);
    if (null > 2)
        (void)sys(SYS_close, null);
    if (sys(SYS_syncfs, job->syncFd) == 0) { // else the entries stay: the next exclusive start syncs again
        for (int i = 0; i < job->nameCount; ++i)
            (void)sys(SYS_unlinkat, job->dirFd, reinterpret_cast<long>(job->names[i]), 0);
        (void)sys(SYS_fsync, job->dirFd);
    }
    unmapAndExit(job->region, job->regionBytes);
}

STRATA_REMOVER_CODE int removerMain(void *arg)
{
    Job *job = static_cast<Job *>(arg);
    if (job->sync)
        syncerMain(job);
    (void)sys(SYS_setsid); // out of the terminal's process group: a ^C after the CLI is not for it
    // Only the staging lock stays (as fd 3); stdin, stdout and stderr are
    // /dev/null, so no pipe of the caller's waits for this process.
    const long lock = sys(SYS_fcntl, job->lockFd, F_DUPFD_CLOEXEC, 10);
    const long null = sys(SYS_openat, AT_FDCWD, reinterpret_cast<long>("/dev/null"), O_RDWR | O_CLOEXEC, 0);
    for (long fd = 0; fd < 3 && null >= 0; ++fd)
        (void)sys(SYS_dup2, null, fd);
    if (lock >= 0)
        (void)sys(SYS_dup2, lock, 3);
    (void)sys(SYS_close_range, 4, ~0U, 0);
    bool allUnmounted = true;
    for (int i = 0; i < job->mountCount; ++i)
        allUnmounted = unmounted(job->mounts[i]) && allUnmounted;
    if (allUnmounted) // else the whole tree stays for the sweep, which unmounts first
        removeDirectory(AT_FDCWD, job->path, 0, 0);
    unmapAndExit(job->region, job->regionBytes);
}

// Between the caller and the remover, so the remover is nobody's to reap
// (the caller reaps this one). The caller is held until it exits
// (CLONE_VFORK), so glibc's clone() may touch the caller's errno here.
struct Launch {
    Job *job = nullptr;
    char *stackTop = nullptr;
    int removerPid = -1;
};
Launch g_launch;
alignas(64) char g_launcherStack[16 * 1024];
std::mutex g_launchMutex; // g_launch and the launcher's stack: one launch at a time

int launcherMain(void *)
{
    g_launch.removerPid = ::clone(removerMain, g_launch.stackTop, CLONE_VM | SIGCHLD, g_launch.job);
    return 0;
}

// A job in a fresh mapping of its own (the stack follows it); null when
// no mapping can be had.
Job *newJob()
{
    const long page = ::sysconf(_SC_PAGESIZE);
    const std::size_t bytes = (sizeof(Job) + kStackBytes + page - 1) / page * page;
    void *region = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (region == MAP_FAILED)
        return nullptr;
    Job *job = new (region) Job;
    job->region = region;
    job->regionBytes = bytes;
    return job;
}

// Starts the job's process; its mapping is unmapped here when that fails.
bool launch(Job *job)
{
    char *stackTop = reinterpret_cast<char *>(job->region) + job->regionBytes; // page-aligned: 16-byte aligned as the ABI wants
    bool started = false;
    {
        const std::lock_guard<std::mutex> held(g_launchMutex);
        g_launch = {job, stackTop, -1};
        // Every signal blocked in the launcher and the remover (inherited):
        // a handler of the caller's must not run on the caller's data there.
        sigset_t all, old;
        sigfillset(&all);
        ::pthread_sigmask(SIG_SETMASK, &all, &old);
        const int launcher = ::clone(launcherMain, g_launcherStack + sizeof g_launcherStack,
                                     CLONE_VM | CLONE_VFORK | SIGCHLD, nullptr);
        ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
        if (launcher > 0) {
            int status = 0;
            while (::waitpid(launcher, &status, 0) < 0 && errno == EINTR) {
            }
            started = g_launch.removerPid > 0;
        }
    }
    if (!started)
        ::munmap(job->region, job->regionBytes);
    return started;
}

#endif

} // namespace

bool removeTreeCloned(const std::filesystem::path &path, int lockFd, const std::vector<std::filesystem::path> &mounts)
{
#if defined(__x86_64__)
    bool fits = mounts.size() <= kMaxMounts && path.native().size() < PATH_MAX;
    for (const auto &m : mounts)
        fits = fits && m.native().size() < PATH_MAX;
    Job *job = fits ? newJob() : nullptr;
    if (!job) {
        ::close(lockFd);
        return false;
    }
    job->lockFd = lockFd;
    path.native().copy(job->path, PATH_MAX - 1);
    for (const auto &m : mounts)
        m.native().copy(job->mounts[job->mountCount++], PATH_MAX - 1);
    const bool started = launch(job);
    ::close(lockFd); // the remover holds its own copy (and with it the lock)
    return started;
#else
    (void)path;
    (void)mounts;
    ::close(lockFd);
    return false;
#endif
}

bool syncAndUnlinkCloned(int syncFd, int dirFd, const std::vector<std::string> &names, const std::vector<int> &heldFds)
{
#if defined(__x86_64__)
    bool fits = names.size() <= kMaxSyncNames && heldFds.size() <= kMaxSyncNames;
    for (const auto &n : names)
        fits = fits && n.size() < kNameBytes;
    Job *job = fits ? newJob() : nullptr;
    if (!job)
        return false;
    job->sync = true;
    job->syncFd = syncFd;
    job->dirFd = dirFd;
    for (const auto &n : names)
        n.copy(job->names[job->nameCount++], kNameBytes - 1);
    std::vector<int> keep(heldFds);
    keep.push_back(syncFd);
    keep.push_back(dirFd);
    std::sort(keep.begin(), keep.end());
    for (int fd : keep)
        job->keep[job->keepCount++] = fd;
    return launch(job);
#else
    (void)syncFd;
    (void)dirFd;
    (void)names;
    (void)heldFds;
    return false;
#endif
}

} // namespace strata::engine::fsutil
