// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/DetachedRemoval.h"

#include "engine/Error.h"
#include "engine/util/ClonedRemover.h"
#include "engine/util/Fs.h"
#include "engine/util/MountTable.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace strata::engine::fsutil {

bool singleThreaded()
{
    DIR *tasks = ::opendir("/proc/self/task");
    if (!tasks)
        return false;
    int threads = 0;
    while (const dirent *e = ::readdir(tasks))
        if (e->d_name[0] != '.')
            ++threads;
    ::closedir(tasks);
    return threads == 1;
}

void unmountAll(const std::vector<std::filesystem::path> &mounts)
{
    for (const auto &m : mounts) {
        for (int i = 0; i < 8 && isMountPoint(m); ++i)
            if (::umount2(m.c_str(), 0) != 0 && errno == EBUSY)
                (void)::umount2(m.c_str(), MNT_DETACH); // the kernel finishes when the last user goes
        if (isMountPoint(m))
            throw Error(ErrorCode::Conflict, m.string() + " is still mounted; not deleting through it");
    }
}

bool removeTreeDetached(const std::filesystem::path &path, const std::filesystem::path &stagingLock,
                        const std::vector<std::filesystem::path> &mounts)
{
    if (!singleThreaded())
        return false;
    // A lock of the remover's own (a new open file description): shared, so
    // it never waits, as the caller holds one too and no sweep can run.
    const int lock = ::open(stagingLock.c_str(), O_RDWR | O_CLOEXEC);
    if (lock < 0)
        return false;
    if (::flock(lock, LOCK_SH | LOCK_NB) != 0) {
        ::close(lock);
        return false;
    }
    if (removeTreeCloned(path, lock, mounts)) // takes the lock over
        return true;
    // No remover sharing this process's memory: a forked one.
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0)
        return false;
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(report[0]);
        ::close(report[1]);
        return false;
    }
    if (child == 0) {
        ::close(report[0]);
        // A lock of the grandchild's own (a new open file description): shared,
        // so it never waits, as the caller holds one too and no sweep can run.
        const int lock = ::open(stagingLock.c_str(), O_RDWR | O_CLOEXEC);
        const bool locked = lock >= 0 && ::flock(lock, LOCK_SH | LOCK_NB) == 0;
        const char answer = locked ? 'y' : 'n';
        (void)!::write(report[1], &answer, 1);
        // The child leaves at once (the caller reaps it); the grandchild is
        // reparented and never becomes the caller's zombie.
        if (!locked || ::fork() != 0)
            ::_exit(0);
        ::setsid();
        const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
        if (null >= 0)
            for (int fd = 0; fd < 3; ++fd)
                ::dup2(null, fd);
        // Only the staging lock stays: the caller's store lock, pipes and
        // sockets are the caller's to release.
        if (::dup2(lock, 3) == 3)
            (void)::syscall(SYS_close_range, 4U, ~0U, 0U);
        try {
            unmountAll(mounts);
            removeTree(path);
        } catch (...) {
            // What stays in staging, the next command's sweep removes.
        }
        ::_exit(0);
    }
    ::close(report[1]);
    char answer = 'n';
    while (::read(report[0], &answer, 1) < 0 && errno == EINTR) {
    }
    ::close(report[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return answer == 'y';
}

} // namespace strata::engine::fsutil
