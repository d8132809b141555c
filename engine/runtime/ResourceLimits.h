// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Docker's --memory, --cpus and --pids-limit: parsed from the flags' text
// here, and written into the container's cgroups by the shim:
//   - cgroup v1 (the hybrid hosts here): one cgroup per controller,
//     <memory|cpu|pids>/<parent>/<id>: memory.limit_in_bytes,
//     cpu.cfs_period_us + cpu.cfs_quota_us, pids.max;
//   - cgroup v2: memory.max, cpu.max ("quota period"), pids.max in the
//     container's cgroup, after enabling the controllers in its parents'
//     cgroup.subtree_control.
// A limit the kernel cannot take fails the start: a limit that silently
// does not hold would teach the wrong thing.

#include "engine/runtime/Cgroup.h"

#include <cstdint>
#include <string>
#include <vector>

namespace strata::engine::runtime {

struct ResourceLimits {
    std::int64_t memoryBytes = 0; // 0 = unlimited
    std::int64_t nanoCpus = 0;    // 1e9 = one CPU; 0 = unlimited
    std::int64_t pidsLimit = 0;   // <= 0 = unlimited
    [[nodiscard]] bool any() const { return memoryBytes > 0 || nanoCpus > 0 || pidsLimit > 0; }
};

inline constexpr std::int64_t kCpuPeriodUs = 100000; // Docker's CFS period with --cpus

// "512m", "1g", "100000", "64k" (Docker's RAMInBytes: b, k, m, g, t, p;
// an optional trailing "b"); at least 6 MiB, as Docker requires. Throws
// InvalidArgument naming the value.
[[nodiscard]] std::int64_t parseMemoryBytes(const std::string &text);
// "1.5" -> 1500000000; 0.01 .. the host's CPU count. Throws InvalidArgument.
[[nodiscard]] std::int64_t parseNanoCpus(const std::string &text);

// Makes the cgroups and writes the limits; returns the directories every
// process of the container must join (v1 controller cgroups; empty for v2,
// where `v2Cgroup`, the container's cgroup, holds them). Throws
// Unsupported naming the controller when a limit cannot be set.
[[nodiscard]] std::vector<std::string> applyResourceLimits(const ResourceLimits &limits, const std::string &parent,
                                                           const std::string &id, const CgroupRef &v2Cgroup);

// rmdir of each (retried while the last processes exit).
void removeLimitCgroups(const std::vector<std::string> &dirs);

} // namespace strata::engine::runtime
