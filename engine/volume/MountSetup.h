// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The engine's side of mounting, run before the runtime starts the
// container (the runtime then mounts inside the container's mount namespace,
// after the union mount and before pivot_root, resolving each destination
// inside the rootfs: runtime/RootfsSetup.cpp).

#include "engine/events/EventBus.h"
#include "engine/volume/ContainerMounts.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::volume {

// Docker's copy-up for volumes: when `dataDir` is empty and the image has a
// directory at `destination` (resolved inside `rootfs`, symlinks never
// leaving it), its content, owner and mode are copied into the volume.
// Returns the number of entries copied (0: nothing to do).
std::uint64_t populateVolume(const std::filesystem::path &rootfs, const std::string &destination,
                             const std::filesystem::path &dataDir);

// Fills the volumes still marked copyData from the image at `rootfs` and
// clears the mark (as Docker copies once, when the container is created):
// the caller saves the record when this returns true. Emits VolumePopulated.
bool populateVolumes(std::vector<MountPoint> &mounts, const std::filesystem::path &rootfs, events::EventBus &bus,
                     const std::string &containerId);

// Makes the host directory of each -v bind whose source is missing (0755,
// as Docker does; --mount refused it at create) and refuses a source that
// has disappeared since. Then the runtime's mount list, parents first, and a
// MountAdded event per mount (both ends, for the volume scene).
[[nodiscard]] std::vector<runtime::MountSpec> prepareMounts(const std::vector<MountPoint> &mounts, events::EventBus &bus,
                                                            const std::string &containerId);

} // namespace strata::engine::volume
