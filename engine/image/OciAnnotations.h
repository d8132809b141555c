// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How an OCI index entry names its image. Two annotations are in use:
// - "org.opencontainers.image.ref.name" (annotations.md): meant to be a tag
//   ("latest"); skopeo's oci:DIR:TAG and umoci's DIR:TAG look entries up by
//   it, but podman's oci-archive writes the whole "localhost/bb:v1" there;
// - "io.containerd.image.name": the full reference, written by containerd
//   and Docker 25 and preferred by podman's libimage when loading
//   (containers/common libimage nameFromAnnotations).
// We write both, Docker 25's way, so umoci/skopeo find the tag and podman
// and Docker find the repository.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace strata::engine::image {

inline constexpr std::string_view kAnnotationRefName = "org.opencontainers.image.ref.name";
inline constexpr std::string_view kAnnotationImageName = "io.containerd.image.name";

// The reference an entry names ("docker.io/library/busybox:latest",
// "localhost/bb:v1"), or nullopt for none, a bare tag, or a digest-only name.
[[nodiscard]] std::optional<std::string> imageNameFromAnnotations(const std::map<std::string, std::string> &annotations);

// The annotations we give the index entry of an image saved as
// `familiarRepoTag`: "busybox:1.0" -> image.name
// "docker.io/library/busybox:1.0", ref.name "1.0".
[[nodiscard]] std::map<std::string, std::string> annotationsForTag(const std::string &familiarRepoTag);

} // namespace strata::engine::image
