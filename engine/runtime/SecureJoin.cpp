// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/SecureJoin.h"

#include "engine/Error.h"
#include "engine/util/RootedOpen.h"

#include <cerrno>
#include <fcntl.h>

namespace strata::engine::runtime {

UniqueFd openInRoot(const std::filesystem::path &root, const std::string &unsafePath, CreateKind create)
{
    UniqueFd rootFd(::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!rootFd)
        throwErrno("open " + root.string());
    const int flags = O_PATH | (create == CreateKind::Directory ? O_DIRECTORY : 0);
    const util::Create mode = create == CreateKind::None        ? util::Create::None
                              : create == CreateKind::Directory ? util::Create::Directories
                                                                : util::Create::DirectoriesAndFile;
    const int fd = util::openInRootCreating(rootFd.get(), unsafePath, flags, mode);
    if (fd < 0) {
        const int err = errno;
        const std::string shown = (root / unsafePath).string();
        if (err == ELOOP || err == ENOTDIR || err == EXDEV)
            throw Error(ErrorCode::UnsafePath,
                        shown + ": a symlink loop, not a directory, or a symlink appeared while resolving it", err);
        throwErrno("open " + shown, err);
    }
    return UniqueFd(fd);
}

std::string fdPath(int fd)
{
    return util::fdPath(fd);
}

} // namespace strata::engine::runtime
