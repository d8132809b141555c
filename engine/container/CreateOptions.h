// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What `create` and `run` ask of a new container, as the user typed it
// (Engine.h names it ContainerCreateOptions). container/NewContainer turns it
// into a record; engine/network and engine/volume read their parts.

#include "engine/volume/MountPlanner.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::container {

struct CreateOptions {
    std::string image;                      // reference as typed
    std::string name;                       // --name; "" = a random adjective_name
    std::vector<std::string> cmd;           // after the image; empty = the image's CMD
    std::optional<std::string> entrypoint;  // --entrypoint; "" clears the image's
    std::vector<std::string> env;           // -e K=V (or K: taken from the caller's environment)
    std::string workdir;                    // -w
    std::string user;                       // -u
    std::string hostname;                   // --hostname; "" = the short id
    bool tty = false;                       // -t
    bool openStdin = false;                 // -i
    bool attachStdout = true;               // false for -d
    bool autoRemove = false;                // --rm
    std::string network = "default";        // --network: default/bridge (strata0), none, host, or a network's name/id
    std::vector<std::string> networkAliases; // --network-alias (user-defined networks only, as Docker)
    std::string ip;                         // --ip (user-defined networks only, inside the subnet)
    std::vector<std::string> publish;       // -p [IP:][HOST:]CTR[/proto] as typed
    bool publishAll = false;                // -P: every port the image EXPOSEs
    std::vector<std::string> capAdd;        // --cap-add
    std::vector<std::string> capDrop;       // --cap-drop
    std::map<std::string, std::string> labels;
    std::vector<std::string> devices;       // --device HOST[:CTR[:rwm]] as typed (engine/security)
    std::string memory;                     // -m/--memory as typed ("512m"); "" = unlimited
    std::string cpus;                       // --cpus as typed ("1.5"); "" = unlimited
    std::int64_t pidsLimit = 0;             // --pids-limit; <= 0 = unlimited
    std::vector<std::string> securityOpt;   // --security-opt seccomp=unconfined|<profile JSON> (files read by the CLI)
    // -v, --mount, --tmpfs, --volumes-from as typed: checked before anything
    // is made, resolved by engine/volume (named volumes made on first use,
    // anonymous ones for -v DST and the image's VOLUMEs).
    volume::MountFlags mountFlags;
    // For the step gate: "create", or "run" (whose phases continue in start).
    std::string operation = "create";
};

} // namespace strata::engine::container
