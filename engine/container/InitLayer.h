// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Docker's init layer: a small read-only layer between the image and the
// container's read-write layer, holding the mount points the engine fills
// at start (/etc/hostname, /etc/hosts, /etc/resolv.conf, /dev, /proc, /sys).
// The real contents live beside it in the container directory (hostname,
// hosts, resolv.conf: inspect's HostnamePath, HostsPath, ResolvConfPath) and
// are bind-mounted over those files, so the container may edit them without
// the edits showing up in `diff` or `commit`.
//
//   <container dir>/init/diff/   the layer (a lower, nearest above the image)
//
// Its content is the same for every container, so the store keeps one
// (layers/init/diff, made once) and each container's init/ is a symlink to
// it: a create makes one link instead of 13 files and directories, and a
// removal deletes one. <container dir>/init/diff still lists the layer, and
// inspect's LowerDir still names it there (Docker's <id>-init/diff). A
// container made before the layer was shared keeps its own directory.
//   <container dir>/hostname     "<short id>\n"
//   <container dir>/hosts        localhost lines (the host's for --network host)
//   <container dir>/resolv.conf  the host's, without loopback name servers

#include "engine/runtime/RuntimeSpec.h"

#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::container {

struct InitFiles {
    std::filesystem::path layerDir;
    std::filesystem::path hostname;
    std::filesystem::path hosts;
    std::filesystem::path resolvConf;
};

[[nodiscard]] InitFiles initFiles(const std::filesystem::path &containerDir);

// Where the store's shared init layer lives, and where it is staged.
struct SharedInitLayer {
    std::filesystem::path dir;    // <root>/layers/init (its tree in diff/)
    std::filesystem::path tmpDir; // <root>/tmp
};

// How the three files are written: Replace (temp + rename: readers see the
// old file or the new; idempotent) or Fresh, straight into a container
// directory create has just made, whose record (written after them) does
// not exist yet, so nobody reads or bind-mounts them before they are whole.
enum class InitWrite { Replace, Fresh };

// Links the init layer (making the shared one the first time) and writes
// the three files.
InitFiles prepareInitLayer(const std::filesystem::path &containerDir, const SharedInitLayer &shared,
                           const std::string &hostname, bool hostNetwork, InitWrite how = InitWrite::Replace);

// The bind mounts that put the three files in place at start.
[[nodiscard]] std::vector<runtime::MountSpec> initMounts(const std::filesystem::path &containerDir);

} // namespace strata::engine::container
