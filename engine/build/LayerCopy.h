// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// COPY and ADD writing into a new layer's root, with the classic builder's
// rules (builder/dockerfile/copy.go): a relative destination is taken from
// WORKDIR; several sources need a destination ending in "/"; a file lands
// at DEST, or at DEST/name when DEST ends in "/" or is a directory; a
// directory's contents (not the directory) land in DEST; missing parents are
// made 0755; everything written belongs to root, or to --chown's user and
// group (resolved in the image's own /etc/passwd and /etc/group); modes and
// modification times are kept. ADD also unpacks a local tar archive (plain,
// gzip, bzip2, xz, zstd) into DEST. Paths are resolved inside the root: a
// symlink in the image cannot send a write outside it.

#include "engine/build/BuildContext.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace strata::engine::build {

struct LayerCopyRequest {
    std::filesystem::path root;          // the layer's merged root on the host
    std::string dest;                    // as written, variables expanded
    std::string workdir;                 // the stage's WORKDIR ("" = "/")
    std::vector<ContextSource> sources;
    // Which paths under a directory source are copied (the context's
    // .dockerignore); null: everything.
    std::function<std::vector<std::string>(const std::string &rel)> listUnder;
    std::string chown;                   // --chown value, "" = root
    bool extractArchives = false;        // ADD
    std::string instruction = "COPY";    // for messages
};

// Throws BuildFailed (step phase) with Docker's wording, Io for the rest.
void copyIntoLayer(const LayerCopyRequest &request);

// Makes `dir` (a path inside `root`, symlinks resolved inside it) where
// missing, 0755, owned by uid:gid; returns its host path. WORKDIR uses it too.
std::filesystem::path makeDirsInRoot(const std::filesystem::path &root, const std::string &dir, uid_t uid = 0,
                                     gid_t gid = 0);

// Docker's destination: WORKDIR-relative made absolute, trailing "/" kept.
[[nodiscard]] std::string normaliseDest(const std::string &workdir, const std::string &dest);

} // namespace strata::engine::build
