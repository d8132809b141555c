// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Everything a container's record keeps about its mounts: the resolved mount
// points, and the flags as Docker's inspect echoes them (HostConfig.Binds,
// HostConfig.Mounts, HostConfig.Tmpfs, HostConfig.VolumesFrom,
// Config.Volumes).

#include "engine/volume/MountPoint.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace strata::engine::volume {

struct ContainerMounts {
    std::vector<MountPoint> points;           // in the order they were planned
    std::vector<std::string> binds;           // -v with a source, as typed
    nlohmann::json mounts = nlohmann::json::array(); // --mount as Docker's mount.Mount objects
    std::map<std::string, std::string> tmpfs; // --tmpfs destination -> options
    std::vector<std::string> volumesFrom;     // --volumes-from, as typed
    std::vector<std::string> configVolumes;   // anonymous -v and image VOLUME destinations
    std::vector<std::string> createdVolumes;  // made by planMounts (not recorded): undo on a failed create

    [[nodiscard]] nlohmann::json toRecord() const;
    static ContainerMounts fromRecord(const nlohmann::json &j);

    // Fills Docker's keys: Config.Volumes; HostConfig.Binds, Mounts (only
    // when --mount was used), Tmpfs (only with --tmpfs), VolumesFrom.
    void addToInspect(nlohmann::ordered_json &config, nlohmann::ordered_json &hostConfig) const;

    // Names of every volume mounted (for "in use" and `volume ls -f dangling`).
    [[nodiscard]] std::vector<std::string> volumeNames() const;
    // Names of the volumes made for this container (`rm -v` removes them).
    [[nodiscard]] std::vector<std::string> anonymousVolumeNames() const;
    // Destinations under which changes are not the container's (diff, commit).
    [[nodiscard]] std::vector<std::string> destinations() const { return mountDestinations(points); }
};

} // namespace strata::engine::volume
