// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/LayerTree.h"

#include "engine/Error.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>

namespace strata::engine::layer {
namespace {

int openRoot(const std::filesystem::path &root)
{
    const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throwErrno("open layer root \"" + root.string() + "\"");
    return fd;
}

} // namespace

LayerTree::LayerTree(const std::filesystem::path &root)
    : m_root(openRoot(root)), m_rootPath(root), m_resolver(m_root.get())
{
}

int LayerTree::dirFd(const std::string &dir)
{
    if (dir.empty())
        return m_root.get();
    if (m_dirFd.valid() && m_dirPath == dir)
        return m_dirFd.get();
    m_dirFd.reset(openBeneath(m_root.get(), dir, O_PATH | O_DIRECTORY));
    if (!m_dirFd.valid()) {
        m_dirPath.clear();
        // ELOOP/EXDEV: a symlink appeared on a path the resolver had checked.
        if (errno == ELOOP || errno == EXDEV)
            throw Error(ErrorCode::UnsafePath, "\"" + dir + "\" changed under the layer while it was applied");
        throwErrno("open directory \"" + dir + "\"");
    }
    m_dirPath = dir;
    return m_dirFd.get();
}

void LayerTree::remove(int parentFd, const std::string &name, const std::string &path)
{
    struct stat st {};
    if (::fstatat(parentFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return;
    if (m_observer)
        m_observer->beforeRemove(rootFd(), path);
    // Only directories and symlinks take part in resolutions.
    if (S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode))
        m_resolver.invalidate();
    if (S_ISDIR(st.st_mode) && m_dirFd.valid() && isWithin(m_dirPath, path)) {
        m_dirFd.reset();
        m_dirPath.clear();
    }
    removeAt(parentFd, name, path);
}

void LayerTree::markWritten(const std::string &path)
{
    std::string_view p = path;
    while (m_written.emplace(p).second && !p.empty())
        p = splitParent(p).first;
}

} // namespace strata::engine::layer
