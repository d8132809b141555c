// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Creating the container's namespaces (clone with CLONE_NEW* flags), mapping
// ids into its user namespace, bringing up loopback in its network
// namespace, and joining all of them again for `exec`.

#include "engine/runtime/RuntimeSpec.h"

#include <string>
#include <sys/types.h>

namespace strata::engine::runtime {

// CLONE_NEWNS | NEWPID | NEWUTS | NEWIPC, plus NEWNET unless the host's
// network is shared and NEWUSER when the spec asks for a user namespace.
[[nodiscard]] int namespaceCloneFlags(const RuntimeSpec &spec);

// fork() with namespace flags: returns 0 in the child (which continues on a
// copy of the caller's stack, as after fork) and its host pid in the parent.
// The caller must be single-threaded (the shim is).
[[nodiscard]] pid_t cloneWithNamespaces(int flags);

// The same, the child born in the cgroup v2 directory `cgroupFd` (clone3's
// CLONE_INTO_CGROUP, Linux 5.7): no migration afterwards, so none of the
// RCU grace period a cgroup.procs write can wait for. -1 with errno when the
// kernel cannot (older kernel, a cgroup v1 directory, a cgroup with
// controllers for its children): nothing was cloned, the caller falls back.
[[nodiscard]] pid_t cloneIntoCgroup(int flags, int cgroupFd);

// Writes /proc/<pid>/{setgroups,uid_map,gid_map} for a child just cloned
// with CLONE_NEWUSER: the spec's mappings, or the caller's uid/gid as 0.
// Returns a description like "uid 0 -> 1000".
std::string writeIdMappings(pid_t pid, const RuntimeSpec &spec);

// In a new network namespace only "lo" exists, and it is down.
// setns into the namespace the engine prepared (RuntimeSpec::netnsPath).
void joinNetworkNamespace(const std::string &path);
void bringUpLoopback();

// Sets the UTS namespace's host name (no-op for "").
void setHostname(const std::string &hostname);

// Joins the namespaces of `pid` that differ from ours: user first (it gives
// the capabilities the others need), then mnt, pid (effective for children
// only: fork afterwards), uts, ipc, net, cgroup.
void joinNamespacesOf(pid_t pid);

} // namespace strata::engine::runtime
