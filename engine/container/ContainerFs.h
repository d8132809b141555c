// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A container's file system as the file-system verbs (diff, commit, cp,
// export) need it: the union driver, the image layers beneath and the mount
// points whose contents live elsewhere. Plain data: the container store fills
// it from its record; tests fill it from a directory the driver made.

#include "engine/fs/drivers/UnionDriver.h"

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace strata::engine::container {

struct ContainerFs {
    std::string id;                           // full container id (events)
    std::string name;                         // "/web" style or "" (messages)
    std::filesystem::path dir;                // containers/<id>: diff/, merged/
    fs::drivers::UnionDriver *driver = nullptr;
    fs::drivers::Lowers lowers;               // bottom first
    std::vector<std::string> mounts;          // volume / bind / tmpfs destinations ("/data")
    uid_t rootUid = 0;                        // the host ids of the container's root (cp in)
    gid_t rootGid = 0;

    [[nodiscard]] std::filesystem::path merged() const { return dir / "merged"; }
    [[nodiscard]] std::filesystem::path upper() const { return dir / "diff"; }
};

// The union, mounted for as long as this object lives: a running container's
// union is used as it is; a stopped container's is mounted here and taken
// down again at the end (Docker mounts a stopped container's rootfs for cp
// and export the same way).
class MountedUnion {
public:
    explicit MountedUnion(const ContainerFs &container);
    ~MountedUnion();
    MountedUnion(const MountedUnion &) = delete;
    MountedUnion &operator=(const MountedUnion &) = delete;

    [[nodiscard]] const std::filesystem::path &root() const { return m_root; }
    [[nodiscard]] bool mountedHere() const { return m_mountedHere; }

private:
    const ContainerFs &m_container;
    std::filesystem::path m_root;
    bool m_mountedHere = false;
};

} // namespace strata::engine::container
