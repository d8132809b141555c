// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Finding the container's command the way Docker's runtime does (Go's
// exec.LookPath over the container's PATH), with Docker's error messages, so
// that `strata run busybox foo` fails like `docker run busybox foo`:
//   exec: "foo": executable file not found in $PATH      (exit 127)
//   exec: "/etc/passwd": permission denied               (exit 126)

#include <string>
#include <vector>

namespace strata::engine::runtime {

// `name` as given (args[0]); `env` the container's "K=V" list. Runs inside
// the container (after pivot_root and the user switch, so access checks are
// the container user's). Returns the path to execve; throws StartError.
[[nodiscard]] std::string findExecutable(const std::string &name, const std::vector<std::string> &env);

// The value of `key` in a "K=V" list, or nullptr.
[[nodiscard]] const std::string *findEnv(const std::vector<std::string> &env, const std::string &key);

} // namespace strata::engine::runtime
