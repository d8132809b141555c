// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Platforms of image-index entries (image-index.md "platform"): which one an
// engine on this host runs.

#include "engine/image/OciTypes.h"

#include <string>

namespace strata::engine::image {

// "linux/amd64", "linux/arm/v7"; "unknown" when the object says nothing.
[[nodiscard]] std::string platformString(const Json &platform);
// The host's platform in the same spelling.
[[nodiscard]] std::string hostPlatformString();
// os and architecture equal the host's (variant is not compared: a host
// that is arm64 runs any arm64 variant it is given).
[[nodiscard]] bool matchesHost(const Json &platform);
// "unknown/unknown": buildx's attestation manifests, not runnable images.
[[nodiscard]] bool isAttestationPlatform(const Json &platform);

} // namespace strata::engine::image
