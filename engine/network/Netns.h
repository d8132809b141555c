// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A network namespace made before the container exists (what `ip netns add`
// does): the CNI plugins configure it, then the shim joins it instead of
// making an empty one, so the container's command starts with its network
// already up. It lives as a bind mount of the namespace at
// /run/strata/netns/<container id> (tmpfs: a reboot clears it, as it
// clears the veths) until the engine tears the endpoint down.

#include <filesystem>
#include <string>

namespace strata::engine::network {

[[nodiscard]] std::filesystem::path netnsPathFor(const std::string &containerId);

// Makes the namespace (idempotent: an existing one is kept).
void createNetns(const std::filesystem::path &path);
// Unmounts and removes it; a missing one is no error.
void removeNetns(const std::filesystem::path &path);

} // namespace strata::engine::network
