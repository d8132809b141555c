// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `docker cp` in both directions, with Docker's rules:
//   SRC is a file:  DEST missing -> created as that file ("DEST/" missing:
//                   "no such directory"); DEST a file -> overwritten; DEST a
//                   directory -> DEST/basename(SRC).
//   SRC is a dir:   DEST missing -> created, SRC's contents copied into it;
//                   DEST a file -> "cannot copy a directory to a file";
//                   DEST a dir -> DEST/basename(SRC), or with SRC ending in
//                   "/." SRC's contents into DEST.
//   SRC ending in "/" must be a directory ("not a directory").
// Container paths are resolved inside the container's root (ContainerPath.h:
// a link escaping it is refused) and written with *at() calls that never
// follow a symlink. A stopped container's union is mounted for the copy.
// Copies in are owned by the container's root unless `archive` (-a) keeps
// the source's owners; copies out keep the container's owners where the
// process may chown (as root extracting docker's tar does).

#include "engine/container/ContainerFs.h"
#include "engine/events/EventBus.h"
#include "engine/layer/ByteStream.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace strata::engine::container {

struct CopyOptions {
    bool followLink = false; // -L: copy what a source symlink points to
    bool archive = false;    // -a: keep uid/gid of the source (copy in)
};

struct CopyResult {
    std::uint64_t entries = 0;
    std::uint64_t fileBytes = 0;
    std::uint64_t tarBytes = 0;  // Docker's "Successfully copied 2.05kB to …" counts the tar stream
    std::string destination;     // as the user named it
};

// CONTAINER:srcPath -> hostDest. Throws NotFound "Could not find the file
// <path> in container <name>", UnsafePath, InvalidArgument (Docker's rules), Io.
CopyResult copyFromContainer(const ContainerFs &container, const std::string &srcPath,
                             const std::filesystem::path &hostDest, const CopyOptions &options, events::EventBus &bus);

// CONTAINER:srcPath -> a tar stream (`docker cp CONTAINER:PATH -`): the entry
// under its base name, a directory with everything beneath it.
CopyResult archiveFromContainer(const ContainerFs &container, const std::string &srcPath, layer::ByteSink &sink,
                                const CopyOptions &options, events::EventBus &bus);

// A tar stream -> the directory CONTAINER:dstPath (`docker cp - CONTAINER:DIR`),
// with the layer applier's path safety. Entries named like whiteouts act as
// whiteouts here (Docker writes them as plain files).
CopyResult extractToContainer(const ContainerFs &container, layer::ByteSource &tar, const std::string &dstPath,
                              events::EventBus &bus);

// hostSrc -> CONTAINER:dstPath.
CopyResult copyToContainer(const ContainerFs &container, const std::filesystem::path &hostSrc,
                           const std::string &dstPath, const CopyOptions &options, events::EventBus &bus);

} // namespace strata::engine::container
