// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/SourceTree.h"

#include "engine/Error.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/xattr.h>

namespace strata::engine::layer {
namespace {

bool carriedXattr(std::string_view name)
{
    // user.overlay.* is overlayfs's own metadata when it runs in a user
    // namespace: it belongs to the upper dir, not to the layer.
    return name == "security.capability" || (name.starts_with("user.") && !name.starts_with("user.overlay."));
}

std::vector<char> listXattrNames(const std::string &full)
{
    std::vector<char> names;
    for (;;) {
        const ssize_t size = ::llistxattr(full.c_str(), nullptr, 0);
        if (size <= 0)
            return {}; // none, or ENOTSUP: a tree without xattrs
        names.resize(static_cast<std::size_t>(size));
        const ssize_t got = ::llistxattr(full.c_str(), names.data(), names.size());
        if (got >= 0) {
            names.resize(static_cast<std::size_t>(got));
            return names;
        }
        if (errno != ERANGE)
            return {};
    }
}

} // namespace

SourceTree::SourceTree(const std::filesystem::path &root) : m_rootPath(root)
{
    m_root.reset(::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!m_root.valid())
        throwErrno("open \"" + root.string() + "\"");
}

int SourceTree::dirFd(const std::string &dir)
{
    if (dir.empty())
        return m_root.get();
    if (m_dirFd.valid() && m_dirPath == dir)
        return m_dirFd.get();
    m_dirPath.clear();
    m_dirFd.reset(openBeneath(m_root.get(), dir, O_PATH | O_DIRECTORY));
    if (!m_dirFd.valid())
        return -1;
    m_dirPath = dir;
    return m_dirFd.get();
}

std::optional<SourceTree::Node> SourceTree::find(const std::string &path)
{
    const auto [dir, base] = splitParent(path);
    const int fd = dirFd(std::string(dir));
    if (fd < 0) {
        if (errno == ENOENT)
            return std::nullopt;
        if (errno == ELOOP || errno == EXDEV || errno == ENOTDIR)
            throw Error(ErrorCode::UnsafePath, "a parent of \"" + path + "\" is a symlink or not a directory");
        throwErrno("open the directory of \"" + path + "\"");
    }
    Node node{path, {}};
    if (::fstatat(fd, std::string(base).c_str(), &node.st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return std::nullopt;
        throwErrno("stat \"" + path + "\"");
    }
    return node;
}

SourceTree::Node SourceTree::get(const std::string &path)
{
    std::optional<Node> node = find(path);
    if (!node)
        throw Error(ErrorCode::NotFound, "\"" + path + "\" is listed as changed but missing from " + m_rootPath.string());
    return *node;
}

std::string SourceTree::readLink(const Node &node)
{
    const auto [dir, base] = splitParent(node.path);
    std::string target(static_cast<std::size_t>(std::max<off_t>(node.st.st_size, 0)) + 1, '\0');
    const ssize_t n = ::readlinkat(dirFd(std::string(dir)), std::string(base).c_str(), target.data(), target.size());
    if (n < 0)
        throwErrno("read symlink \"" + node.path + "\"");
    if (static_cast<std::size_t>(n) >= target.size())
        throw Error(ErrorCode::Io, "symlink \"" + node.path + "\" changed while it was read");
    target.resize(static_cast<std::size_t>(n));
    return target;
}

UniqueFd SourceTree::openFile(const Node &node)
{
    const auto [dir, baseView] = splitParent(node.path);
    const int parent = dirFd(std::string(dir));
    const std::string base(baseView);
    // O_NOATIME: archiving must not disturb the tree (it is only allowed to
    // the file's owner or root; fall back without it).
    int fd = ::openat(parent, base.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOATIME);
    if (fd < 0 && errno == EPERM)
        fd = ::openat(parent, base.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        throwErrno("open \"" + node.path + "\"");
    return UniqueFd(fd);
}

std::vector<std::pair<std::string, std::string>> SourceTree::xattrs(const Node &node)
{
    const std::string full = (m_rootPath / node.path).string();
    const std::vector<char> names = listXattrNames(full);
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < names.size();) {
        const std::string name(names.data() + i);
        i += name.size() + 1;
        if (!carriedXattr(name))
            continue;
        const ssize_t size = ::lgetxattr(full.c_str(), name.c_str(), nullptr, 0);
        std::string value(static_cast<std::size_t>(std::max<ssize_t>(size, 0)), '\0');
        if (size < 0 || ::lgetxattr(full.c_str(), name.c_str(), value.data(), value.size()) != size)
            continue; // removed or changed while we looked; skip rather than guess
        out.emplace_back(name, std::move(value));
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace strata::engine::layer
