// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/store/StoreLayout.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <cstdlib>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::store {

StoreLayout::StoreLayout(std::filesystem::path root) : m_root(std::filesystem::absolute(std::move(root))) {}

std::filesystem::path StoreLayout::defaultRoot()
{
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "strata";
    if (const char *home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "strata";
    return std::filesystem::current_path() / ".strata";
}

void StoreLayout::create() const
{
    for (const auto &dir : {blobsDir(), layersDir(), containersDir(), volumesDir(), journalDir(), tmpDir()})
        fsutil::makeDirs(dir);
    // As /var/lib/docker keeps them: other local users may pass through the
    // root (0711) but not list or read the layers (0700), the containers'
    // files (0710) or the staging area (0700). Applied every time, so an
    // older store is tightened too.
    for (const auto &[dir, mode] : {std::pair{m_root, 0711}, std::pair{layersDir(), 0700},
                                    std::pair{containersDir(), 0710}, std::pair{tmpDir(), 0700}}) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) == 0 && (st.st_mode & 07777) == static_cast<mode_t>(mode))
            continue; // as it should be: a chmod would still rewrite the inode at every command
        if (::chmod(dir.c_str(), static_cast<mode_t>(mode)) != 0)
            throwErrno("chmod " + dir.string());
    }
    // The lock file belongs to the layout: creating it here means a refused
    // first write leaves the store exactly as it found it.
    const int fd = ::open(lockFile().c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        throwErrno("create " + lockFile().string());
    ::close(fd);
}

} // namespace strata::engine::store
