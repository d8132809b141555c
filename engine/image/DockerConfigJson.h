// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Docker prints a container config (image "Config", container "Config") as
// its Go struct: every field present in a fixed order, null when empty, a few
// omitted when empty. Inspect output, CLI and GUI alike use this rendering.

#include "engine/image/OciTypes.h"

namespace strata::engine::image {

[[nodiscard]] Json dockerContainerConfig(const Json &config);

} // namespace strata::engine::image
