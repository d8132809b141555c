// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Driving the standard CNI plugins (Debian's containernetworking-plugins in
// /usr/lib/cni) as the CNI spec's runtime does: each plugin of a network
// configuration list is exec'd with CNI_COMMAND, CNI_CONTAINERID,
// CNI_NETNS, CNI_IFNAME, CNI_PATH in its environment and its configuration
// (name, cniVersion, prevResult, runtimeConfig) on stdin; ADD runs them in
// order, each seeing the previous one's result; DEL runs them in reverse.
//
// The engine owns no netlink or iptables code: bridge makes the bridge,
// veth pair and masquerade rules, host-local hands out addresses, portmap
// the DNAT rules of published ports, firewall the FORWARD accept rules.

#include <nlohmann/json.hpp>
#include <string>

namespace strata::engine::network {

using Json = nlohmann::ordered_json;

// Where the plugins are; $STRATA_CNI_PATH overrides /usr/lib/cni.
[[nodiscard]] std::string cniPluginDir();

struct CniCall {
    Json configList;   // {"cniVersion","name","plugins":[...]}
    std::string containerId;
    std::string netnsPath;
    std::string ifname;       // "eth0"
    Json runtimeConfig = Json::object(); // {"portMappings":[...], "ips":[...]} for plugins with the capability
};

// The final result (CNI 1.0 Result: interfaces, ips, routes); throws
// Error(Io) with the plugin's own message when one fails (ADD of the
// plugins before it is undone first).
Json cniAdd(const CniCall &call);
// Best effort in reverse order; `prevResult` is what cniAdd returned.
void cniDel(const CniCall &call, const Json &prevResult);

} // namespace strata::engine::network
