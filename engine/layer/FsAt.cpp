// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/FsAt.h"

#include "engine/Error.h"
#include "engine/util/RootedOpen.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

namespace strata::engine::layer {

std::string joinPath(std::string_view dir, std::string_view name)
{
    if (dir.empty())
        return std::string(name);
    std::string out;
    out.reserve(dir.size() + 1 + name.size());
    out.append(dir).append(1, '/').append(name);
    return out;
}

std::pair<std::string_view, std::string_view> splitParent(std::string_view path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string_view::npos)
        return {std::string_view(), path};
    return {path.substr(0, slash), path.substr(slash + 1)};
}

bool isWithin(std::string_view path, std::string_view ancestor)
{
    if (ancestor.empty())
        return true;
    return path.size() >= ancestor.size() && path.substr(0, ancestor.size()) == ancestor &&
           (path.size() == ancestor.size() || path[ancestor.size()] == '/');
}

int openBeneath(int dirFd, const std::string &rel, int flags)
{
    return util::openBeneath(dirFd, rel, flags);
}

std::vector<std::string> listDir(int dirFd, const std::string &what)
{
    const int fd = ::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throwErrno("open directory \"" + what + "\"");
    DIR *dir = ::fdopendir(fd);
    if (!dir) {
        const int err = errno;
        ::close(fd);
        throwErrno("read directory \"" + what + "\"", err);
    }
    std::vector<std::string> names;
    while (const dirent *d = ::readdir(dir)) {
        const std::string_view n = d->d_name;
        if (n != "." && n != "..")
            names.emplace_back(n);
    }
    ::closedir(dir);
    return names;
}

void removeAt(int dirFd, const std::string &name, const std::string &what)
{
    struct stat st {};
    if (::fstatat(dirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return;
        throwErrno("stat \"" + what + "\"");
    }
    if (S_ISDIR(st.st_mode)) {
        UniqueFd dir(::openat(dirFd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!dir.valid() && errno == EACCES && ::fchmodat(dirFd, name.c_str(), 0700, 0) == 0)
            dir.reset(::openat(dirFd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!dir.valid())
            throwErrno("open \"" + what + "\" for removal");
        if ((st.st_mode & 0700) != 0700)
            ::fchmod(dir.get(), 0700);
        for (const auto &child : listDir(dir.get(), what))
            removeAt(dir.get(), child, what + "/" + child);
    }
    if (::unlinkat(dirFd, name.c_str(), S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) != 0 && errno != ENOENT)
        throwErrno("remove \"" + what + "\"");
}

} // namespace strata::engine::layer
