// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/RuntimeSpec.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

namespace strata::engine::runtime {
namespace {

// How runtime.json names Docker's default seccomp profile.
constexpr const char *kDefaultSeccomp = "default";

using nlohmann::json;

json mountToJson(const MountSpec &m)
{
    return json{{"source", m.source}, {"destination", m.destination}, {"type", m.type}, {"options", m.options}};
}

MountSpec mountFromJson(const json &j)
{
    MountSpec m;
    m.source = j.value("source", "");
    m.destination = j.value("destination", "");
    m.type = j.value("type", "bind");
    m.options = j.value("options", std::vector<std::string>{});
    return m;
}

json mappingsToJson(const std::vector<IdMapping> &maps)
{
    json a = json::array();
    for (const auto &m : maps)
        a.push_back({{"containerID", m.containerId}, {"hostID", m.hostId}, {"size", m.size}});
    return a;
}

std::vector<IdMapping> mappingsFromJson(const json &j, const char *key)
{
    std::vector<IdMapping> out;
    if (!j.contains(key))
        return out;
    for (const auto &e : j.at(key))
        out.push_back({e.value("containerID", 0u), e.value("hostID", 0u), e.value("size", 1u)});
    return out;
}

json deviceRulesToJson(const std::vector<security::DeviceRule> &rules)
{
    json out = json::array();
    for (const auto &r : rules)
        out.push_back(r.text());
    return out;
}

std::vector<security::DeviceRule> deviceRulesFromJson(const json &j)
{
    std::vector<security::DeviceRule> out;
    for (const auto &e : j)
        out.push_back(security::DeviceRule::parse(e.get<std::string>()));
    return out;
}

json devicesToJson(const std::vector<security::DeviceNode> &nodes)
{
    json out = json::array();
    for (const auto &n : nodes)
        out.push_back({{"path", n.path}, {"hostPath", n.hostPath}, {"type", std::string(1, n.type)}, {"major", n.major}, {"minor", n.minor},
                       {"fileMode", n.fileMode}, {"uid", n.uid}, {"gid", n.gid}, {"access", n.access}});
    return out;
}

std::vector<security::DeviceNode> devicesFromJson(const json &j)
{
    std::vector<security::DeviceNode> out;
    for (const auto &e : j) {
        security::DeviceNode n;
        n.path = e.at("path").get<std::string>();
        n.hostPath = e.value("hostPath", "");
        n.type = e.value("type", "c") == "b" ? 'b' : 'c';
        n.major = e.value("major", 0u);
        n.minor = e.value("minor", 0u);
        n.fileMode = e.value("fileMode", 0666u);
        n.uid = e.value("uid", 0u);
        n.gid = e.value("gid", 0u);
        n.access = e.value("access", "rwm");
        out.push_back(n);
    }
    return out;
}

} // namespace

json RuntimeSpec::toJson() const
{
    json mountsJson = json::array();
    for (const auto &m : mounts)
        mountsJson.push_back(mountToJson(m));
    return json{
        {"id", id},
        {"args", args},
        {"env", env},
        {"cwd", cwd},
        {"user", user},
        {"tty", tty},
        {"openStdin", openStdin},
        {"stdinOnce", stdinOnce},
        {"consoleSize", {{"rows", consoleRows}, {"cols", consoleCols}}},
        {"hostname", hostname},
        {"rootfs", rootfs.string()},
        {"readonlyRootfs", readonlyRootfs},
        {"mounts", mountsJson},
        {"userNamespace", userNamespace},
        {"uidMappings", mappingsToJson(uidMappings)},
        {"gidMappings", mappingsToJson(gidMappings)},
        {"shareHostNetwork", shareHostNetwork},
        {"netnsPath", netnsPath},
        {"capabilities", capabilities},
        {"maskedPaths", maskedPaths},
        {"readonlyPaths", readonlyPaths},
        {"noNewPrivileges", noNewPrivileges},
        {"cgroupParent", cgroupParent},
        {"deviceRules", deviceRulesToJson(deviceRules)},
        {"privilegedDevices", privilegedDevices},
        {"devices", devicesToJson(devices)},
        // Docker's default profile (most of the file) by name: the shim and
        // the init have it built in, so they need not parse it every start.
        {"seccomp", seccomp == security::defaultSeccompProfile() ? json(kDefaultSeccomp) : seccomp},
        {"limits", {{"memory", limits.memoryBytes}, {"nanoCpus", limits.nanoCpus}, {"pids", limits.pidsLimit}}},
        {"stepGate", stepGate},
    };
}

RuntimeSpec RuntimeSpec::fromJson(const json &j)
{
    try {
        RuntimeSpec s;
        s.id = j.value("id", "");
        s.args = j.value("args", std::vector<std::string>{});
        s.env = j.value("env", std::vector<std::string>{});
        s.cwd = j.value("cwd", "/");
        s.user = j.value("user", "");
        s.tty = j.value("tty", false);
        s.openStdin = j.value("openStdin", false);
        s.stdinOnce = j.value("stdinOnce", false);
        if (j.contains("consoleSize")) {
            s.consoleRows = j["consoleSize"].value("rows", std::uint16_t{0});
            s.consoleCols = j["consoleSize"].value("cols", std::uint16_t{0});
        }
        s.hostname = j.value("hostname", "");
        s.rootfs = j.value("rootfs", "");
        s.readonlyRootfs = j.value("readonlyRootfs", false);
        for (const auto &m : j.value("mounts", json::array()))
            s.mounts.push_back(mountFromJson(m));
        s.userNamespace = j.value("userNamespace", false);
        s.uidMappings = mappingsFromJson(j, "uidMappings");
        s.gidMappings = mappingsFromJson(j, "gidMappings");
        s.shareHostNetwork = j.value("shareHostNetwork", false);
        s.netnsPath = j.value("netnsPath", "");
        s.capabilities = j.value("capabilities", std::vector<std::string>{});
        s.maskedPaths = j.value("maskedPaths", std::vector<std::string>{});
        s.readonlyPaths = j.value("readonlyPaths", std::vector<std::string>{});
        s.noNewPrivileges = j.value("noNewPrivileges", true);
        s.cgroupParent = j.value("cgroupParent", "");
        s.stepGate = j.value("stepGate", false);
        s.privilegedDevices = j.value("privilegedDevices", false);
        if (auto it = j.find("deviceRules"); it != j.end())
            s.deviceRules = deviceRulesFromJson(*it);
        if (auto it = j.find("devices"); it != j.end())
            s.devices = devicesFromJson(*it);
        if (auto it = j.find("limits"); it != j.end() && it->is_object()) {
            s.limits.memoryBytes = it->value("memory", std::int64_t{0});
            s.limits.nanoCpus = it->value("nanoCpus", std::int64_t{0});
            s.limits.pidsLimit = it->value("pids", std::int64_t{0});
        }
        if (auto it = j.find("seccomp"); it != j.end() && *it != kDefaultSeccomp)
            s.seccomp = *it; // else the member's own default, the same profile
        if (s.args.empty())
            throw Error(ErrorCode::InvalidArgument, "runtime spec: no command given");
        return s;
    } catch (const json::exception &e) {
        throw Error(ErrorCode::InvalidArgument, std::string("runtime spec: ") + e.what());
    }
}

RuntimeSpec RuntimeSpec::load(const std::filesystem::path &bundleDir)
{
    const auto path = bundleDir / "runtime.json";
    json j = json::parse(fsutil::readFile(path), nullptr, false);
    if (j.is_discarded())
        throw Error(ErrorCode::InvalidArgument, path.string() + ": not valid JSON");
    return withErrorContext(path.string(), [&] { return fromJson(j); });
}

void RuntimeSpec::save(const std::filesystem::path &bundleDir) const
{
    fsutil::writeFileReplace(bundleDir / "runtime.json", toJson().dump() + "\n"); // compact: read by programs
}

// Checked against moby oci/caps/defaults.go and oci/defaults.go (Docker
// 20.10): the same 14 capabilities and the same masked/read-only lists.
std::vector<std::string> dockerDefaultCapabilities()
{
    return {"CAP_CHOWN",  "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",      "CAP_MKNOD",
            "CAP_NET_RAW", "CAP_SETGID",      "CAP_SETUID",           "CAP_SETFCAP",     "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"};
}

std::vector<std::string> dockerDefaultMaskedPaths()
{
    return {"/proc/asound",     "/proc/acpi",        "/proc/kcore",       "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/proc/scsi",       "/sys/firmware"};
}

std::vector<std::string> dockerDefaultReadonlyPaths()
{
    return {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"};
}

const char *defaultPath()
{
    return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

} // namespace strata::engine::runtime
