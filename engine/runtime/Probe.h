// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What this host lets the runtime do, found by trying it: each probe runs in
// a throwaway child of `strata-shim probe` (a single-threaded process, so it
// may fork and unshare freely).

#include "engine/runtime/Runtime.h"

#include <nlohmann/json.hpp>

namespace strata::engine::runtime {

[[nodiscard]] RuntimeCapabilities probeHost();
[[nodiscard]] nlohmann::json capabilitiesToJson(const RuntimeCapabilities &c);
[[nodiscard]] RuntimeCapabilities capabilitiesFromJson(const nlohmann::json &j);

} // namespace strata::engine::runtime
