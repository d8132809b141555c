// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which device nodes a container may create (mknod) and open, as Docker's
// default has it: every node may be *made*, but only null, zero, full,
// random, urandom, tty, console, ptmx and the pts slaves may be *opened*,
// plus what `--device` adds. The kernel enforces the rules through the
// cgroup v1 `devices` controller or a cgroup v2 BPF device program
// (DeviceCgroup.h); the rules here are plain data.

#include <cstdint>
#include <string>
#include <vector>

namespace strata::engine::security {

inline constexpr std::int64_t kAnyNumber = -1; // "*" in a rule

struct DeviceRule {
    char type = 'a';                 // 'c' char, 'b' block, 'a' all
    std::int64_t major = kAnyNumber;
    std::int64_t minor = kAnyNumber;
    std::string access = "rwm";      // subset of "rwm"

    // The devices.allow line: "c 1:3 rwm", "c 136:* rwm", "a *:* rwm".
    [[nodiscard]] std::string text() const;
    // Parses text(); throws InvalidArgument naming the rule.
    static DeviceRule parse(const std::string &text);
    bool operator==(const DeviceRule &) const = default;
};

// Docker 20.10's default allow list (moby oci/defaults.go + daemon's
// DefaultLinuxSpec): "c *:* m", "b *:* m", then rwm for the listed nodes.
[[nodiscard]] std::vector<DeviceRule> dockerDefaultDeviceRules();

// `--device HOST[:CTR[:rwm]]`, as Docker's HostConfig.Devices keeps it.
struct DeviceMapping {
    std::string pathOnHost;
    std::string pathInContainer;
    std::string cgroupPermissions = "rwm";
    bool operator==(const DeviceMapping &) const = default;
};

// Throws InvalidArgument naming the value when it is malformed (empty host
// path, relative container path, permissions not a subset of "rwm").
[[nodiscard]] DeviceMapping parseDeviceFlag(const std::string &value);

// A host device node resolved for the container: its type and numbers are
// read from the host at start (stat), so the rule matches the real node.
struct DeviceNode {
    std::string path;   // inside the container
    std::string hostPath; // bound from here where mknod is refused (user namespace)
    char type = 'c';    // 'c' or 'b'
    std::uint32_t major = 0;
    std::uint32_t minor = 0;
    std::uint32_t fileMode = 0666;
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::string access = "rwm";
};

// stat()s mapping.pathOnHost; throws InvalidArgument when it is not a
// character or block device ("error gathering device information" in
// Docker's words).
[[nodiscard]] DeviceNode resolveDevice(const DeviceMapping &mapping);

} // namespace strata::engine::security
