// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// ADD's local-archive rule: a source that reads as a tar archive (plain or
// gzip, bzip2, xz, zstd compressed) is unpacked into the destination instead
// of copied. libarchive does the reading; the extraction refuses absolute
// paths, ".." and writing through symlinks, so an archive cannot reach
// outside the destination.

#include <filesystem>

namespace strata::engine::build {

[[nodiscard]] bool isTarArchive(const std::filesystem::path &file);

// Throws Io naming the archive.
void unpackTar(const std::filesystem::path &file, const std::filesystem::path &destDir);

} // namespace strata::engine::build
