// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `--security-opt` as Docker takes it, seccomp part: "seccomp=unconfined",
// or "seccomp=FILE", whose content the client reads and sends in its place
// (so HostConfig.SecurityOpt holds "seccomp=<compact JSON>", as Docker's
// inspect shows it). Other options (apparmor, label, no-new-privileges...)
// are refused: Strata has no LSM and no_new_privs is always on.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace strata::engine::security {

// Client side: "seccomp=FILE" -> "seccomp=<FILE's JSON, compacted>"; others
// unchanged. Throws InvalidArgument ("opening seccomp profile (FILE)
// failed: ...", or naming a JSON error).
[[nodiscard]] std::vector<std::string> readSecurityOptFiles(const std::vector<std::string> &opts);

// Checks the options (throws InvalidArgument naming the first bad one) and
// returns the seccomp profile they select: Docker's default, null for
// unconfined, or the given one.
[[nodiscard]] nlohmann::json seccompProfileFor(const std::vector<std::string> &opts);

} // namespace strata::engine::security
