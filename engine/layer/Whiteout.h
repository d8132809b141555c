// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// OCI whiteouts (image-spec layer.md#whiteouts): a file ".wh.NAME" in a layer
// hides NAME of the layers below; ".wh..wh..opq" in a directory hides all of
// that directory's lower contents. Overlayfs spells the same two facts as a
// 0/0 character device and the xattr trusted.overlay.opaque="y"; a layer
// directory in the store uses one spelling or the other.

#include <string_view>

namespace strata::engine::layer {

inline constexpr std::string_view kWhiteoutPrefix = ".wh.";
inline constexpr std::string_view kOpaqueMarker = ".wh..wh..opq";
inline constexpr std::string_view kOverlayOpaqueXattr = "trusted.overlay.opaque";

enum class WhiteoutFormat {
    OciMarkers,     // keep ".wh.*" marker files: portable, needs no privilege
    OverlayDevices, // 0/0 char devices + opaque xattr: mountable by overlayfs (root)
};

[[nodiscard]] inline bool isOpaqueMarker(std::string_view base) { return base == kOpaqueMarker; }
[[nodiscard]] inline bool isWhiteoutName(std::string_view base)
{
    return base.size() > kWhiteoutPrefix.size() && base.substr(0, kWhiteoutPrefix.size()) == kWhiteoutPrefix &&
           !isOpaqueMarker(base);
}
// ".wh.foo" -> "foo"
[[nodiscard]] inline std::string_view whitedOutName(std::string_view base)
{
    return base.substr(kWhiteoutPrefix.size());
}

} // namespace strata::engine::layer
