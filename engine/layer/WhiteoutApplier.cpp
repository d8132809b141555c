// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/WhiteoutApplier.h"

#include "engine/Error.h"
#include "engine/layer/Whiteout.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

namespace strata::engine::layer {
namespace {

// ".wh.." would hide the directory holding it (the root, at the top) and
// ".wh..." its parent: neither is a name inside the directory.
void validateHiddenName(const std::string &dir, std::string_view hidden)
{
    if (hidden == "." && dir.empty())
        throw Error(ErrorCode::UnsafePath, "whiteout of the layer root");
    if (hidden == "." || hidden == "..")
        throw Error(ErrorCode::UnsafePath, "whiteout escapes its directory");
}

} // namespace

bool WhiteoutApplier::apply(const TarEntry &entry, const std::string &name)
{
    const auto [dirView, base] = splitParent(name);
    // ".wh." alone would white out the empty name: neither a whiteout nor a
    // file a layer may carry (containerd refuses it too).
    if (base == kWhiteoutPrefix)
        throw Error(ErrorCode::UnsafePath, "whiteout \"" + name + "\" names no file");
    const bool opaque = isOpaqueMarker(base);
    if (!opaque && !isWhiteoutName(base))
        return false;
    const std::string dir(dirView);
    const std::string hidden(opaque ? std::string_view() : whitedOutName(base));
    if (!opaque)
        validateHiddenName(dir, hidden);

    if (m_options.mode == ApplyMode::Flatten)
        opaque ? flattenOpaque(dir) : flattenWhiteout(dir, hidden);
    else if (m_options.whiteouts == WhiteoutFormat::OverlayDevices)
        opaque ? overlayOpaque(dir) : overlayWhiteout(dir, hidden);
    else
        m_writer.writeEmptyFile(entry, name);

    ++(opaque ? m_opaques : m_whiteouts);
    if (m_options.onWhiteout)
        m_options.onWhiteout(opaque ? dir : joinPath(dir, hidden), opaque);
    return true;
}

void WhiteoutApplier::overlayWhiteout(const std::string &dir, const std::string &hidden)
{
    const std::string real = *m_tree.resolver().resolveDir(dir, true);
    const int dirFd = m_tree.dirFd(real);
    const std::string path = joinPath(real, hidden);
    struct stat st {};
    if (::fstatat(dirFd, hidden.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        // This layer's own entry wins over its whiteout (the spec: whiteouts
        // hide lower layers only); a directory still hides what is below it.
        if (m_tree.wasWritten(path)) {
            if (S_ISDIR(st.st_mode))
                overlayOpaque(joinPath(dir, hidden));
            return;
        }
        m_tree.remove(dirFd, hidden, path);
    }
    // overlayfs's whiteout: a character device 0/0 (Documentation/filesystems/overlayfs.rst).
    if (::mknodat(dirFd, hidden.c_str(), S_IFCHR, makedev(0, 0)) != 0)
        throwErrno("create overlay whiteout device (needs CAP_MKNOD)");
    m_tree.markWritten(path);
}

void WhiteoutApplier::overlayOpaque(const std::string &dir)
{
    const std::string real = *m_tree.resolver().resolveDir(dir, true);
    UniqueFd fd(openBeneath(m_tree.rootFd(), real, O_RDONLY | O_DIRECTORY));
    if (!fd.valid())
        throwErrno("open directory \"" + real + "\"");
    const std::string key(kOverlayOpaqueXattr);
    if (::fsetxattr(fd.get(), key.c_str(), "y", 1, 0) != 0) {
        if (errno == ENOTSUP || errno == EOPNOTSUPP)
            throw Error(ErrorCode::Unsupported, "the file system does not support trusted xattrs (" + key + ")", errno);
        throwErrno("set " + key + " (needs CAP_SYS_ADMIN)");
    }
    m_tree.markWritten(real);
}

void WhiteoutApplier::flattenWhiteout(const std::string &dir, const std::string &hidden)
{
    // Nothing to hide when the directory is missing (umoci's ociWhiteout too).
    const std::optional<std::string> real = m_tree.resolver().resolveDir(dir, false);
    if (real)
        prune(m_tree.dirFd(*real), hidden, joinPath(*real, hidden));
}

void WhiteoutApplier::flattenOpaque(const std::string &dir)
{
    const std::optional<std::string> real = m_tree.resolver().resolveDir(dir, false);
    if (!real)
        return;
    UniqueFd fd(openBeneath(m_tree.rootFd(), *real, O_RDONLY | O_DIRECTORY));
    if (!fd.valid())
        throwErrno("open directory \"" + *real + "\"");
    pruneChildren(fd.get(), *real);
}

void WhiteoutApplier::prune(int parentFd, const std::string &name, const std::string &path)
{
    if (!m_tree.wasWritten(path)) {
        m_tree.remove(parentFd, name, path);
        return;
    }
    UniqueFd dir(::openat(parentFd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (dir.valid())
        pruneChildren(dir.get(), path);
}

void WhiteoutApplier::pruneChildren(int dirFd, const std::string &path)
{
    for (const std::string &child : listDir(dirFd, path))
        prune(dirFd, child, joinPath(path, child));
}

} // namespace strata::engine::layer
