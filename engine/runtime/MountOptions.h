// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// fstab-style mount options ("ro", "nosuid", "rbind", "mode=1777") split
// into what mount(2) takes: flags, propagation flags and the data string.

#include <string>
#include <vector>

namespace strata::engine::runtime {

struct MountOptions {
    unsigned long flags = 0;       // MS_RDONLY, MS_NOSUID, MS_BIND ...
    unsigned long propagation = 0; // MS_PRIVATE, MS_SLAVE ... (| MS_REC)
    std::string data;              // "mode=1777,size=64m": passed to the file system
    bool bind = false;             // "bind" or "rbind" (or type "bind")
    bool recursive = false;        // "rbind"
};

[[nodiscard]] MountOptions parseMountOptions(const std::vector<std::string> &options);

// MS_* flags that a bind remount must repeat because the kernel locks them on
// mounts inherited into a user namespace (nosuid, nodev, noexec, atime
// flags), read from the mount at `path` with statvfs.
[[nodiscard]] unsigned long lockedMountFlags(const std::string &path);

// Remounts the bind mount at `path` read-only, keeping its locked flags.
void remountReadOnly(const std::string &path);

} // namespace strata::engine::runtime
