// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Starting `strata-shim` from the engine. The engine may be a multi-threaded
// GUI, where only async-signal-safe calls are allowed between fork and exec;
// posix_spawn does exactly the descriptor set-up we need and nothing else.

#include <array>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace strata::engine::runtime {

struct SpawnFds {
    // What becomes fd 0, 1, 2 and 3 in the child; -1 = /dev/null (fd 3:
    // nothing). `stderrPath`, when set, is opened (append) as fd 2 instead.
    std::array<int, 4> fds{-1, -1, -1, -1};
    std::filesystem::path stderrPath;
};

// Spawns `program args...` (argv[0] = program); throws Io when it cannot be
// started (ENOENT: NotFound naming the shim).
[[nodiscard]] pid_t spawnProgram(const std::filesystem::path &program, const std::vector<std::string> &args,
                                 const SpawnFds &fds);

// waitpid retrying EINTR; returns the wait status, or -1 when the child is
// not ours to wait for (ECHILD: someone else reaped it).
int waitChild(pid_t pid);

} // namespace strata::engine::runtime
