// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/DetachedRemoval.h"

#include "engine/util/Fs.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
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

bool removeTreeDetached(const std::filesystem::path &path)
{
    if (!singleThreaded())
        return false;
    const pid_t child = ::fork();
    if (child < 0)
        return false;
    if (child == 0) {
        // The child leaves at once (the caller reaps it); the grandchild is
        // reparented and never becomes the caller's zombie.
        if (::fork() != 0)
            ::_exit(0);
        ::setsid();
        const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
        if (null >= 0)
            for (int fd = 0; fd < 3; ++fd)
                ::dup2(null, fd);
        try {
            removeTree(path);
        } catch (...) {
            // What stays in staging, the next command's sweep removes.
        }
        ::_exit(0);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return true;
}

} // namespace strata::engine::fsutil
