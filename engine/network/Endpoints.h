// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the engine set up for one running container, recorded at
// root/networks/endpoints/<container id>.json BEFORE the plugins run, so
// that whatever a crash leaves half made can be torn down at the next
// start (CNI DEL is idempotent): the namespace, and per network the exact
// configuration the plugins were given, the interface and the addresses.

#include "engine/network/Cni.h"
#include "engine/network/Network.h"
#include "engine/store/StoreLayout.h"

#include <optional>
#include <string>
#include <vector>

namespace strata::engine::network {

struct Endpoint {
    std::string network;   // name
    std::string networkId;
    std::string endpointId; // 64 hex
    std::string ifname;     // eth0, eth1 ...
    std::vector<std::string> aliases;
    std::string ipAddress;  // "" until the plugins answered
    int prefixLen = 0;
    std::string gateway;
    std::string macAddress;
    Json configList;        // given to the plugins
    Json runtimeConfig = Json::object();
    Json result;            // the plugins' answer (prevResult of DEL)
};

struct EndpointRecord {
    std::string containerId;
    std::string containerName; // without "/"
    std::string netns;
    std::vector<Endpoint> endpoints;
    Json ports = Json::object(); // NetworkSettings.Ports as published
    // Rootless (UserModeNetwork.h): no CNI, no netns of the engine's; the
    // slirp4netns serving the runtime's namespace (pid 0 until it started).
    bool userMode = false;
    int slirpPid = 0;
    std::string slirpSocket;

    [[nodiscard]] Json toJson() const;
    static EndpointRecord fromJson(const nlohmann::json &j);
};

class EndpointStore {
public:
    explicit EndpointStore(const store::StoreLayout &layout);

    [[nodiscard]] std::optional<EndpointRecord> find(const std::string &containerId) const;
    [[nodiscard]] std::vector<EndpointRecord> list() const;
    void save(const EndpointRecord &r) const;
    void remove(const std::string &containerId) const;
    // Cheap: true when no record exists (the usual case at engine start).
    [[nodiscard]] bool empty() const;

private:
    const store::StoreLayout &m_layout;
    std::filesystem::path m_dir;
};

// The plugin chain for a bridge network: bridge (+ host-local addresses,
// masquerade unless internal), portmap, firewall.
[[nodiscard]] Json bridgeConfigList(const Network &n);

} // namespace strata::engine::network
