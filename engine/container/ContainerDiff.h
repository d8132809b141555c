// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `docker diff`: what the container changed in its read-write layer, as
// "A /path" (added), "C /path" (changed), "D /path" (deleted) lines in
// Docker's order. The rules (Docker's overlay2 comparing the container's view
// with the image's: every directory holding a change is C, an opaque
// directory is C with its new entries A and the old ones D) live in the union
// driver (UnionDriver::changes, DiffChanges.cpp); here the container's view
// is applied: mount-point contents and the init-layer files are left out.

#include "engine/container/ContainerFs.h"

#include <string>
#include <vector>

namespace strata::engine::container {

// Works on a running or a stopped container (no mount needed: diff/ is read).
[[nodiscard]] std::vector<fs::drivers::ContainerChange> diffContainer(const ContainerFs &container);

// "A /etc/web.conf".
[[nodiscard]] std::string formatChange(const fs::drivers::ContainerChange &change);

} // namespace strata::engine::container
