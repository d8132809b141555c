// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Media types of the OCI image-spec v1.1 and their Docker schema2 twins.

#include <string_view>

namespace strata::engine::image::media {

inline constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kOciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view kOciLayer = "application/vnd.oci.image.layer.v1.tar";
inline constexpr std::string_view kOciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view kOciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
inline constexpr std::string_view kOciLayoutVersion = "1.0.0";

inline constexpr std::string_view kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view kDockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view kDockerConfig = "application/vnd.docker.container.image.v1+json";
inline constexpr std::string_view kDockerLayer = "application/vnd.docker.image.rootfs.diff.tar";
inline constexpr std::string_view kDockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

[[nodiscard]] inline bool isManifest(std::string_view t) { return t == kOciManifest || t == kDockerManifest; }
[[nodiscard]] inline bool isIndex(std::string_view t) { return t == kOciIndex || t == kDockerManifestList; }
[[nodiscard]] inline bool isLayer(std::string_view t)
{
    return t == kOciLayer || t == kOciLayerGzip || t == kOciLayerZstd || t == kDockerLayer || t == kDockerLayerGzip ||
           t == "application/vnd.oci.image.layer.nondistributable.v1.tar" ||
           t == "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip" ||
           t == "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
}

} // namespace strata::engine::image::media
