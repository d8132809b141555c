// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `exec` blocks the engine thread until `strata-shim exec` (a child of this
// process) ends. Stop / Ctrl+C ends it the way a terminal's Ctrl+C ends the
// docker client: the exec'd process tree goes, the container stays. Only
// shims started for `exec` are touched; a container's own shim never is.

#include <QList>

namespace strata::gui {

// The PIDs of this process's `strata-shim exec` children and everything
// under them, deepest first.
[[nodiscard]] QList<qint64> execShimTrees();
// SIGKILLs execShimTrees(); returns how many processes were signalled.
int killExecShims();
// Sends `sig` to the `strata-shim exec` children only (not what runs under
// them): SIGWINCH after the console's terminal changed size.
void signalExecShims(int sig);

} // namespace strata::gui
