// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the runtime needs to start one container process, as plain data that
// the engine writes to <container dir>/runtime.json and the `strata-shim`
// reads. The shim (like conmon / containerd-shim) outlives the CLI: it sets
// up the namespaces, becomes the parent of the container's PID 1, captures
// its output to log.json and records how it exited in shim-state.json.

#include "engine/runtime/ResourceLimits.h"
#include "engine/security/DevicePolicy.h"
#include "engine/security/SeccompProfile.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace strata::engine::runtime {

struct MountSpec {
    std::string source;      // host path (bind), or "tmpfs"/"proc"/...
    std::string destination; // absolute path inside the container
    std::string type;        // "bind", "tmpfs", "proc", ...
    std::vector<std::string> options; // "ro", "nosuid", "mode=1777", "size=64m", "rbind" ...
};

// One line of /proc/<pid>/uid_map or gid_map: the `size` ids from
// `containerId` inside the user namespace are the ids from `hostId` outside.
struct IdMapping {
    std::uint32_t containerId = 0;
    std::uint32_t hostId = 0;
    std::uint32_t size = 1;
};

struct RuntimeSpec {
    std::string id;                // container id: names the cgroup; empty = the bundle dir's name

    // Process
    std::vector<std::string> args; // argv; args[0] resolved through PATH inside the rootfs
    std::vector<std::string> env;  // "K=V"
    std::string cwd = "/";
    std::string user;              // "", "name", "uid", "uid:gid", "name:group" (resolved in the rootfs)
    bool tty = false;              // allocate a pty; its master is served on attach.sock
    bool openStdin = false;        // -i: keep stdin open (served on attach.sock)
    bool stdinOnce = false;        // close the container's stdin when the first attached client's ends
    std::uint16_t consoleRows = 0; // initial pty size (0: leave the kernel's default)
    std::uint16_t consoleCols = 0;
    std::string hostname;

    // Filesystem
    std::filesystem::path rootfs;  // the merged union dir, already mounted (or materialised)
    bool readonlyRootfs = false;
    std::vector<MountSpec> mounts; // after /proc,/dev,... and before pivot_root, in order

    // Isolation
    bool userNamespace = false;    // rootless: map the caller's uid to 0
    std::vector<IdMapping> uidMappings; // with userNamespace; empty = "0 <caller uid> 1"
    std::vector<IdMapping> gidMappings; // with userNamespace; empty = "0 <caller gid> 1"
    bool shareHostNetwork = false; // --network host; otherwise a new netns with lo up
    std::string netnsPath;         // join this network namespace (made and configured by the engine) instead
    std::vector<std::string> capabilities; // "CAP_CHOWN", ... (bounding = permitted = effective)
    std::vector<std::string> maskedPaths;
    std::vector<std::string> readonlyPaths;
    bool noNewPrivileges = true;
    std::string cgroupParent;      // where the shim makes the container's cgroup (freezer); "" = "strata"
    // The device allow list the kernel enforces (root mode; see
    // security/DeviceCgroup.h) and the --device nodes made in the container.
    std::vector<security::DeviceRule> deviceRules = security::dockerDefaultDeviceRules();
    bool privilegedDevices = false; // every device, no device cgroup (Docker's --privileged)
    std::vector<security::DeviceNode> devices;
    ResourceLimits limits;         // --memory, --cpus, --pids-limit
    // The seccomp profile (Docker's JSON format) loaded just before exec, in
    // the init and in every exec'd process; null = unconfined.
    nlohmann::json seccomp = security::defaultSeccompProfile();

    // Teaching: stop after each start phase until the engine acknowledges
    // (see Runtime.h, StartOptions::onPhase).
    bool stepGate = false;

    [[nodiscard]] nlohmann::json toJson() const;
    static RuntimeSpec fromJson(const nlohmann::json &j);
    // Reads <bundleDir>/runtime.json.
    static RuntimeSpec load(const std::filesystem::path &bundleDir);
    // Writes <bundleDir>/runtime.json atomically.
    void save(const std::filesystem::path &bundleDir) const;
};

// Docker's defaults (moby oci/caps/defaults.go, oci/defaults.go).
[[nodiscard]] std::vector<std::string> dockerDefaultCapabilities();
[[nodiscard]] std::vector<std::string> dockerDefaultMaskedPaths();
[[nodiscard]] std::vector<std::string> dockerDefaultReadonlyPaths();
// PATH Docker puts in a container's environment when the image sets none.
[[nodiscard]] const char *defaultPath();

} // namespace strata::engine::runtime
