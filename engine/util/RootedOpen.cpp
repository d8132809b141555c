// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/RootedOpen.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <deque>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace strata::engine::util {
namespace {

constexpr int kMaxSymlinks = 40; // the kernel's MAXSYMLINKS

// Set once openat2 turns out to be unavailable (an old kernel, or a seccomp
// profile answering ENOSYS/EPERM as Docker's default one may).
std::atomic<bool> g_noOpenat2{false};

// -2: openat2 is not available (the caller walks instead).
int tryOpenat2(int dirFd, const std::string &path, int flags, std::uint64_t resolve)
{
    if (g_noOpenat2.load(std::memory_order_relaxed))
        return -2;
    open_how how{};
    how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
    how.resolve = resolve | RESOLVE_NO_MAGICLINKS;
    for (;;) {
        const long fd = ::syscall(SYS_openat2, dirFd, path.empty() ? "." : path.c_str(), &how, sizeof how);
        if (fd >= 0)
            return static_cast<int>(fd);
        if (errno == EAGAIN)
            continue; // a concurrent rename below dirFd: the kernel asks us to retry
        if (errno == ENOSYS || errno == EPERM) {
            g_noOpenat2.store(true, std::memory_order_relaxed);
            return -2;
        }
        return -1;
    }
}


// Makes `name` in `at` when it is missing: a directory, or for the last
// component of a File walk an empty file. Never follows a link there.
void createMissing(int at, const std::string &name, bool asFile)
{
    if (!asFile) {
        (void)::mkdirat(at, name.c_str(), 0755); // EEXIST: another process made it; other errors show on open
        return;
    }
    const int fd = ::openat(at, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0)
        ::close(fd);
}

// One O_NOFOLLOW step at a time; with `followLinks` a symlink is read and
// its target walked from the root (absolute) or from where it sits. With
// `create` other than None, missing components are made on the way (the
// components of a dangling link's target too, inside the root).
int walk(int rootFd, const std::string &path, int flags, bool followLinks, Create create = Create::None)
{
    std::deque<std::string> todo = pathComponents(path);
    // The directories entered, root first: ".." pops one (never the root).
    std::vector<UniqueFd> stack;
    stack.emplace_back(::openat(rootFd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!stack.back().valid())
        return -1;
    int links = 0;
    while (!todo.empty()) {
        const std::string name = std::move(todo.front());
        todo.pop_front();
        if (name == ".")
            continue;
        if (name == "..") {
            if (!followLinks) {
                errno = EXDEV;
                return -1;
            }
            if (stack.size() > 1)
                stack.pop_back();
            continue;
        }
        const int at = stack.back().get();
        if (todo.empty()) { // the last component: opened with the caller's flags
            struct stat st {};
            const bool link = followLinks && ::fstatat(at, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                              S_ISLNK(st.st_mode);
            if (!link) { // swapped for a link since: O_NOFOLLOW refuses it (ELOOP)
                const int fd = ::openat(at, name.c_str(), flags | O_NOFOLLOW | O_CLOEXEC);
                if (fd >= 0 || errno != ENOENT || create == Create::None)
                    return fd;
                createMissing(at, name, create == Create::DirectoriesAndFile);
                return ::openat(at, name.c_str(), flags | O_NOFOLLOW | O_CLOEXEC);
            }
        } else {
            UniqueFd next(::openat(at, name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!next.valid() && errno == ENOENT && create != Create::None) {
                createMissing(at, name, false);
                next = UniqueFd(::openat(at, name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            }
            if (next.valid()) {
                stack.push_back(std::move(next));
                continue;
            }
            struct stat st {};
            if (!followLinks || ::fstatat(at, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISLNK(st.st_mode))
                return -1; // errno of the failed openat, or of fstatat
        }
        // A symlink, to follow inside the root.
        if (++links > kMaxSymlinks) {
            errno = ELOOP;
            return -1;
        }
        std::string target(PATH_MAX, '\0');
        const ssize_t n = ::readlinkat(at, name.c_str(), target.data(), target.size());
        if (n < 0)
            return -1;
        target.resize(static_cast<std::size_t>(n));
        if (!target.empty() && target.front() == '/')
            stack.resize(1);
        std::deque<std::string> more = pathComponents(target);
        todo.insert(todo.begin(), more.begin(), more.end());
    }
    return ::openat(stack.back().get(), ".", flags | O_CLOEXEC);
}

} // namespace

int openInRoot(int rootFd, const std::string &path, int flags)
{
    const int fd = tryOpenat2(rootFd, path, flags, RESOLVE_IN_ROOT);
    return fd != -2 ? fd : walk(rootFd, path, flags, true);
}

int openInRootCreating(int rootFd, const std::string &path, int flags, Create create)
{
    const int fd = openInRoot(rootFd, path, flags);
    if (fd >= 0 || errno != ENOENT || create == Create::None)
        return fd;
    return walk(rootFd, path, flags, true, create);
}

int openBeneath(int dirFd, const std::string &rel, int flags)
{
    const int fd = tryOpenat2(dirFd, rel, flags, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS);
    return fd != -2 ? fd : walk(dirFd, rel, flags, false);
}

std::deque<std::string> pathComponents(const std::string &path)
{
    std::deque<std::string> out;
    std::size_t i = 0;
    while (i <= path.size()) {
        std::size_t slash = path.find('/', i);
        if (slash == std::string::npos)
            slash = path.size();
        if (slash > i)
            out.emplace_back(path.substr(i, slash - i));
        i = slash + 1;
    }
    return out;
}

std::string joinComponents(const std::vector<std::string> &parts)
{
    std::string out;
    for (const auto &p : parts)
        out += (out.empty() ? "" : "/") + p;
    return out;
}

std::string fdPath(int fd)
{
    return "/proc/self/fd/" + std::to_string(fd);
}

} // namespace strata::engine::util
