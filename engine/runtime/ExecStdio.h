// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The stdio of a process `exec` starts in a container: a pty (-t) or three
// pipes, never the caller's own descriptors. `strata-shim exec` relays them
// to its stdio (the caller's) until the process exits and its output is
// drained. A background process the command leaves behind keeps only the
// relay's pipe, which goes away with the relay, so it cannot hold the
// caller's terminal or pipe open (nor read from it) after `exec` returns,
// as with Docker, whose shim owns the exec's pipes.

#include "engine/runtime/Fd.h"
#include "engine/runtime/Runtime.h"
#include "engine/runtime/Terminal.h"

#include <sys/types.h>

namespace strata::engine::runtime {

struct ExecStdio {
    Pty pty;       // with tty
    Pipe in;       // without tty, -i only
    Pipe out, err; // without tty
};

// After entering the container (a pty comes from its devpts), before fork.
[[nodiscard]] ExecStdio openExecStdio(const ExecSpec &spec);

// In the child: the process's 0, 1, 2 (stdin /dev/null without -i); the
// pty becomes its controlling terminal. Throws Io.
void becomeExecStdio(ExecStdio &io, const ExecSpec &spec);

// In the relay, after fork: the child's ends are closed, and the relay
// copies stdin (fd 0) in and the output to fds 1 and 2, forwarding window
// size changes (SIGWINCH on `sigFd`, a signalfd that also carries
// SIGCHLD), until `child` has exited and its output is drained. Returns
// its wait status.
int relayExecStdio(pid_t child, ExecStdio &io, const ExecSpec &spec, int sigFd);

} // namespace strata::engine::runtime
