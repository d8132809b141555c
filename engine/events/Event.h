// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One step the engine took. Each kind names a (Type, Action) pair in the shape
// of Docker's event stream ({"Type":"image","Action":"load",...}); the payload
// carries what the GUI needs to draw the step (paths, digests, byte counts).

#include "engine/util/Time.h"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace strata::engine::events {

enum class EventKind {
    // store
    BlobVerified,      // id = digest; attrs: size, media_type
    BlobStored,        // id = digest; attrs: size
    BlobRemoved,       // id = digest
    // layers
    LayerExtractStarted, // id = diff_id; attrs: index, count, compression
    LayerProgress,       // id = diff_id; attrs: files, bytes (summarised, not per file)
    LayerExtracted,      // id = diff_id; attrs: chain_id, files, bytes, whiteouts, index
    LayerReused,         // id = diff_id; attrs: chain_id (already in the store)
    WhiteoutApplied,     // id = diff_id; attrs: path (the path it hides)
    OpaqueApplied,       // id = diff_id; attrs: path (the directory made opaque)
    LayerRemoved,        // id = chain_id
    LayerWritten,        // id = diff_id; attrs: added, modified, deleted, size
    // images and references
    ImageLoaded,       // id = image id; attrs: name, layers
    ImageSaved,        // id = image id; attrs: name, format
    ImageImported,     // id = image id; attrs: name, source
    ImageTagged,       // id = image id; attrs: name
    ImageUntagged,     // id = image id; attrs: name
    ImageDeleted,      // id = image id
    RefAdded,          // id = image id; attrs: name
    RefRemoved,        // id = image id; attrs: name
    // long work
    Progress,          // id = what; attrs: current, total, unit, label
    StepReached,       // id = operation; attrs: phase, description (step gate)
    // union file system: a container's read-write layer (id = container id;
    // paths as the container sees them: "/etc/web.conf")
    ContainerLayerCreated, // attrs: diff (the empty read-write layer dir)
    UnionMounted,      // attrs: driver, lowerdir (nearest first), upperdir, workdir, merged, layers
    UnionUnmounted,    // attrs: driver, merged
    CopiedUp,          // attrs: path, type, from_layer (index, bottom = 0), from_layer_id, bytes,
                       //        lower_bytes, lower_sha256, sha256
    WhiteoutCreated,   // attrs: path (the hidden path), type, from_layer, from_layer_id
    OpaqueDirCreated,  // attrs: path, from_layer (-1 when no lower had the directory)
    UpperPathAdded,    // attrs: path, type, bytes, sha256 (new in the container, not from a lower)
    UpperChangesSummarised, // attrs: copied_up, whiteouts, opaque, added, bytes, total, paths (first 8):
                            // one event instead of hundreds when a scan finds bulk changes
    // volumes and mounts (id = volume name, or container id for mounts)
    VolumeCreated,     // attrs: driver, mountpoint, anonymous, labels
    VolumeRemoved,     // attrs: driver
    VolumePopulated,   // id = volume name; attrs: container, destination, files (image content copied in)
    MountAdded,        // id = container id; attrs: type, name, source (host side), destination (container side), ro
    // containers (id = container id; Docker's container event actions)
    ContainerCreated,      // attrs: name, image, driver
    ContainerStateChanged, // attrs: name, from, to ("created", "running", "paused", "exited", ...)
    ProcessStarted,        // attrs: name, pid, args (PID 1 of the container was exec'd)
    ProcessExited,         // attrs: name, exitCode, signal
    ContainerRenamed,      // attrs: name, oldName
    ContainerRemoved,      // attrs: name
    ContainerExecStarted,  // attrs: name, args
    // a container's file system as a whole (id = container id), Docker's actions
    ContainerCommitted,     // attrs: image (new id), name (repo:tag or ""), comment, author, diff_id, size, empty_layer
    ContainerExported,      // attrs: output ("-" = stdout), entries, bytes
    ContainerPathArchived,  // docker cp out: attrs: path, destination, entries, bytes ("archive-path")
    ContainerPathExtracted, // docker cp in: attrs: path, source, entries, bytes ("extract-to-dir")
    // `build` (id = the build's own random id, shared by all its events)
    BuildContextSent,   // attrs: context, bytes, entries, dockerfile (text), steps
    BuildStepStarted,   // attrs: step (1-based), total, instruction ("RUN"), text (as written), line, stage
    BuildStepContainer, // attrs: step, container, command (RUN's, or the #(nop) one), run (bool)
    BuildStepCommitted, // attrs: step, image, parent, empty_layer, created_by
    BuildCacheHit,      // attrs: step, image
    BuildStepDone,      // attrs: step, image (short id printed after " ---> ")
    BuildFinished,      // attrs: image, tags
    BuildFailed,        // attrs: step, error, exit_status
    // registries (engine/registry)
    ImagePulled,       // id = image id; attrs: name (as pulled), digest, registry, layers, downloaded
    ImagePushed,       // id = image id; attrs: name, digest, registry, size
    LayerTransfer,     // id = blob digest; attrs: ref, layer (12 hex), index, count, status (Docker's words:
                       //        "Pulling fs layer", "Downloading", "Pull complete", "Already exists", "Pushed", …),
                       //        current, total (bytes; summarised, not per chunk)
    // networks (engine/network; id = network id, Docker's network actions)
    NetworkCreated,      // attrs: name, type (driver), subnet, gateway, bridge
    NetworkRemoved,      // attrs: name, type
    NetworkConnected,    // attrs: name, type, container, ip, mac, ifname, bridge (an endpoint attached)
    NetworkDisconnected, // attrs: name, type, container, ip, ifname
    PortPublished,       // id = container id; attrs: name, port ("80/tcp"), hostIp, hostPort, ip (container side)
};

struct Event {
    EventKind kind = EventKind::Progress;
    std::string id;
    nlohmann::json attrs = nlohmann::json::object();
    timeutil::TimePoint time = timeutil::now();

    [[nodiscard]] std::string_view type() const;   // "image", "layer", "blob", ...
    [[nodiscard]] std::string_view action() const; // "load", "extract", "whiteout", ...

    // Docker-shaped JSON: {"Type","Action","Actor":{"ID","Attributes"},"time","timeNano"}.
    [[nodiscard]] nlohmann::json toJson() const;
    // Inverse of toJson(); throws InvalidArgument for an unknown Type/Action.
    static Event fromJson(const nlohmann::json &j);
};

Event makeEvent(EventKind kind, std::string id, nlohmann::json attrs = nlohmann::json::object());

} // namespace strata::engine::events
