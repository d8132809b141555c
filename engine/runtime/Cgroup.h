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

// Starts the kernel's wait for a cgroup migration early, so the container's
// own placement, a moment later, finds it done or under way. The first write
// to any cgroup.procs after a quiet spell takes the global
// cgroup_threadgroup_rwsem for writing, which waits for an RCU grace period
// (12-35 ms on these hosts); writes within the following grace period are
// cheap. A throwaway process makes that first write (itself into
// `hierarchy`'s root, then it exits) while the caller goes on at once;
// nobody has to reap it (CgroupWarmUp.cpp). Does nothing when it cannot.
void beginCgroupMigration(const CgroupRef &hierarchy);

// The same from a command that is about to start a container (the
// facade's create for a `run`, some 10 ms before its shim exists), on cgroup v1
// hierarchies (v2 clones into the cgroup: no migration). The shim's own
// warm-up, a grace period later, keeps the kernel's window open for the
// container's placement.
void beginCgroupMigrationBeforeStart();

// The pids in cgroup.procs.
[[nodiscard]] std::vector<pid_t> cgroupProcesses(const CgroupRef &cg);

// rmdir; retried briefly while the last processes are still exiting.
void removeCgroup(const CgroupRef &cg);

} // namespace strata::engine::runtime
