// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/network/Network.h"

namespace strata::engine::network {

Json Network::toJson() const
{
    return Json{{"Id", id},           {"Name", name},         {"Driver", driver},   {"Created", created},
                {"Subnet", subnet},   {"Gateway", gateway},   {"Bridge", bridge},   {"Internal", internal},
                {"Labels", labels},   {"Options", options}};
}

Network Network::fromJson(const nlohmann::json &j)
{
    Network n;
    n.id = j.value("Id", "");
    n.name = j.value("Name", "");
    n.driver = j.value("Driver", "bridge");
    n.created = j.value("Created", "");
    n.subnet = j.value("Subnet", "");
    n.gateway = j.value("Gateway", "");
    n.bridge = j.value("Bridge", "");
    n.internal = j.value("Internal", false);
    if (auto it = j.find("Labels"); it != j.end() && it->is_object())
        n.labels = it->get<std::map<std::string, std::string>>();
    if (auto it = j.find("Options"); it != j.end() && it->is_object())
        n.options = it->get<std::map<std::string, std::string>>();
    return n;
}

Json inspectJson(const Network &n, const Json &containers)
{
    Json config = Json::array();
    if (!n.subnet.empty())
        config.push_back({{"Subnet", n.subnet}, {"Gateway", n.gateway}});
    Json j = Json::object();
    j["Name"] = n.name;
    j["Id"] = n.id;
    j["Created"] = n.created;
    j["Scope"] = "local";
    j["Driver"] = n.driver;
    j["EnableIPv6"] = false;
    j["IPAM"] = {{"Driver", "default"}, {"Options", n.isBuiltin() ? Json(nullptr) : Json::object()}, {"Config", config}};
    j["Internal"] = n.internal;
    j["Attachable"] = false;
    j["Ingress"] = false;
    j["ConfigFrom"] = {{"Network", ""}};
    j["ConfigOnly"] = false;
    j["Containers"] = containers.is_object() ? containers : Json::object();
    j["Options"] = n.options;
    j["Labels"] = n.labels;
    return j;
}

} // namespace strata::engine::network
