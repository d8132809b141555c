// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Names of entries inside an image archive (docker-archive, OCI layout),
// normalised once so that "./manifest.json", "manifest.json" and
// "a//b/../manifest.json" are the same entry, and links between entries are
// resolved without ever leaving the archive. These are paths of the *outer*
// archive; the paths inside layers are the layer applier's business.

#include <string>
#include <string_view>

namespace strata::engine::image {

// "./a//b/" -> "a/b". Throws UnsafePath for absolute names and for ".."
// components that would climb above the archive root; returns "" for the
// root itself ("." or "./").
[[nodiscard]] std::string normaliseEntryPath(std::string_view name);

// Resolves a symlink target found in entry `linkPath` the way a file system
// would: relative to the link's directory, or from the archive root when
// absolute. Throws UnsafePath when the target leaves the archive.
[[nodiscard]] std::string resolveSymlinkTarget(std::string_view linkPath, std::string_view target);

// True for exactly 64 lowercase hex digits (the encoded part of a sha256).
[[nodiscard]] bool isSha256Hex(std::string_view s);

} // namespace strata::engine::image
