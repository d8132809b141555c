// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One resolved mount of a container: where its content lives on the host and
// where the container sees it. Kept in the container's record, shown by
// inspect in Docker's `Mounts` shape, and turned into a runtime::MountSpec at
// start.

#include "engine/runtime/RuntimeSpec.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace strata::engine::volume {

struct MountPoint {
    std::string type;        // "bind", "volume" or "tmpfs"
    std::string name;        // the volume's name (type volume)
    std::string source;      // host path: the bind source, or the volume's _data; "" for tmpfs
    std::string destination; // cleaned absolute path inside the container
    std::string driver;      // "local" for volumes, else ""
    std::string mode;        // the -v mode text as given ("", "ro", "ro,z"); "" for --mount
    bool rw = true;
    std::string propagation; // binds: "rprivate" unless asked; volumes and tmpfs: ""
    bool anonymous = false;  // the volume was made for this container (`rm -v` removes it)
    bool copyData = false;   // volume: fill it from the image's content at destination when empty
    bool createSource = false; // -v bind: make the host directory when missing (Docker does; --mount refuses)
    std::string tmpfsOptions;  // tmpfs: "size=65536k,mode=1777" (Docker's data string)
    bool hidden = false;       // --tmpfs: mounted, but Docker lists it in HostConfig.Tmpfs, not Mounts

    // The container record's form (every field).
    [[nodiscard]] nlohmann::json toRecord() const;
    static MountPoint fromRecord(const nlohmann::json &j);
    // Docker's inspect `Mounts` entry: Type, Name, Source, Destination,
    // Driver, Mode, RW, Propagation (Name and Driver omitted when empty).
    [[nodiscard]] nlohmann::ordered_json toInspect() const;
    // What the runtime mounts: binds and volumes as recursive binds ("ro"
    // remounted), tmpfs with Docker's noexec,nosuid,nodev.
    [[nodiscard]] runtime::MountSpec toRuntime() const;
};

// Runtime mounts for a container, parents before children (Docker sorts by
// the number of path components so /a is mounted before /a/b).
[[nodiscard]] std::vector<runtime::MountSpec> toRuntimeMounts(const std::vector<MountPoint> &mounts);
// The inspect `Mounts` array (hidden entries left out).
[[nodiscard]] nlohmann::ordered_json inspectMounts(const std::vector<MountPoint> &mounts);
// Mount destinations, for diff/commit exclusion ("/data", ...).
[[nodiscard]] std::vector<std::string> mountDestinations(const std::vector<MountPoint> &mounts);

// path.Clean for absolute container paths: "/a//b/../c/" -> "/a/c".
[[nodiscard]] std::string cleanPath(const std::string &path);

} // namespace strata::engine::volume
