// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `docker import`: one image of one layer from a root file system tarball.

#include "engine/image/ImageStore.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::image {

struct ImportOptions {
    std::string message;              // -m: replaces the "Imported from ..." comment
    std::vector<std::string> changes; // -c: Dockerfile instructions (ImageChanges.h)
    // What the comment says the image came from. Empty means "-": the docker
    // CLI streams a local file to the daemon as it does stdin, so Docker
    // writes "Imported from -" for both (cli/command/image/import.go); only
    // a URL import names its source.
    std::string sourceLabel;
};

struct ImportResult {
    Digest id;
    std::optional<std::string> tag; // familiar "repo:tag" when one was given
};

// Reads `input` ("-" = stdin): a tar, plain or gzip/zstd (stored as is), or
// bzip2/xz/lzma/lz4 (decompressed, the stored layer is the plain tar).
// The config is Docker's (daemon/images/image_import.go): host
// architecture, os "linux", created now, the comment in "comment" and in the
// one history entry, the changes applied to "config". Atomic like load.
// Throws InvalidArgument (tag, change), Unsupported (zip and other
// archives), InvalidArchive, UnsafePath, Io. Emits ImageImported.
ImportResult importTarball(ImageStore &store, const std::filesystem::path &input, const std::optional<std::string> &repoTag,
                           const ImportOptions &options);

} // namespace strata::engine::image
