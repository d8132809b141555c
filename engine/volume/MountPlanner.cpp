// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/volume/MountPlanner.h"

#include "engine/Error.h"

#include <algorithm>
#include <map>

namespace strata::engine::volume {
namespace {

// A mount point waiting for its volume: `volumeToMake` says which request
// creates it (named, when missing, or anonymous).
struct Pending {
    MountPoint point;
    bool needsVolume = false;
    CreateVolumeRequest volumeRequest;
};

bool readWrite(const std::string &mode)
{
    std::string word;
    for (std::size_t i = 0; i <= mode.size(); ++i) {
        if (i == mode.size() || mode[i] == ',') {
            if (word == "ro")
                return false;
            word.clear();
        } else {
            word += mode[i];
        }
    }
    return true;
}

nlohmann::json dockerMountObject(const MountRequest &r)
{
    // api/types/mount.Mount as the CLI sends it.
    nlohmann::json j = {{"Type", r.type}};
    if (!r.source.empty())
        j["Source"] = r.source;
    j["Target"] = r.destination;
    if (r.readOnly)
        j["ReadOnly"] = true;
    if (r.type == "bind" && r.propagation != "rprivate")
        j["BindOptions"] = {{"Propagation", r.propagation}};
    if (r.type == "volume" && (r.labels || r.driverOptions || !r.driver.empty() || !r.copyData)) {
        nlohmann::json v = nlohmann::json::object();
        if (!r.copyData)
            v["NoCopy"] = true;
        if (r.labels)
            v["Labels"] = *r.labels;
        nlohmann::json d = nlohmann::json::object();
        if (!r.driver.empty())
            d["Name"] = r.driver;
        if (r.driverOptions)
            d["Options"] = *r.driverOptions;
        v["DriverConfig"] = d;
        j["VolumeOptions"] = v;
    }
    if (r.type == "tmpfs" && !r.tmpfsOptions.empty())
        j["TmpfsOptions"] = nlohmann::json::object();
    return j;
}

Pending pendingFor(const MountRequest &r, const VolumeStore &store)
{
    Pending p;
    MountPoint &m = p.point;
    m.type = r.type;
    m.destination = r.destination;
    m.rw = !r.readOnly;
    m.mode = r.origin == MountOrigin::VolumeFlag ? r.mode : "";
    if (r.type == "bind") {
        m.source = r.source;
        m.propagation = r.propagation;
        m.createSource = r.origin == MountOrigin::VolumeFlag;
    } else if (r.type == "volume") {
        m.driver = kLocalDriver;
        m.copyData = r.copyData;
        m.anonymous = r.source.empty();
        VolumeStore::validateDriver(r.driver);
        if (!m.anonymous)
            VolumeStore::validateName(r.source);
        if (m.anonymous || !store.find(r.source)) {
            p.needsVolume = true;
            p.volumeRequest = {r.source, r.driver, r.labels, r.driverOptions};
        } else {
            const Volume v = store.get(r.source);
            m.name = v.name;
            m.source = v.mountpoint.string();
        }
    } else {
        m.tmpfsOptions = r.tmpfsOptions;
        m.hidden = r.origin == MountOrigin::TmpfsFlag;
    }
    return p;
}

[[noreturn]] void duplicate(const std::string &destination)
{
    throw Error(ErrorCode::InvalidArgument, "Duplicate mount point: " + destination);
}

} // namespace

ParsedMountFlags parseMountFlags(const MountFlags &flags)
{
    ParsedMountFlags p;
    for (const auto &v : flags.volumes)
        p.volumes.push_back(parseVolumeFlag(v));
    for (const auto &m : flags.mounts)
        p.mounts.push_back(parseMountFlag(m));
    for (const auto &t : flags.tmpfs)
        p.tmpfs.push_back(parseTmpfsFlag(t));
    for (const auto &f : flags.volumesFrom)
        p.volumesFrom.push_back(parseVolumesFrom(f));
    p.rawVolumesFrom = flags.volumesFrom;
    return p;
}

ContainerMounts planMounts(const ParsedMountFlags &flags, const MountPlanContext &ctx)
{
    if (!ctx.volumes)
        throw Error(ErrorCode::Internal, "planMounts without a volume store");
    VolumeStore &store = *ctx.volumes;
    ContainerMounts result;
    std::vector<Pending> plan;
    std::map<std::string, std::size_t> at; // destination -> index in plan

    auto put = [&](Pending p) {
        const std::string dest = p.point.destination;
        if (auto it = at.find(dest); it != at.end())
            plan[it->second] = std::move(p);
        else {
            at[dest] = plan.size();
            plan.push_back(std::move(p));
        }
    };

    // 1. --volumes-from
    for (const auto &from : flags.volumesFrom) {
        if (!ctx.containerMounts)
            throw Error(ErrorCode::NotFound, "No such container: " + from.container);
        for (MountPoint m : ctx.containerMounts(from.container)) {
            if (m.hidden)
                continue;
            m.rw = m.rw && readWrite(from.mode);
            m.mode = "";
            m.copyData = false;
            m.createSource = false;
            put(Pending{m, false, {}});
        }
    }
    result.volumesFrom = flags.rawVolumesFrom;

    // 2. -v with a source (HostConfig.Binds) and --mount (HostConfig.Mounts)
    std::map<std::string, bool> userMounted;
    for (const auto &r : flags.volumes) {
        if (r.source.empty())
            continue;
        if (userMounted[r.destination])
            duplicate(r.destination);
        userMounted[r.destination] = true;
        put(pendingFor(r, store));
        result.binds.push_back(r.raw);
    }
    for (const auto &r : flags.mounts) {
        if (userMounted[r.destination])
            duplicate(r.destination);
        userMounted[r.destination] = true;
        put(pendingFor(r, store));
        result.mounts.push_back(dockerMountObject(r));
    }
    // 3. --tmpfs
    for (const auto &r : flags.tmpfs) {
        if (userMounted[r.destination])
            duplicate(r.destination);
        userMounted[r.destination] = true;
        put(pendingFor(r, store));
        result.tmpfs[r.destination] = r.tmpfsOptions;
    }
    // 4. anonymous -v, then the image's VOLUMEs, where nothing is mounted
    std::vector<std::string> anonymous;
    for (const auto &r : flags.volumes)
        if (r.source.empty())
            anonymous.push_back(r.destination);
    for (const auto &v : ctx.imageVolumes)
        anonymous.push_back(cleanPath(v));
    for (const auto &dest : anonymous) {
        if (std::find(result.configVolumes.begin(), result.configVolumes.end(), dest) == result.configVolumes.end())
            result.configVolumes.push_back(dest);
        if (at.count(dest))
            continue;
        MountRequest r;
        r.type = "volume";
        r.destination = dest;
        put(pendingFor(r, store));
    }

    // Everything is valid: make the volumes, undoing them all on failure.
    std::vector<std::string> made;
    try {
        for (auto &p : plan) {
            if (!p.needsVolume)
                continue;
            const bool existed = !p.volumeRequest.name.empty() && store.find(p.volumeRequest.name);
            const Volume v = store.create(p.volumeRequest);
            if (!existed)
                made.push_back(v.name);
            p.point.name = v.name;
            p.point.source = v.mountpoint.string();
        }
    } catch (...) {
        for (const auto &name : made) {
            try {
                store.remove(name, true);
            } catch (...) {
            }
        }
        throw;
    }
    for (auto &p : plan)
        result.points.push_back(std::move(p.point));
    result.createdVolumes = made;
    return result;
}

} // namespace strata::engine::volume
