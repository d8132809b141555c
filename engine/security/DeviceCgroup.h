// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Makes the kernel enforce a device allow list (DevicePolicy.h) for every
// process of a container:
//   - cgroup v1: a cgroup under the `devices` controller
//     (/sys/fs/cgroup/devices/<parent>/<id>): "a" written to devices.deny,
//     then each rule to devices.allow;
//   - cgroup v2: a BPF_PROG_TYPE_CGROUP_DEVICE program, built from the rules
//     here, attached to the container's cgroup2 directory.
// A root-mode container is refused when neither can be set: it would be
// able to open every host device it can mknod.

#include "engine/security/DevicePolicy.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace strata::engine::security {

struct DeviceCgroup {
    std::string path; // v1: the devices cgroup made for the container; v2: the cgroup the program is attached to
    int version = 0;  // 0 = none
    int programFd = -1; // v2: the loaded program (kept open until the cgroup goes)
    [[nodiscard]] bool valid() const { return version != 0; }
};

// v1: makes <devices>/<parent>/<id> and writes the rules. v2 (when
// `cgroup2Dir` is a cgroup2 directory the container is put in): loads and
// attaches the program. Throws Error(Unsupported) with the reasons of both
// attempts when neither works.
[[nodiscard]] DeviceCgroup enforceDeviceRules(const std::vector<DeviceRule> &rules, const std::string &parent,
                                              const std::string &id, const std::string &cgroup2Dir);

// The v2 half alone: loads the rules as a program and attaches it to
// `cgroup2Dir` (BPF_F_ALLOW_MULTI). Throws Error(Unsupported) with the
// kernel's reason.
[[nodiscard]] DeviceCgroup attachDeviceProgram(const std::vector<DeviceRule> &rules, const std::string &cgroup2Dir);

// v1: rmdir (after the last process left); v2: closes the program fd.
void releaseDeviceCgroup(DeviceCgroup &cg);

// The rules as a BPF device program's instructions count (for tests: the
// program is rebuilt each time; 0 when `rules` cannot be expressed).
[[nodiscard]] size_t deviceProgramLength(const std::vector<DeviceRule> &rules);

} // namespace strata::engine::security
