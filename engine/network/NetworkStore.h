// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The networks of one store root: root/networks/<id>.json, one atomic file
// each. The three built-in networks (bridge, host, none) are written on
// first use. Callers hold the store lock around changes; which containers
// use a network is the engine's knowledge (the endpoint records).

#include "engine/network/Network.h"
#include "engine/store/StoreLayout.h"

#include <optional>
#include <string>
#include <vector>

namespace strata::engine::network {

struct CreateNetworkRequest {
    std::string name;
    std::string driver;  // "" or "bridge"
    std::string subnet;  // "" = the next free 172.N.0.0/16
    std::string gateway; // "" = the subnet's first address
    bool internal = false;
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> options;
};

class NetworkStore {
public:
    explicit NetworkStore(const store::StoreLayout &layout);

    // Docker's checks and messages: a name taken, a driver other than
    // bridge, a malformed or overlapping subnet, a gateway outside it.
    Network create(const CreateNetworkRequest &request);
    // Built-ins first (bridge, host, none), then by name.
    [[nodiscard]] std::vector<Network> list();
    // By name, full id or unique id prefix; nullopt when none matches.
    [[nodiscard]] std::optional<Network> find(const std::string &ref);
    // Throws NotFound "network REF not found".
    [[nodiscard]] Network get(const std::string &ref);
    void remove(const std::string &id);

private:
    void ensureBuiltins();
    [[nodiscard]] std::vector<Network> loadAll() const;
    void save(const Network &n) const;
    [[nodiscard]] std::string freeSubnet(const std::vector<Network> &existing) const;

    const store::StoreLayout &m_layout;
    std::filesystem::path m_dir;
};

// 64 random hex digits (the id of a network or an endpoint).
[[nodiscard]] std::string randomHexId();

} // namespace strata::engine::network
