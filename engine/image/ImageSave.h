// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `docker save`: images from the store to a docker-archive, an oci-archive
// (a tar of an OCI layout) or an OCI layout directory.

#include "engine/image/ImageStore.h"

#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::image {

enum class SaveFormat { DockerArchive, OciArchive, OciDirectory };

[[nodiscard]] const char *toString(SaveFormat format); // "docker-archive", "oci-archive", "oci-dir"

// Writes the images `refs` name (SaveSet.h: a repository name means all its
// tags) to `out`: "-" is stdout (tar formats only). The tar is deterministic:
// the same images save to the same bytes. Output to a file goes to a
// temporary file beside it, fsynced and renamed over the target, so a
// failed save leaves any previous file untouched; an OCI directory is built
// beside the target and renamed into place (an existing OCI layout there is
// replaced, any other non-empty directory is refused with Conflict).
// Every blob is verified while it is copied. Emits Progress per layer and
// ImageSaved per image. Throws NotFound (no such image), InvalidArgument,
// Conflict, DigestMismatch (store damaged), Io.
void saveImages(ImageStore &store, const std::vector<std::string> &refs, const std::filesystem::path &out,
                SaveFormat format);

} // namespace strata::engine::image
