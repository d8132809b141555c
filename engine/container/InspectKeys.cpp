// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/InspectKeys.h"

#include <algorithm>

namespace strata::engine::container {
namespace {

using Json = nlohmann::ordered_json;

Json arr() { return Json::array(); }
Json obj() { return Json::object(); }

} // namespace

// Docker's HostConfig (api/types/container HostConfig with Resources
// embedded between Isolation and Mounts), as `docker run` leaves it.
const std::vector<InspectKey> &hostConfigKeys()
{
    static const std::vector<InspectKey> keys = {
        {"Binds", nullptr},
        {"ContainerIDFile", ""},
        {"LogConfig", {{"Type", "json-file"}, {"Config", obj()}}},
        {"NetworkMode", "default"},
        {"PortBindings", obj()},
        {"RestartPolicy", {{"Name", "no"}, {"MaximumRetryCount", 0}}},
        {"AutoRemove", false},
        {"VolumeDriver", ""},
        {"VolumesFrom", nullptr},
        {"CapAdd", nullptr},
        {"CapDrop", nullptr},
        {"CgroupnsMode", "host"},
        {"Dns", arr()},
        {"DnsOptions", arr()},
        {"DnsSearch", arr()},
        {"ExtraHosts", nullptr},
        {"GroupAdd", nullptr},
        {"IpcMode", "private"},
        {"Cgroup", ""},
        {"Links", nullptr},
        {"OomScoreAdj", 0},
        {"PidMode", ""},
        {"Privileged", false},
        {"PublishAllPorts", false},
        {"ReadonlyRootfs", false},
        {"SecurityOpt", nullptr},
        {"StorageOpt", nullptr, true},
        {"Tmpfs", nullptr, true},
        {"UTSMode", ""},
        {"UsernsMode", ""},
        {"ShmSize", 67108864},
        {"Sysctls", nullptr, true},
        {"Runtime", "runc"},
        {"ConsoleSize", {0, 0}},
        {"Isolation", ""},
        // Resources
        {"CpuShares", 0},
        {"Memory", 0},
        {"NanoCpus", 0},
        {"CgroupParent", ""},
        {"BlkioWeight", 0},
        {"BlkioWeightDevice", arr()},
        {"BlkioDeviceReadBps", nullptr},
        {"BlkioDeviceWriteBps", nullptr},
        {"BlkioDeviceReadIOps", nullptr},
        {"BlkioDeviceWriteIOps", nullptr},
        {"CpuPeriod", 0},
        {"CpuQuota", 0},
        {"CpuRealtimePeriod", 0},
        {"CpuRealtimeRuntime", 0},
        {"CpusetCpus", ""},
        {"CpusetMems", ""},
        {"Devices", arr()},
        {"DeviceCgroupRules", nullptr},
        {"DeviceRequests", nullptr},
        {"KernelMemory", 0},
        {"KernelMemoryTCP", 0},
        {"MemoryReservation", 0},
        {"MemorySwap", 0},
        {"MemorySwappiness", nullptr},
        {"OomKillDisable", false},
        {"PidsLimit", nullptr},
        {"Ulimits", nullptr},
        {"CpuCount", 0},
        {"CpuPercent", 0},
        {"IOMaximumIOps", 0},
        {"IOMaximumBandwidth", 0},
        // after Resources
        {"Mounts", nullptr, true},
        {"MaskedPaths", arr()},
        {"ReadonlyPaths", arr()},
        {"Init", nullptr, true},
    };
    return keys;
}

// NetworkSettings (NetworkSettingsBase + DefaultNetworkSettings + Networks).
const std::vector<InspectKey> &networkSettingsKeys()
{
    static const std::vector<InspectKey> keys = {
        {"Bridge", ""},
        {"SandboxID", ""},
        {"HairpinMode", false},
        {"LinkLocalIPv6Address", ""},
        {"LinkLocalIPv6PrefixLen", 0},
        {"Ports", obj()},
        {"SandboxKey", ""},
        {"SecondaryIPAddresses", nullptr},
        {"SecondaryIPv6Addresses", nullptr},
        {"EndpointID", ""},
        {"Gateway", ""},
        {"GlobalIPv6Address", ""},
        {"GlobalIPv6PrefixLen", 0},
        {"IPAddress", ""},
        {"IPPrefixLen", 0},
        {"IPv6Gateway", ""},
        {"MacAddress", ""},
        {"Networks", obj()},
    };
    return keys;
}

// One entry of NetworkSettings.Networks (network.EndpointSettings).
const std::vector<InspectKey> &endpointSettingsKeys()
{
    static const std::vector<InspectKey> keys = {
        {"IPAMConfig", nullptr},
        {"Links", nullptr},
        {"Aliases", nullptr},
        {"NetworkID", ""},
        {"EndpointID", ""},
        {"Gateway", ""},
        {"IPAddress", ""},
        {"IPPrefixLen", 0},
        {"IPv6Gateway", ""},
        {"GlobalIPv6Address", ""},
        {"GlobalIPv6PrefixLen", 0},
        {"MacAddress", ""},
        {"DriverOpts", nullptr},
    };
    return keys;
}

Json withDockerKeys(const std::vector<InspectKey> &keys, const Json &values)
{
    Json out = Json::object();
    for (const auto &k : keys) {
        if (values.contains(k.name))
            out[k.name] = values[k.name];
        else if (!k.omitEmpty)
            out[k.name] = k.zero;
    }
    for (const auto &[name, value] : values.items()) {
        const bool known = std::any_of(keys.begin(), keys.end(), [&name = name](const InspectKey &k) { return name == k.name; });
        if (!known)
            out[name] = value;
    }
    return out;
}

} // namespace strata::engine::container
