// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/volume/ContainerMounts.h"

namespace strata::engine::volume {
namespace {

nlohmann::ordered_json stringsOrNull(const std::vector<std::string> &v)
{
    return v.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v);
}

} // namespace

nlohmann::json ContainerMounts::toRecord() const
{
    nlohmann::json points_ = nlohmann::json::array();
    for (const auto &p : points)
        points_.push_back(p.toRecord());
    return {{"MountPoints", points_}, {"Binds", binds},           {"Mounts", mounts},
            {"Tmpfs", tmpfs},         {"VolumesFrom", volumesFrom}, {"ConfigVolumes", configVolumes}};
}

ContainerMounts ContainerMounts::fromRecord(const nlohmann::json &j)
{
    ContainerMounts c;
    if (!j.is_object())
        return c;
    for (const auto &p : j.value("MountPoints", nlohmann::json::array()))
        c.points.push_back(MountPoint::fromRecord(p));
    c.binds = j.value("Binds", std::vector<std::string>{});
    c.mounts = j.value("Mounts", nlohmann::json::array());
    c.tmpfs = j.value("Tmpfs", std::map<std::string, std::string>{});
    c.volumesFrom = j.value("VolumesFrom", std::vector<std::string>{});
    c.configVolumes = j.value("ConfigVolumes", std::vector<std::string>{});
    return c;
}

void ContainerMounts::addToInspect(nlohmann::ordered_json &config, nlohmann::ordered_json &hostConfig) const
{
    if (!configVolumes.empty()) {
        nlohmann::ordered_json vols = nlohmann::ordered_json::object();
        for (const auto &d : configVolumes)
            vols[d] = nlohmann::ordered_json::object();
        config["Volumes"] = vols;
    } else if (!config.contains("Volumes")) {
        config["Volumes"] = nullptr;
    }
    hostConfig["Binds"] = stringsOrNull(binds);
    if (!mounts.empty())
        hostConfig["Mounts"] = mounts;
    if (!tmpfs.empty())
        hostConfig["Tmpfs"] = tmpfs;
    hostConfig["VolumesFrom"] = stringsOrNull(volumesFrom);
}

std::vector<std::string> ContainerMounts::volumeNames() const
{
    std::vector<std::string> out;
    for (const auto &p : points)
        if (p.type == "volume" && !p.name.empty())
            out.push_back(p.name);
    return out;
}

std::vector<std::string> ContainerMounts::anonymousVolumeNames() const
{
    std::vector<std::string> out;
    for (const auto &p : points)
        if (p.type == "volume" && p.anonymous)
            out.push_back(p.name);
    return out;
}

} // namespace strata::engine::volume
