// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the runtime is asked to run at a start, from the container's record:
// the command and its environment, the rootfs and the init layer's bind
// mounts, and the security settings (capabilities, masked paths, seccomp,
// devices and their cgroup rules, limits). Volume mounts are added by the
// caller once they are prepared.

#include "engine/container/ContainerRecord.h"
#include "engine/runtime/RuntimeSpec.h"
#include "engine/security/DevicePolicy.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace strata::engine::container {

struct StartSpecInput {
    std::filesystem::path containerDir;
    std::filesystem::path rootfs;                 // the mounted union
    std::vector<security::DeviceNode> devices;    // --device, resolved on the host at start
    std::uint16_t rows = 0, cols = 0;             // initial pty size
    bool stepGate = false;                        // the engine has a step gate
};

[[nodiscard]] runtime::RuntimeSpec startSpecOf(const Record &r, const StartSpecInput &in);

} // namespace strata::engine::container
