// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which version of a file a parsed copy came from: its stat's device, inode,
// size, modification and change times. The store replaces its records by
// renaming a new file into place (another inode, another change time), so
// a per-process cache keyed by this reads a record again only when it was
// rewritten (ImageStore's images.json). The change time is the kernel's
// coarse clock: two rewrites within one tick that reuse a freed inode
// number and keep the size would look alike, so a cache of a file rewritten
// many times a second compares the bytes instead (ContainerStore).

#include <sys/stat.h>

namespace strata::engine::util {

struct FileVersion {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;
    struct timespec mtime {}, ctime {};

    [[nodiscard]] static FileVersion of(const struct stat &st)
    {
        return {st.st_dev, st.st_ino, st.st_size, st.st_mtim, st.st_ctim};
    }
    bool operator==(const FileVersion &o) const
    {
        return dev == o.dev && ino == o.ino && size == o.size && mtime.tv_sec == o.mtime.tv_sec &&
               mtime.tv_nsec == o.mtime.tv_nsec && ctime.tv_sec == o.ctime.tv_sec && ctime.tv_nsec == o.ctime.tv_nsec;
    }
};

} // namespace strata::engine::util
