// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Starting the shim without exec'ing a launcher: a single-threaded caller
// (the CLI) double-forks, and the grandchild becomes the shim at once, as
// `strata-shim run` would after its own detach. One process and one program
// load fewer per start. A multi-threaded caller (the GUI) cannot: after a
// fork only async-signal-safe calls are allowed there, so it still spawns
// strata-shim.

#include "engine/runtime/Shim.h"

#include <sys/types.h>

namespace strata::engine::runtime {

// True when this process has one thread, so a forked copy may run the shim.
[[nodiscard]] bool canForkShim();

// Forks the first child and returns its pid (wait for it: it exits 0 once the
// shim is forked off in its own session). In the shim: stdin and stdout are
// /dev/null, stderr appends to <bundle>/shim.log, `channelFd` becomes fd 3
// (the start channel), every other fd is closed, signals are reset.
[[nodiscard]] pid_t forkShim(const ShimOptions &options, int channelFd);

} // namespace strata::engine::runtime
