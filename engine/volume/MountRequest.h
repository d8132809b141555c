// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The mount flags of `create`/`run`, parsed with Docker's rules and error
// messages but not yet resolved (no volume made, no host path touched):
//
//   -v SRC:DST[:MODE]   SRC absolute = bind (host dir made if missing),
//                       SRC a name = named volume; MODE ro|rw|z|Z|rprivate…|nocopy
//   -v DST              anonymous volume
//   --mount type=bind|volume|tmpfs,source=…,target=…,readonly,…  (docker/cli opts/mount.go)
//   --tmpfs DST[:OPTS]
//   --volumes-from CONTAINER[:ro|rw]
//
// Syntax errors are thrown here (InvalidArgument); checks that need the
// world (does the bind source exist, does the container exist) happen in
// MountPlanner, still before anything is created.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::volume {

enum class MountOrigin {
    VolumeFlag, // -v
    MountFlag,  // --mount
    TmpfsFlag,  // --tmpfs
};

struct MountRequest {
    MountOrigin origin = MountOrigin::VolumeFlag;
    std::string raw;         // the flag's text, for messages and HostConfig.Binds
    std::string type;        // "bind", "volume", "tmpfs"
    std::string source;      // host path (bind) or volume name; "" = anonymous volume
    std::string destination; // cleaned
    bool readOnly = false;
    std::string mode;        // -v MODE as given
    std::string propagation; // bind-propagation or a -v propagation mode
    bool copyData = true;    // volumes: nocopy / volume-nocopy turn it off
    std::string driver;      // volume-driver
    std::optional<std::map<std::string, std::string>> labels;        // volume-label
    std::optional<std::map<std::string, std::string>> driverOptions; // volume-opt
    std::string tmpfsOptions; // Docker's data string: "ro,mode=1777,size=64m" (without ro)
};

struct VolumesFromRequest {
    std::string container;
    std::string mode; // "rw" when not given; "ro"
};

// -v. Throws InvalidArgument with Docker's daemon message, e.g.
// "invalid volume specification: '/a:b': invalid mount config for type
// "bind": invalid mount path: 'b' mount path must be absolute".
[[nodiscard]] MountRequest parseVolumeFlag(const std::string &raw);
// --mount. Field errors come out as the CLI prints them:
// "invalid argument "type=bind,x" for "--mount" flag: invalid field 'x' must
// be a key=value pair"; daemon validation as "invalid mount config for type …".
[[nodiscard]] MountRequest parseMountFlag(const std::string &csv);
// --tmpfs DST[:OPTS].
[[nodiscard]] MountRequest parseTmpfsFlag(const std::string &raw);
// --volumes-from CONTAINER[:MODE].
[[nodiscard]] VolumesFromRequest parseVolumesFrom(const std::string &spec);

// go-units RAMInBytes: "64m", "1g", "512k", "100" (binary multipliers).
[[nodiscard]] std::optional<long long> ramInBytes(const std::string &text);

} // namespace strata::engine::volume
