// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `strata-shim exec`: the process runtime::exec() spawns. It joins the
// running container's cgroup and namespaces (setns on /proc/<pid>/ns/*,
// user first), chroots to the container's root, forks (a setns into a pid
// namespace applies to children only) and the child becomes the exec'd
// process with the container's capabilities and no_new_privs. With a tty it
// opens a pty inside the container and relays it to its own stdin/stdout.
//
// Status channel (fd 3, SOCK_SEQPACKET): {"type":"running","pid"} or
// {"type":"failed","error","exitCode"}; the exit status of this process is
// the exec'd process's (128+signal when killed).

#include "engine/runtime/Runtime.h"

#include <nlohmann/json.hpp>

namespace strata::engine::runtime {

[[nodiscard]] nlohmann::json execSpecToJson(const ExecSpec &spec);
[[nodiscard]] ExecSpec execSpecFromJson(const nlohmann::json &j);

// Returns the exit status for the shim process.
int runExecInContainer(const fs::path &bundleDir, const ExecSpec &spec, int statusFd);

} // namespace strata::engine::runtime
