// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/volume/MountPoint.h"

#include <algorithm>
#include <sstream>

namespace strata::engine::volume {
namespace {

std::vector<std::string> splitComma(const std::string &s)
{
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string part; std::getline(in, part, ',');)
        if (!part.empty())
            out.push_back(part);
    return out;
}

std::size_t depth(const std::string &path)
{
    return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')) - (path == "/" ? 1 : 0);
}

} // namespace

std::string cleanPath(const std::string &path)
{
    std::vector<std::string> parts;
    std::stringstream in(path);
    for (std::string part; std::getline(in, part, '/');) {
        if (part.empty() || part == ".")
            continue;
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
            continue;
        }
        parts.push_back(part);
    }
    std::string out;
    for (const auto &p : parts)
        out += "/" + p;
    return out.empty() ? "/" : out;
}

nlohmann::json MountPoint::toRecord() const
{
    return {{"Type", type},           {"Name", name},          {"Source", source},
            {"Destination", destination}, {"Driver", driver},  {"Mode", mode},
            {"RW", rw},               {"Propagation", propagation}, {"Anonymous", anonymous},
            {"CopyData", copyData},   {"CreateSource", createSource}, {"TmpfsOptions", tmpfsOptions},
            {"Hidden", hidden}};
}

MountPoint MountPoint::fromRecord(const nlohmann::json &j)
{
    MountPoint m;
    m.type = j.value("Type", "");
    m.name = j.value("Name", "");
    m.source = j.value("Source", "");
    m.destination = j.value("Destination", "");
    m.driver = j.value("Driver", "");
    m.mode = j.value("Mode", "");
    m.rw = j.value("RW", true);
    m.propagation = j.value("Propagation", "");
    m.anonymous = j.value("Anonymous", false);
    m.copyData = j.value("CopyData", false);
    m.createSource = j.value("CreateSource", false);
    m.tmpfsOptions = j.value("TmpfsOptions", "");
    m.hidden = j.value("Hidden", false);
    return m;
}

nlohmann::ordered_json MountPoint::toInspect() const
{
    // api/types MountPoint: Type, Name and Driver are omitempty.
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["Type"] = type;
    if (!name.empty())
        j["Name"] = name;
    j["Source"] = source;
    j["Destination"] = destination;
    if (!driver.empty())
        j["Driver"] = driver;
    j["Mode"] = mode;
    j["RW"] = rw;
    j["Propagation"] = propagation;
    return j;
}

runtime::MountSpec MountPoint::toRuntime() const
{
    runtime::MountSpec spec;
    spec.destination = destination;
    if (type == "tmpfs") {
        spec.source = "tmpfs";
        spec.type = "tmpfs";
        spec.options = {"noexec", "nosuid", "nodev"};
        for (auto &o : splitComma(tmpfsOptions))
            spec.options.push_back(std::move(o));
    } else {
        spec.source = source;
        spec.type = "bind";
        spec.options = {"rbind", propagation.empty() ? "rprivate" : propagation};
    }
    if (!rw)
        spec.options.emplace_back("ro");
    return spec;
}

std::vector<runtime::MountSpec> toRuntimeMounts(const std::vector<MountPoint> &mounts)
{
    std::vector<const MountPoint *> order;
    for (const auto &m : mounts)
        order.push_back(&m);
    std::stable_sort(order.begin(), order.end(),
                     [](const MountPoint *a, const MountPoint *b) { return depth(a->destination) < depth(b->destination); });
    std::vector<runtime::MountSpec> out;
    for (const auto *m : order)
        out.push_back(m->toRuntime());
    return out;
}

nlohmann::ordered_json inspectMounts(const std::vector<MountPoint> &mounts)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto &m : mounts)
        if (!m.hidden)
            out.push_back(m.toInspect());
    return out;
}

std::vector<std::string> mountDestinations(const std::vector<MountPoint> &mounts)
{
    std::vector<std::string> out;
    for (const auto &m : mounts)
        out.push_back(m.destination);
    return out;
}

} // namespace strata::engine::volume
