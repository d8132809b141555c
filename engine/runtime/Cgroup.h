// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The container's own cgroup, made by the shim for one purpose: freezing
// (pause/unpause) and listing every process of the container, exec'd ones
// included. Which hierarchy:
//   - cgroup v1 with a freezer controller (/sys/fs/cgroup/freezer, as on the
//     hybrid hosts here): <freezer>/<parent>/<id>, freezer.state;
//   - otherwise cgroup v2 (unified /sys/fs/cgroup, or the hybrid's
//     /sys/fs/cgroup/unified): <root>/<parent>/<id>, cgroup.freeze.
// Without permission (rootless) there is none and pause falls back to
// SIGSTOP (Freezer.h).

#include "engine/runtime/Fd.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace strata::engine::runtime {

struct CgroupRef {
    std::string path; // the container's cgroup directory; "" = none
    int version = 0;  // 1 or 2; 0 = none
    [[nodiscard]] bool valid() const { return !path.empty(); }
};

// Where a freezer could be made, without making anything: {mount point of
// the hierarchy, version}, or version 0 when none is usable (not mounted,
// not writable).
[[nodiscard]] CgroupRef findFreezerHierarchy();

// Creates <hierarchy>/<parent>/<id> ("strata" when parent is empty). Returns
// an invalid ref, not an error, when the kernel refuses: the container runs
// without a freezer cgroup. `why` receives the reason then.
[[nodiscard]] CgroupRef createContainerCgroup(const std::string &parent, const std::string &id, std::string *why);

// Moves `pid` (all its threads) into the cgroup. Throws Io.
void addProcessToCgroup(const CgroupRef &cg, pid_t pid);

// A cgroup v1 directory's `tasks` file, opened by a parent (the shim, an
// exec's relay) for a single-threaded child that moves itself in. Writing
// a pid to cgroup.procs or tasks takes the global cgroup_threadgroup_rwsem
// for writing, which waits for an RCU grace period (5-20 ms here); since
// Linux 5.19 a thread that writes "0" (itself) to `tasks` skips that lock
// (0.04 ms). In a single-threaded process that thread is the whole process.
// The kernel checks the permission against who opened the file, so the
// child may already be in its user namespace.
struct SelfJoin {
    UniqueFd tasks;
    std::string file; // for errors
};

// Opens <dir>/tasks for writing (close-on-exec). Throws Io naming it.
[[nodiscard]] SelfJoin openSelfJoin(const std::string &dir);

// In the process to be moved (single-threaded): writes "0". Throws Io
// naming the file.
void joinSelf(const SelfJoin &join);

// The pids in cgroup.procs.
[[nodiscard]] std::vector<pid_t> cgroupProcesses(const CgroupRef &cg);

// rmdir; retried briefly while the last processes are still exiting.
void removeCgroup(const CgroupRef &cg);

} // namespace strata::engine::runtime
