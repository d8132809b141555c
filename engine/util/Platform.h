// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The host platform in the image-spec's (Go's) names: "amd64", "arm64", ...

#include <string>

namespace strata::engine::platform {

[[nodiscard]] std::string hostArchitecture(); // GOARCH naming
[[nodiscard]] std::string hostOs();           // "linux"

} // namespace strata::engine::platform
