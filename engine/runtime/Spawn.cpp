// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/Spawn.h"

#include "engine/Error.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

namespace strata::engine::runtime {
namespace {

class FileActions {
public:
    FileActions() { ::posix_spawn_file_actions_init(&m_fa); }
    ~FileActions() { ::posix_spawn_file_actions_destroy(&m_fa); }
    FileActions(const FileActions &) = delete;
    FileActions &operator=(const FileActions &) = delete;
    posix_spawn_file_actions_t *get() { return &m_fa; }

private:
    posix_spawn_file_actions_t m_fa;
};

class SpawnAttr {
public:
    SpawnAttr() { ::posix_spawnattr_init(&m_attr); }
    ~SpawnAttr() { ::posix_spawnattr_destroy(&m_attr); }
    SpawnAttr(const SpawnAttr &) = delete;
    SpawnAttr &operator=(const SpawnAttr &) = delete;
    posix_spawnattr_t *get() { return &m_attr; }

private:
    posix_spawnattr_t m_attr;
};

} // namespace

pid_t spawnProgram(const std::filesystem::path &program, const std::vector<std::string> &args, const SpawnFds &fds)
{
    FileActions fa;
    for (int target = 0; target < 4; ++target) {
        const int src = fds.fds[static_cast<size_t>(target)];
        if (target == 2 && !fds.stderrPath.empty())
            ::posix_spawn_file_actions_addopen(fa.get(), 2, fds.stderrPath.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                               0600);
        else if (src >= 0)
            ::posix_spawn_file_actions_adddup2(fa.get(), src, target); // clears close-on-exec
        else if (target < 3)
            ::posix_spawn_file_actions_addopen(fa.get(), target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0);
    }
    // The caller's blocked or ignored signals must not leak into the shim.
    SpawnAttr attr;
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    ::posix_spawnattr_setsigmask(attr.get(), &none);
    ::posix_spawnattr_setsigdefault(attr.get(), &all);
    ::posix_spawnattr_setflags(attr.get(), POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> argvStore{program.string()};
    argvStore.insert(argvStore.end(), args.begin(), args.end());
    std::vector<char *> argv;
    for (auto &a : argvStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = program.has_parent_path()
                       ? ::posix_spawn(&pid, program.c_str(), fa.get(), attr.get(), argv.data(), environ)
                       : ::posix_spawnp(&pid, program.c_str(), fa.get(), attr.get(), argv.data(), environ);
    if (rc != 0)
        throwErrno("start " + program.string(), rc);
    return pid;
}

int waitChild(pid_t pid)
{
    int status = 0;
    for (;;) {
        pid_t r = ::waitpid(pid, &status, 0);
        if (r == pid)
            return status;
        if (r < 0 && errno == EINTR)
            continue;
        return -1;
    }
}

} // namespace strata::engine::runtime
