// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Freezing a cgroup: v1 writes FROZEN/THAWED to freezer.state and waits
// until the kernel reports the state reached (FREEZING may linger while a
// task is in an uninterruptible sleep); v2 writes 1/0 to cgroup.freeze and
// waits for "frozen 1" in cgroup.events.

#include "engine/runtime/Cgroup.h"

namespace strata::engine::runtime {

// Throws Io when the state is not reached in time (the freeze is undone).
void setCgroupFrozen(const CgroupRef &cg, bool frozen);
[[nodiscard]] bool cgroupIsFrozen(const CgroupRef &cg);

} // namespace strata::engine::runtime
