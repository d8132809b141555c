// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The container's side of a start: the process the shim cloned into new
// namespaces, from the moment it exists until it execs the command as PID 1.
// It talks to the shim over the sync channel (Channel.h):
//
//   shim -> init   {"type":"go"}               ids mapped, cgroup joined: begin
//                                              (set-up-during-placement: before the
//                                              cgroup namespace and the last two phases)
//   init -> shim   {"type":"no-freezer","message"}   could not join its v1 freezer
//   init -> shim   {"type":"phase","name","detail"}   one per phase done
//   shim -> init   {"type":"continue"}         after each phase, step gate only
//   init -> shim   {"type":"pty"} + fd          the pty master (tty only)
//   init -> shim   {"type":"created"}          held before exec (hold only) ...
//   shim -> init   {"type":"start"}            ... until an attach client starts it
//   init -> shim   {"type":"exec"}             about to execve
//   init -> shim   {"type":"error","phase","message","exitCode"}   and exits
//
// A successful execve closes the (close-on-exec) channel: end of stream
// after "exec" is how the shim learns the command runs.

#include "engine/runtime/Cgroup.h"
#include "engine/runtime/RuntimeSpec.h"

#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::runtime {

struct InitContext {
    RuntimeSpec spec;
    std::filesystem::path rootfs; // canonical
    int syncFd = -1;
    int stdinFd = -1;  // without tty: what becomes 0, 1, 2
    int stdoutFd = -1;
    int stderrFd = -1;
    bool hold = false; // wait for "start" before exec
    std::filesystem::path bundle;
    // A sealed memfd copy of the shim (SealedExe.h): after "go" the init
    // re-executes it as `strata-shim init`, which goes on from there, so
    // the process that execs the command runs from the copy. -1: this is
    // that re-executed init (or the copy could not be made).
    int sealedShim = -1;
    bool reexecuted = false; // set in `strata-shim init`: stdio, session and "go" are done
    // No user namespace and no step gate: the init re-executes at once and
    // mounts and pivots while the shim finishes its side (on cgroup v2
    // without clone3, moving it into its cgroup by pid, which can wait out
    // an RCU grace period), and waits for "go" only before it unshares its
    // cgroup namespace, drops privileges and execs: no code of the
    // container's runs outside its cgroups. What it does before "go" is what
    // every device policy allows (Docker's "c *:* m", "b *:* m" and
    // /dev/pts, /dev/ptmx are in every rule set). On cgroup v1 it has joined
    // them all before (memberJoins, freezerJoin).
    bool setUpDuringPlacement = false;
    // cgroup v1: the cgroups the cloned init moves itself into first thing
    // (SelfJoin, Cgroup.h), before any of the container's code runs and
    // before its cgroup namespace. A failure fails the start; the freezer's
    // only costs pause its freezer (the init tells the shim "no-freezer").
    const std::vector<SelfJoin> *memberJoins = nullptr;
    const SelfJoin *freezerJoin = nullptr;
};

// Never returns: execs the command or exits with Docker's code (125, 126,
// 127) after reporting the error.
[[noreturn]] void runContainerInit(InitContext &ctx);

// `strata-shim init ARGS`: the arguments runContainerInit re-executes the
// sealed copy with, and back.
[[nodiscard]] std::vector<std::string> reexecArgs(const InitContext &ctx);
[[nodiscard]] InitContext initContextFromArgs(const std::filesystem::path &bundle, int syncFd, bool hold,
                                              bool setUpDuringPlacement);

} // namespace strata::engine::runtime
