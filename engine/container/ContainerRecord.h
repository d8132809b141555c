// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the engine remembers about one container, persisted as
// <root>/containers/<id>/config.v2.json in the shape of Docker's file of the
// same name (moby container/container.go), with the HostConfig that Docker
// keeps in hostconfig.json folded in so one atomic write records both.
//
// The union driver owns diff/ work/ merged/ mount.json in the same directory
// and the runtime owns runtime.json shim-state.json log.json attach.sock.

#include "engine/container/ContainerState.h"
#include "engine/security/DevicePolicy.h"
#include "engine/volume/MountPoint.h"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace strata::engine::container {

using Json = nlohmann::ordered_json;

// Docker's Config (the container's, as `inspect` shows under "Config").
struct Config {
    std::string hostname;
    std::string domainname;
    std::string user;
    bool attachStdin = false;
    bool attachStdout = false;
    bool attachStderr = false;
    bool tty = false;
    bool openStdin = false;
    bool stdinOnce = false;
    std::vector<std::string> env;
    std::vector<std::string> cmd;
    std::vector<std::string> entrypoint; // empty = none
    bool entrypointSet = false;          // --entrypoint given (even "")
    std::string image;                   // as the user named it: "strata/busybox"
    std::string workingDir;
    std::map<std::string, std::string> labels;
    std::vector<std::string> volumes;    // image VOLUME paths (for the volumes helper)
    Json exposedPorts = Json::object(); // Docker's ExposedPorts: {"80/tcp":{}} (image's + -p)
};

// A volume, bind or tmpfs mount (Docker's MountPoint): engine/volume fills
// these in at create; start mounts them, diff and commit leave their
// destinations out.
using MountPoint = volume::MountPoint;

// The subset of Docker's HostConfig the engine acts on.
struct HostConfig {
    std::string networkMode = "default"; // "default"/"bridge" (loopback only here), "none", "host"
    bool autoRemove = false;             // --rm
    std::vector<std::string> capAdd;
    std::vector<std::string> capDrop;
    std::vector<security::DeviceMapping> devices; // --device
    std::int64_t memory = 0;                      // --memory in bytes; 0 = unlimited
    std::int64_t nanoCpus = 0;                    // --cpus * 1e9; 0 = unlimited
    std::int64_t pidsLimit = 0;                   // --pids-limit; 0 = unlimited (Docker's null)
    std::vector<std::string> securityOpt;         // --security-opt ("seccomp=<JSON>" with a file's content)
    std::vector<std::string> maskedPaths;
    std::vector<std::string> readonlyPaths;
    std::vector<std::string> binds;      // -v SRC:DST strings as typed
    nlohmann::json mounts = nlohmann::json::array(); // --mount, as Docker's mount.Mount objects
    std::map<std::string, std::string> tmpfs;         // --tmpfs destination -> options
    std::vector<std::string> volumesFrom;             // --volumes-from as typed
    bool privileged = false;
    bool readonlyRootfs = false;
    std::string logType = "json-file";
    Json portBindings = Json::object(); // -p: {"80/tcp":[{"HostIp":"","HostPort":"8080"}]}
    bool publishAllPorts = false;                           // -P
};

struct Record {
    std::string id;          // 64 hex
    std::string created;     // RFC 3339 nano
    std::string path;        // argv[0] as Docker records it
    std::vector<std::string> args;
    std::string image;       // "sha256:<image id>"
    std::string name;        // with Docker's leading "/"
    std::string driver;      // union driver the container's layer was made with
    int restartCount = 0;
    bool hasBeenStartedBefore = false;
    bool hasBeenManuallyStopped = false;
    Config config;
    HostConfig hostConfig;
    std::vector<MountPoint> mounts; // the volumes hook: destinations are excluded from diff/commit
    // The networks asked for (--network, connect): name -> {"Aliases":[...],
    // "IPAMConfig":{"IPv4Address":...}}, as Docker's EndpointsConfig. What is
    // set up while running lives in the network module's endpoint record.
    Json networks = Json::object();
    State state;

    [[nodiscard]] std::string shortId() const { return id.substr(0, 12); }
    // Without the leading "/".
    [[nodiscard]] std::string plainName() const { return !name.empty() && name[0] == '/' ? name.substr(1) : name; }

    [[nodiscard]] Json toJson() const;
    static Record fromJson(const nlohmann::json &j);
};

// Docker's "0001-01-01T00:00:00Z" for a time never set.
inline constexpr const char *kZeroTime = "0001-01-01T00:00:00Z";

} // namespace strata::engine::container
