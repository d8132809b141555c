// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `docker commit`: the container's read-write layer becomes a new read-only
// layer on top of its image's layers, and a new image config names it.
// Phases (each a step-gate boundary):
//   freeze        the container's processes are frozen (--pause, default on)
//   diff          the container layer is read: copied-up and new entries,
//                 whiteouts, opaque directories; mount-point contents and the
//                 init-layer files (/etc/hostname, hosts, resolv.conf) left out
//   write-layer   a deterministic layer tar is written and stored as a layer
//   write-config  the image config (history entry, -c changes) and manifest
//   tag           REPO[:TAG] points at the new image (when given)
// All-or-nothing: a failure at any phase leaves the store as it was.

#include "engine/container/ContainerFs.h"
#include "engine/events/StepGate.h"
#include "engine/image/ImageStore.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::container {

struct CommitSource {
    ContainerFs fs;
    Digest imageId;                                      // the image the container runs; empty = scratch (build)
    image::Json config = image::Json::object();          // the container's Config (Docker's shape)
    // `build`: the Config the image records when it is not the container's
    // (then `config` becomes container_config, as the classic builder writes).
    std::optional<image::Json> imageConfig;
    // Set for a running container: --pause calls them around the commit.
    std::function<void()> freeze;
    std::function<void()> thaw;
};

struct CommitOptions {
    std::string message;               // -m
    std::string author;                // -a
    std::vector<std::string> changes;  // -c
    bool pause = true;                 // --pause (Docker's default: true)
    std::optional<std::string> repoTag; // REPO[:TAG]
};

struct CommitResult {
    Digest id;
    std::optional<std::string> tag;    // familiar "repo:tag"
    Digest diffId;                     // empty when nothing changed (empty_layer)
    std::uint64_t tarSize = 0;
    std::uint64_t added = 0, modified = 0, deleted = 0; // entries of the new layer
};

// Throws InvalidArgument (tag, change) before anything happens; Io and the
// layer errors while writing. Emits LayerWritten, the store's events and
// ContainerCommitted.
CommitResult commitContainer(image::ImageStore &store, const CommitSource &source, const CommitOptions &options,
                             events::StepGate &gate);

} // namespace strata::engine::container
