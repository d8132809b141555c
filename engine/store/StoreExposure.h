// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A root store keeps other users out by its directory modes (0711/0700/0710),
// which only hold when nobody else can swap a directory on the way there:
// a store under /home/alice (alice may rename it) or under a group- or
// world-writable directory without the sticky bit can be replaced under
// root's feet. Docker keeps /var/lib/docker for this reason.

#include <filesystem>
#include <optional>
#include <string>

namespace strata::engine::store {

// A one-line warning when root's store at `root` is reachable through a path
// another user controls, or is itself readable by others; nullopt when fine
// or when not running as root.
[[nodiscard]] std::optional<std::string> storeExposureWarning(const std::filesystem::path &root);

} // namespace strata::engine::store
