// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Published ports: `-p [IP:][HOST:]CTR[/tcp|udp]` as Docker parses it, the
// port maps in Docker's JSON shapes (HostConfig.PortBindings,
// NetworkSettings.Ports) and the text `ps` and `port` print.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace strata::engine::network {

using Json = nlohmann::ordered_json;

struct PortBinding {
    std::string hostIp;   // "" = every address (0.0.0.0)
    std::string hostPort; // "" = an ephemeral port chosen at start
    int containerPort = 0;
    std::string proto = "tcp";

    [[nodiscard]] std::string key() const { return std::to_string(containerPort) + "/" + proto; }
};

// One -p value; Docker's messages ("Invalid containerPort: x", "Invalid
// hostPort: x", "Invalid proto: x", "Invalid ip address: x").
[[nodiscard]] PortBinding parsePortFlag(const std::string &text);
// "80/tcp" / "80" (an EXPOSE or port argument) -> {80, "tcp"}.
[[nodiscard]] PortBinding parsePortKey(const std::string &text);

// Adds bindings to a PortBindings map: {"80/tcp":[{"HostIp","HostPort"}]}.
void addBinding(Json &portBindings, const PortBinding &b);
[[nodiscard]] std::vector<PortBinding> bindingsOf(const Json &portBindings);

// NetworkSettings.Ports -> "0.0.0.0:8080->80/tcp, 443/tcp" (Docker's
// DisplayablePorts, without range folding).
[[nodiscard]] std::string displayPorts(const Json &ports);
// `port` lines: "80/tcp -> 127.0.0.1:18088".
[[nodiscard]] std::vector<std::string> portLines(const Json &ports, const std::string &only = {});

// A free port on the host address, as the kernel picks it (bind to 0).
[[nodiscard]] int ephemeralPort(const std::string &hostIp, const std::string &proto);
// Throws Conflict with Docker's message when something on the host holds it.
void checkHostPortFree(const std::string &hostIp, int port, const std::string &proto);

} // namespace strata::engine::network
