// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerRecord.h"

namespace strata::engine::container {
namespace {

std::string timeOrZero(const std::string &t)
{
    return t.empty() ? kZeroTime : t;
}

std::string timeFromJson(const nlohmann::json &j, const char *key)
{
    const std::string t = j.value(key, "");
    return t == kZeroTime ? std::string() : t;
}

std::vector<std::string> strings(const nlohmann::json &j, const char *key)
{
    std::vector<std::string> out;
    if (auto it = j.find(key); it != j.end() && it->is_array())
        for (const auto &v : *it)
            out.push_back(v.get<std::string>());
    return out;
}

Json stringsOrNull(const std::vector<std::string> &v)
{
    return v.empty() ? Json(nullptr) : Json(v);
}

Json stateJson(const State &s)
{
    Json j = Json::object();
    j["Status"] = toString(s.status);
    j["Running"] = s.running();
    j["Paused"] = s.paused();
    j["Restarting"] = s.status == Status::Restarting;
    j["OOMKilled"] = s.oomKilled;
    j["RemovalInProgress"] = s.status == Status::Removing;
    j["Dead"] = s.status == Status::Dead;
    j["Pid"] = s.pid;
    j["ExitCode"] = s.exitCode;
    j["Error"] = s.error;
    j["StartedAt"] = timeOrZero(s.startedAt);
    j["FinishedAt"] = timeOrZero(s.finishedAt);
    return j;
}

State stateFromJson(const nlohmann::json &j)
{
    State s;
    s.status = statusFromString(j.value("Status", "created"));
    s.pid = j.value("Pid", 0);
    s.exitCode = j.value("ExitCode", 0);
    s.error = j.value("Error", "");
    s.startedAt = timeFromJson(j, "StartedAt");
    s.finishedAt = timeFromJson(j, "FinishedAt");
    s.oomKilled = j.value("OOMKilled", false);
    return s;
}

Json configJson(const Config &c)
{
    Json j = Json::object();
    j["Hostname"] = c.hostname;
    j["Domainname"] = c.domainname;
    j["User"] = c.user;
    j["AttachStdin"] = c.attachStdin;
    j["AttachStdout"] = c.attachStdout;
    j["AttachStderr"] = c.attachStderr;
    if (!c.exposedPorts.empty())
        j["ExposedPorts"] = c.exposedPorts; // Docker's place for it, omitted when empty
    j["Tty"] = c.tty;
    j["OpenStdin"] = c.openStdin;
    j["StdinOnce"] = c.stdinOnce;
    j["Env"] = stringsOrNull(c.env);
    j["Cmd"] = stringsOrNull(c.cmd);
    j["Image"] = c.image;
    Json volumes = nullptr;
    if (!c.volumes.empty()) {
        volumes = Json::object();
        for (const auto &v : c.volumes)
            volumes[v] = Json::object();
    }
    j["Volumes"] = volumes;
    j["WorkingDir"] = c.workingDir;
    j["Entrypoint"] = c.entrypoint.empty() ? Json(nullptr) : Json(c.entrypoint);
    j["OnBuild"] = nullptr;
    Json labels = Json::object();
    for (const auto &[k, v] : c.labels)
        labels[k] = v;
    j["Labels"] = labels;
    return j;
}

Config configFromJson(const nlohmann::json &j)
{
    Config c;
    c.hostname = j.value("Hostname", "");
    c.domainname = j.value("Domainname", "");
    c.user = j.value("User", "");
    c.attachStdin = j.value("AttachStdin", false);
    c.attachStdout = j.value("AttachStdout", false);
    c.attachStderr = j.value("AttachStderr", false);
    c.tty = j.value("Tty", false);
    c.openStdin = j.value("OpenStdin", false);
    c.stdinOnce = j.value("StdinOnce", false);
    c.env = strings(j, "Env");
    c.cmd = strings(j, "Cmd");
    c.entrypoint = strings(j, "Entrypoint");
    c.image = j.value("Image", "");
    c.workingDir = j.value("WorkingDir", "");
    if (auto it = j.find("Labels"); it != j.end() && it->is_object())
        for (const auto &[k, v] : it->items())
            c.labels[k] = v.get<std::string>();
    if (auto it = j.find("Volumes"); it != j.end() && it->is_object())
        for (const auto &[k, v] : it->items())
            c.volumes.push_back(k);
    if (auto it = j.find("ExposedPorts"); it != j.end() && it->is_object())
        c.exposedPorts = *it;
    return c;
}

// Docker's HostConfig.Devices: [] when none.
Json devicesJson(const std::vector<security::DeviceMapping> &devices)
{
    Json out = Json::array();
    for (const auto &d : devices)
        out.push_back({{"PathOnHost", d.pathOnHost},
                       {"PathInContainer", d.pathInContainer},
                       {"CgroupPermissions", d.cgroupPermissions}});
    return out;
}

Json hostConfigJson(const HostConfig &h)
{
    Json j = Json::object();
    j["Binds"] = stringsOrNull(h.binds);
    if (!h.mounts.empty())
        j["Mounts"] = h.mounts;
    if (!h.tmpfs.empty())
        j["Tmpfs"] = h.tmpfs;
    j["VolumesFrom"] = stringsOrNull(h.volumesFrom);
    j["LogConfig"] = {{"Type", h.logType}, {"Config", Json::object()}};
    j["NetworkMode"] = h.networkMode;
    j["PortBindings"] = h.portBindings;
    j["PublishAllPorts"] = h.publishAllPorts;
    j["AutoRemove"] = h.autoRemove;
    j["CapAdd"] = stringsOrNull(h.capAdd);
    j["CapDrop"] = stringsOrNull(h.capDrop);
    j["Devices"] = devicesJson(h.devices);
    j["SecurityOpt"] = stringsOrNull(h.securityOpt);
    j["Memory"] = h.memory;
    j["NanoCpus"] = h.nanoCpus;
    j["PidsLimit"] = h.pidsLimit > 0 ? Json(h.pidsLimit) : Json(nullptr);
    j["Privileged"] = h.privileged;
    j["ReadonlyRootfs"] = h.readonlyRootfs;
    j["MaskedPaths"] = h.maskedPaths;
    j["ReadonlyPaths"] = h.readonlyPaths;
    return j;
}

HostConfig hostConfigFromJson(const nlohmann::json &j)
{
    HostConfig h;
    h.binds = strings(j, "Binds");
    if (auto it = j.find("Mounts"); it != j.end() && it->is_array())
        h.mounts = *it;
    if (auto it = j.find("Tmpfs"); it != j.end() && it->is_object())
        h.tmpfs = it->get<std::map<std::string, std::string>>();
    h.volumesFrom = strings(j, "VolumesFrom");
    h.networkMode = j.value("NetworkMode", "default");
    if (auto it = j.find("PortBindings"); it != j.end() && it->is_object())
        h.portBindings = *it;
    h.publishAllPorts = j.value("PublishAllPorts", false);
    h.autoRemove = j.value("AutoRemove", false);
    h.capAdd = strings(j, "CapAdd");
    h.capDrop = strings(j, "CapDrop");
    h.securityOpt = strings(j, "SecurityOpt");
    h.memory = j.value("Memory", std::int64_t{0});
    h.nanoCpus = j.value("NanoCpus", std::int64_t{0});
    if (auto it = j.find("PidsLimit"); it != j.end() && it->is_number_integer())
        h.pidsLimit = it->get<std::int64_t>();
    if (auto it = j.find("Devices"); it != j.end() && it->is_array())
        for (const auto &d : *it)
            h.devices.push_back({d.value("PathOnHost", ""), d.value("PathInContainer", ""),
                                 d.value("CgroupPermissions", "rwm")});
    h.privileged = j.value("Privileged", false);
    h.readonlyRootfs = j.value("ReadonlyRootfs", false);
    h.maskedPaths = strings(j, "MaskedPaths");
    h.readonlyPaths = strings(j, "ReadonlyPaths");
    if (auto it = j.find("LogConfig"); it != j.end() && it->is_object())
        h.logType = it->value("Type", "json-file");
    return h;
}

} // namespace

Json Record::toJson() const
{
    Json j = Json::object();
    j["State"] = stateJson(state);
    j["ID"] = id;
    j["Created"] = created;
    j["Managed"] = false;
    j["Path"] = path;
    j["Args"] = args;
    j["Config"] = configJson(config);
    j["Image"] = image;
    j["Name"] = name;
    j["Driver"] = driver;
    j["OS"] = "linux";
    j["RestartCount"] = restartCount;
    j["HasBeenStartedBefore"] = hasBeenStartedBefore;
    j["HasBeenManuallyStopped"] = hasBeenManuallyStopped;
    Json mp = Json::object();
    for (const auto &m : mounts)
        mp[m.destination] = m.toRecord();
    j["MountPoints"] = mp;
    j["HostConfig"] = hostConfigJson(hostConfig);
    j["NetworkSettings"] = {{"Networks", networks}};
    return j;
}

Record Record::fromJson(const nlohmann::json &j)
{
    Record r;
    r.state = stateFromJson(j.value("State", nlohmann::json::object()));
    r.id = j.value("ID", "");
    r.created = j.value("Created", "");
    r.path = j.value("Path", "");
    r.args = strings(j, "Args");
    r.config = configFromJson(j.value("Config", nlohmann::json::object()));
    r.config.entrypointSet = !r.config.entrypoint.empty();
    r.image = j.value("Image", "");
    r.name = j.value("Name", "");
    r.driver = j.value("Driver", "");
    r.restartCount = j.value("RestartCount", 0);
    r.hasBeenStartedBefore = j.value("HasBeenStartedBefore", false);
    r.hasBeenManuallyStopped = j.value("HasBeenManuallyStopped", false);
    if (auto it = j.find("MountPoints"); it != j.end() && it->is_object())
        for (const auto &[k, v] : it->items())
            r.mounts.push_back(MountPoint::fromRecord(v));
    r.hostConfig = hostConfigFromJson(j.value("HostConfig", nlohmann::json::object()));
    if (auto it = j.find("NetworkSettings"); it != j.end() && it->is_object() && it->contains("Networks") &&
        (*it)["Networks"].is_object())
        r.networks = (*it)["Networks"];
    return r;
}

} // namespace strata::engine::container
