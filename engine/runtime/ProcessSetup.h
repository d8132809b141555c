// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The last steps before a container process execs, shared by the
// container's PID 1 (ContainerInit.cpp) and `exec` (ExecInContainer.cpp):
// resolve the user in the container's /etc, narrow the capabilities, switch
// user, set no_new_privs, find the command in the container's PATH, exec.

#include "engine/runtime/RuntimeSpec.h"
#include "engine/runtime/UserLookup.h"
#include "engine/security/SeccompProfile.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::runtime {

struct ProcessSpec {
    std::vector<std::string> args;
    std::vector<std::string> env;
    std::string user;
    std::vector<std::string> capabilities;
    bool noNewPrivileges = true;
};

// Signals as a fresh process expects them: nothing blocked, every
// disposition default (ignored signals would otherwise survive exec).
void resetSignals();

// Bounding set, user switch (keeping the permitted set across it),
// permitted/effective/inheritable/ambient, no_new_privs. Runs after
// pivot_root (or setns), as root of the container. Returns a one-line
// description ("uid=0 gid=0, 14 capabilities").
std::string dropPrivileges(const ProcessSpec &spec, ResolvedUser &user);

// The environment the command gets: the spec's, plus HOME from passwd when
// it has none (as runc does).
[[nodiscard]] std::vector<std::string> processEnvironment(const std::vector<std::string> &env,
                                                          const ResolvedUser &user);

// execve with the resolved path (CommandLookup.h); only returns by throwing
// StartError, worded like Docker's.
// The spec's seccomp profile compiled for its capabilities, before anything
// is announced (a bad profile fails the start cleanly); nullopt = unconfined.
// With a `cacheDir` (SeccompCache.h) the program compiled by an earlier
// start is reused: pass one only while the host's /run is this process's.
[[nodiscard]] std::optional<std::string> seccompFilterOf(const RuntimeSpec &spec,
                                                         const std::filesystem::path &cacheDir = {});
// Loads it, as the last step before execve (the filter then covers only the
// container's command). Throws Io.
void loadSeccomp(const std::optional<std::string> &program);

[[noreturn]] void execProcess(const std::string &path, const std::vector<std::string> &args,
                              const std::vector<std::string> &env);

// Closes every descriptor except 0, 1, 2 and `keep`: nothing of the host
// (directories, the bundle, sockets) may be reachable from the container.
void closeOtherFds(int keep);

} // namespace strata::engine::runtime
