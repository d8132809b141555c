// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/DirectoryFixups.h"

#include "engine/Error.h"
#include "engine/layer/FsAt.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>

namespace strata::engine::layer {

void DirectoryFixups::hold(const std::string &path, unsigned mode, const timespec &atime, const timespec &mtime)
{
    Fixup f{path, mode, {atime, mtime}};
    if (const auto it = m_index.find(path); it != m_index.end()) {
        m_fixups[it->second] = std::move(f);
        return;
    }
    m_index.emplace(path, m_fixups.size());
    m_fixups.push_back(std::move(f));
}

void DirectoryFixups::apply(int rootFd)
{
    // Reverse order: children (recorded after their parents) first, so a
    // parent made 0555 cannot block access to its children.
    for (auto it = m_fixups.rbegin(); it != m_fixups.rend(); ++it)
        applyOne(rootFd, *it);
    m_fixups.clear();
    m_index.clear();
}

void DirectoryFixups::applyOne(int rootFd, const Fixup &f)
{
    UniqueFd dir;
    if (f.path.empty()) {
        dir.reset(::fcntl(rootFd, F_DUPFD_CLOEXEC, 0));
    } else {
        const auto [parent, base] = splitParent(f.path);
        UniqueFd parentFd(openBeneath(rootFd, std::string(parent), O_PATH | O_DIRECTORY));
        if (!parentFd.valid())
            return; // a parent was removed or replaced by a later entry or whiteout
        // O_NOFOLLOW: if a later entry turned the directory into a symlink, a
        // chmod through it could reach anywhere on the host.
        dir.reset(::openat(parentFd.get(), std::string(base).c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!dir.valid() && errno == EACCES)
            dir.reset(::openat(parentFd.get(), std::string(base).c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    }
    if (!dir.valid())
        return;
    // fchmod/futimens refuse O_PATH fds; the /proc magic link names the same inode.
    const std::string viaProc = "/proc/self/fd/" + std::to_string(dir.get());
    if (::fchmod(dir.get(), f.mode) != 0 && (errno != EBADF || ::chmod(viaProc.c_str(), f.mode) != 0))
        throwErrno("set mode of directory \"" + f.path + "\"");
    if (::futimens(dir.get(), f.times) != 0 && (errno != EBADF || ::utimensat(AT_FDCWD, viaProc.c_str(), f.times, 0) != 0))
        throwErrno("set times of directory \"" + f.path + "\"");
}

} // namespace strata::engine::layer
