// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/network/Endpoints.h"

#include "engine/network/HostRules.h"
#include "engine/util/Fs.h"

namespace strata::engine::network {

Json EndpointRecord::toJson() const
{
    Json eps = Json::array();
    for (const auto &e : endpoints)
        eps.push_back({{"Network", e.network},
                       {"NetworkID", e.networkId},
                       {"EndpointID", e.endpointId},
                       {"IfName", e.ifname},
                       {"Aliases", e.aliases},
                       {"IPAddress", e.ipAddress},
                       {"IPPrefixLen", e.prefixLen},
                       {"Gateway", e.gateway},
                       {"MacAddress", e.macAddress},
                       {"ConfigList", e.configList},
                       {"RuntimeConfig", e.runtimeConfig},
                       {"Result", e.result}});
    Json j{{"ContainerID", containerId}, {"Name", containerName}, {"Netns", netns}, {"Endpoints", eps},
           {"Ports", ports}};
    if (userMode)
        j["Slirp4netns"] = {{"Pid", slirpPid}, {"ApiSocket", slirpSocket}};
    return j;
}

EndpointRecord EndpointRecord::fromJson(const nlohmann::json &j)
{
    EndpointRecord r;
    r.containerId = j.value("ContainerID", "");
    r.containerName = j.value("Name", "");
    r.netns = j.value("Netns", "");
    if (auto it = j.find("Slirp4netns"); it != j.end() && it->is_object()) {
        r.userMode = true;
        r.slirpPid = it->value("Pid", 0);
        r.slirpSocket = it->value("ApiSocket", "");
    }
    if (j.contains("Ports") && j["Ports"].is_object())
        r.ports = Json::parse(j["Ports"].dump());
    if (auto it = j.find("Endpoints"); it != j.end() && it->is_array())
        for (const auto &e : *it) {
            Endpoint p;
            p.network = e.value("Network", "");
            p.networkId = e.value("NetworkID", "");
            p.endpointId = e.value("EndpointID", "");
            p.ifname = e.value("IfName", "");
            if (e.contains("Aliases") && e["Aliases"].is_array())
                p.aliases = e["Aliases"].get<std::vector<std::string>>();
            p.ipAddress = e.value("IPAddress", "");
            p.prefixLen = e.value("IPPrefixLen", 0);
            p.gateway = e.value("Gateway", "");
            p.macAddress = e.value("MacAddress", "");
            p.configList = Json::parse(e.value("ConfigList", nlohmann::json::object()).dump());
            p.runtimeConfig = Json::parse(e.value("RuntimeConfig", nlohmann::json::object()).dump());
            p.result = Json::parse(e.value("Result", nlohmann::json()).dump());
            r.endpoints.push_back(std::move(p));
        }
    return r;
}

EndpointStore::EndpointStore(const store::StoreLayout &layout)
    : m_layout(layout), m_dir(layout.root() / "networks" / "endpoints")
{
}

std::optional<EndpointRecord> EndpointStore::find(const std::string &containerId) const
{
    const auto path = m_dir / (containerId + ".json");
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return std::nullopt;
    return EndpointRecord::fromJson(nlohmann::json::parse(fsutil::readFile(path)));
}

std::vector<EndpointRecord> EndpointStore::list() const
{
    std::vector<EndpointRecord> out;
    std::error_code ec;
    for (const auto &e : std::filesystem::directory_iterator(m_dir, ec))
        if (e.path().extension() == ".json") {
            try {
                out.push_back(EndpointRecord::fromJson(nlohmann::json::parse(fsutil::readFile(e.path()))));
            } catch (const std::exception &) {
            }
        }
    return out;
}

bool EndpointStore::empty() const
{
    std::error_code ec;
    return !std::filesystem::exists(m_dir, ec) || std::filesystem::is_empty(m_dir, ec);
}

void EndpointStore::save(const EndpointRecord &r) const
{
    fsutil::makeDirs(m_dir, 0700);
    fsutil::writeFileAtomic(m_dir / (r.containerId + ".json"), r.toJson().dump(2) + "\n", m_layout.tmpDir());
}

void EndpointStore::remove(const std::string &containerId) const
{
    std::error_code ec;
    std::filesystem::remove(m_dir / (containerId + ".json"), ec);
}

Json bridgeConfigList(const Network &n)
{
    Json ipam = {{"type", "host-local"},
                 {"ranges", Json::array({Json::array({{{"subnet", n.subnet}, {"gateway", n.gateway}}})})},
                 {"dataDir", "/run/strata/ipam"}};
    if (!n.internal)
        ipam["routes"] = Json::array({{{"dst", "0.0.0.0/0"}}});
    Json bridge = {{"type", "bridge"},      {"bridge", n.bridge},    {"isGateway", true},
                   {"ipMasq", !n.internal}, {"hairpinMode", true},   {"capabilities", {{"ips", true}}},
                   {"ipam", ipam}};
    Json plugins = Json::array({bridge});
    plugins.push_back({{"type", "portmap"}, {"capabilities", {{"portMappings", true}}}, {"snat", true}});
    if (forwardPolicyDrops()) // otherwise FORWARD already accepts: no shared chains to leave behind
        plugins.push_back({{"type", "firewall"}, {"backend", "iptables"}});
    // The name keys host-local's leases and the plugins' chains: the id,
    // unique across store roots sharing this host; the default bridge is one
    // host interface for every store, so it shares one lease pool too.
    const std::string name = n.isDefaultBridge() ? std::string(kDefaultBridge) : "strata-" + n.id.substr(0, 12);
    return Json{{"cniVersion", "1.0.0"}, {"name", name}, {"plugins", plugins}};
}

} // namespace strata::engine::network
