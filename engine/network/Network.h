// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One network as the engine records it (root/networks/<id>.json) and as
// `network inspect` shows it, in Docker's shape. Docker's three built-in
// networks exist in every store: "bridge" (the default bridge, here the
// host interface strata0, the role of docker0), "host" and "none".

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace strata::engine::network {

using Json = nlohmann::ordered_json;

inline constexpr const char *kDefaultBridge = "strata0";
inline constexpr const char *kDefaultSubnet = "172.30.0.0/16";

struct Network {
    std::string id;      // 64 hex
    std::string name;
    std::string driver = "bridge"; // "bridge", "host", "null"
    std::string created;           // RFC 3339 nano
    std::string subnet;            // "172.18.0.0/16" (bridge only)
    std::string gateway;           // "172.18.0.1"
    std::string bridge;            // host interface: strata0, br-<12 hex>
    bool internal = false;
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> options;

    [[nodiscard]] bool isBridge() const { return driver == "bridge"; }
    // The default bridge: no name resolution, no --ip or aliases (as Docker).
    [[nodiscard]] bool isDefaultBridge() const { return name == "bridge"; }
    [[nodiscard]] bool isBuiltin() const { return name == "bridge" || name == "host" || name == "none"; }

    [[nodiscard]] Json toJson() const;
    static Network fromJson(const nlohmann::json &j);
};

// Docker's `network inspect` object; `containers` is the Containers map
// (id -> {Name, EndpointID, MacAddress, IPv4Address, IPv6Address}).
[[nodiscard]] Json inspectJson(const Network &n, const Json &containers);

} // namespace strata::engine::network
