// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// From the mount flags of `create` to a container's mount points, in moby's
// order (daemon/volumes.go registerMountPoints):
//   1. --volumes-from: the other container's mounts, read-only if asked;
//   2. -v with a source and --mount, each destination once
//      ("Duplicate mount point: /x"), replacing what 1 brought there;
//   3. --tmpfs;
//   4. anonymous -v and the image's VOLUMEs, where nothing is mounted yet.
// Everything is checked before anything is made; volumes are then created,
// and if one creation fails the ones made so far are removed again.

#include "engine/volume/ContainerMounts.h"
#include "engine/volume/MountRequest.h"
#include "engine/volume/VolumeStore.h"

#include <functional>
#include <string>
#include <vector>

namespace strata::engine::volume {

// The flags as typed.
struct MountFlags {
    std::vector<std::string> volumes;     // -v
    std::vector<std::string> mounts;      // --mount
    std::vector<std::string> tmpfs;       // --tmpfs
    std::vector<std::string> volumesFrom; // --volumes-from
    [[nodiscard]] bool empty() const
    {
        return volumes.empty() && mounts.empty() && tmpfs.empty() && volumesFrom.empty();
    }
};

struct ParsedMountFlags {
    std::vector<MountRequest> volumes;
    std::vector<MountRequest> mounts;
    std::vector<MountRequest> tmpfs;
    std::vector<VolumesFromRequest> volumesFrom;
    std::vector<std::string> rawVolumesFrom;
};

// Syntax only (InvalidArgument with Docker's messages); --mount also checks
// that a bind source exists. Call it before anything is created.
[[nodiscard]] ParsedMountFlags parseMountFlags(const MountFlags &flags);

struct MountPlanContext {
    VolumeStore *volumes = nullptr;
    // Mount points of another container by name or id; throws NotFound
    // ("No such container: x") when there is none.
    std::function<std::vector<MountPoint>(const std::string &container)> containerMounts;
    std::vector<std::string> imageVolumes; // the image config's Volumes keys
};

// Resolves and creates; see the file comment for the order.
[[nodiscard]] ContainerMounts planMounts(const ParsedMountFlags &flags, const MountPlanContext &context);

} // namespace strata::engine::volume
