// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the runtime suites: a busybox root filesystem made from the
// host's static busybox, and bundles (runtime.json with Docker's defaults)
// to run real containers from it.

#include "engine/runtime/Runtime.h"

#include <filesystem>
#include <string>
#include <vector>

namespace strata::test::runtime {

namespace fs = std::filesystem;
namespace rt = strata::engine::runtime;

// The strata-shim built with the tests (STRATA_SHIM_PATH).
[[nodiscard]] fs::path shimPath();

// Why real containers cannot run here, or "" when they can (root with
// CAP_SYS_ADMIN and /bin/busybox present).
[[nodiscard]] std::string containerSkipReason();

// bin/busybox + one symlink per applet, /etc/passwd and /etc/group with
// root, nobody and a user "app" (1000) in group "staff" (50) and "video".
void buildBusyboxRootfs(const fs::path &root);

// A spec with Docker's defaults: its 14 capabilities, masked and read-only
// paths, PATH, no_new_privs.
[[nodiscard]] rt::RuntimeSpec defaultSpec(const fs::path &rootfs, std::vector<std::string> args);

// Creates <parent>/<name>/runtime.json; returns the bundle dir.
fs::path writeBundle(const fs::path &parent, const std::string &name, const rt::RuntimeSpec &spec);

// The "log" fields of log.json for one stream ("stdout"/"stderr"/"" = all),
// concatenated.
[[nodiscard]] std::string logText(const fs::path &bundle, const std::string &stream = "stdout");
[[nodiscard]] size_t logLineCount(const fs::path &bundle);

// Starts, waits up to 30 s for the exit; returns the final state.
rt::ShimState runToExit(const fs::path &bundle);

// SIGKILLs the container if it still runs (a failed check must not leave
// containers behind) and waits for its shim to record the exit.
void killIfRunning(const fs::path &bundle);

} // namespace strata::test::runtime
