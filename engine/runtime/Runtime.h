// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The runtime's public surface: start a container under a `strata-shim`
// supervisor and control it afterwards from any process. A container is a
// bundle directory the engine owns:
//
//   runtime.json      RuntimeSpec (written by the engine before startShim)
//   shim-state.json   ShimState (written only by the shim)
//   log.json          Docker json-file log of stdout/stderr
//   attach.sock       live output / stdin / resize (AttachProtocol.h)
//   shim.log          the shim's own diagnostics
//
// Every function takes the bundle directory; none keeps state in the caller,
// so the CLI can start a container and exit, and a later CLI or the GUI can
// stop it. Errors are strata::engine::Error; a container that could not start
// throws StartError, which carries Docker's exit code (125/126/127).

#include "engine/runtime/Fd.h"
#include "engine/runtime/Phases.h"
#include "engine/runtime/RuntimeSpec.h"
#include "engine/runtime/ShimState.h"
#include "engine/runtime/StartError.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace strata::engine::runtime {

namespace fs = std::filesystem;

// ---- starting --------------------------------------------------------------

// $STRATA_SHIM, else `strata-shim` beside the running executable, else the
// one in the build tree, else "strata-shim" (looked up in PATH).
[[nodiscard]] fs::path defaultShimPath();

struct StartOptions {
    // Do every phase up to exec, then wait (status Created) until an attach
    // client sends Start (attach() with AttachOptions::start) or release()
    // is called: `run -it` / `start -a` attach before the command runs, as
    // Docker does, so no output is missed.
    bool holdUntilAttach = false;
    // Called (on the calling thread) as each phase completes. When the spec
    // has stepGate set, the container waits until this returns: block in it
    // for a step gate.
    std::function<void(const PhaseReport &)> onPhase;
    // Fork the shim from this process instead of spawning shimPath when this
    // process is single-threaded (ShimFork.h): the CLI's `run` and `start`.
    bool forkInProcess = false;
    // With holdUntilAttach, when the shim is forked in-process: connect the
    // caller to the shim's attach server from the shim's birth (a
    // socketpair made before the fork: StartResult::attachConnection, for
    // attach(bundle, connection, ...)) instead of holding the command until
    // an attach client sends Start. Nothing the command writes can come
    // before the client, so the command is not held; one round trip
    // (shim -> caller -> attach "start" -> init) fewer per `run`.
    bool attachAtBirth = false;
};

struct StartResult {
    pid_t pid = 0;     // host pid of the container's PID 1
    pid_t shimPid = 0;
    ShimState state;   // Running, or Created with holdUntilAttach
    UniqueFd attachConnection; // StartOptions::attachAtBirth, when it applied
};

// Spawns `shimPath run --bundle bundleDir` (posix_spawn: safe from a
// multi-threaded GUI), or with options.forkInProcess in a single-threaded
// caller forks the shim from this process (ShimFork.h), and returns once the command was exec'd (or, with
// holdUntilAttach, once everything before exec is done). The shim detaches
// (new session, reparented) and outlives the caller. Throws StartError with
// Docker's message and exit code when the container cannot start, e.g.
// `exec: "foo": executable file not found in $PATH` (127); shim-state.json
// then says Failed with the same error.
StartResult startShim(const fs::path &bundleDir, const fs::path &shimPath = defaultShimPath(),
                      const StartOptions &options = {});

// Lets a container held by holdUntilAttach exec without attaching (the
// attaching client went away). No-op once running.
void release(const fs::path &bundleDir);

// ---- state and signals -----------------------------------------------------

// shim-state.json, checked against the live system: `paused` filled in, and
// a container whose shim and PID 1 both vanished reported Exited (255).
// Throws NotFound when the container was never started.
[[nodiscard]] ShimState readState(const fs::path &bundleDir);

// Sends `sig` to PID 1 (after checking by start time that the pid is still
// the container's). A PID 1 without a handler ignores SIGTERM, as in Docker;
// SIGKILL always works and also thaws a frozen container so it can die.
// Throws Conflict when the container is not running.
void signal(const fs::path &bundleDir, int sig);

// Waits until the container has exited (or failed); nullopt on timeout.
// A negative timeout waits forever.
std::optional<ShimState> waitExit(const fs::path &bundleDir, std::chrono::milliseconds timeout);

// Docker's stop: SIGTERM, wait `timeout`, then SIGKILL. Returns the final
// state. No-op on a container that is not running.
ShimState stop(const fs::path &bundleDir, std::chrono::seconds timeout);

// ---- pause -----------------------------------------------------------------

struct FreezeResult {
    bool fallback = false; // true: SIGSTOP/SIGCONT of every process, not a cgroup freezer
    std::string method;    // "cgroup v1 freezer", "cgroup v2 freezer", "SIGSTOP"/"SIGCONT"
};

// Freezes every process of the container (its cgroup's freezer; without one,
// SIGSTOP to every process in its pid namespace, reported as fallback).
// Idempotent. Throws Conflict when not running.
FreezeResult freeze(const fs::path &bundleDir);
FreezeResult thaw(const fs::path &bundleDir);

// ---- top -------------------------------------------------------------------

struct ProcessInfo {
    pid_t pid = 0;        // host pid (Docker's top shows these)
    pid_t ppid = 0;
    pid_t nsPid = 0;      // pid inside the container (1 = the command)
    uid_t uid = 0;
    std::string user;     // host name for uid (as `ps` on the host prints), else the number
    std::string stime;    // "14:03" today, else "Jan02"
    std::string tty;      // "pts/0" or "?"
    std::string time;     // cumulative CPU "00:00:01"
    int cpuPercent = 0;   // ps's C column
    std::string cmd;      // command line
};

// Every process of the container (its cgroup, else its pid namespace),
// sorted by pid. Throws Conflict when not running.
[[nodiscard]] std::vector<ProcessInfo> listProcesses(const fs::path &bundleDir);

// ---- exec ------------------------------------------------------------------

struct ExecSpec {
    std::vector<std::string> args;
    std::vector<std::string> env; // added to the container's environment
    std::string cwd;              // "" = the container's working dir
    std::string user;             // "" = the container's user
    bool tty = false;             // a new pty inside the container; inFd put in raw mode when a terminal
    bool openStdin = false;       // -i: pass inFd; otherwise the process reads /dev/null
    // -d: exec returns once the process was exec'd (exit code 0) or failed to
    // start; it runs on with no stdio (/dev/null, no tty), its output unseen.
    bool detach = false;
};

struct ExecResult {
    int exitCode = 0;  // 128+signal when killed
    std::string error; // why it could not start (exitCode 126/127 then), else ""
};

// Runs a process inside the running container (its namespaces, cgroup,
// capabilities and no_new_privs) through `strata-shim exec`, with inFd,
// outFd, errFd as its stdio (with tty: the pty is relayed to inFd/outFd), and
// waits for it (with detach: only until it started). Throws Conflict when
// the container is not running (or paused).
ExecResult exec(const fs::path &bundleDir, const ExecSpec &spec, int inFd, int outFd, int errFd,
                const fs::path &shimPath = defaultShimPath());

// ---- attach ----------------------------------------------------------------

struct AttachOptions {
    bool forwardStdin = false; // forward inFd to the container (needs the spec's openStdin)
    bool tty = false;    // raw mode on inFd while attached (when it is a terminal), resize forwarding
    bool start = false;  // release a container held by holdUntilAttach
    std::string detachKeys = "ctrl-p,ctrl-q"; // "" disables
};

struct AttachResult {
    bool detached = false;        // the detach keys were typed; the container runs on
    std::optional<int> exitCode;  // set when the container exited while attached (or before)
    std::string error;            // the start error when a held container failed to exec
};

// Streams the container's output to outFd/errFd (raw for tty) and inFd to
// it, until the container exits or the detach keys are typed. Restores the
// terminal on return.
AttachResult attach(const fs::path &bundleDir, int inFd, int outFd, int errFd, const AttachOptions &options);
// The same over a connection the shim served from its birth
// (StartResult::attachConnection).
AttachResult attach(const fs::path &bundleDir, UniqueFd connection, int inFd, int outFd, int errFd,
                    const AttachOptions &options);

// ---- host probe ------------------------------------------------------------

struct RuntimeCapabilities {
    std::string mode;            // "root", "rootless" or "unsupported"
    bool root = false;           // euid 0 with CAP_SYS_ADMIN
    bool userNamespaces = false; // unshare(CLONE_NEWUSER) works
    bool overlayInUserNamespace = false;
    int freezer = 0;             // cgroup freezer version usable (1 or 2), 0 = SIGSTOP fallback
    std::string freezerPath;
    std::vector<std::string> notes; // one line each, why: "cgroup v1 freezer at /sys/fs/cgroup/freezer"
};

// Probes this host (by running `strata-shim probe`, which tries the real
// system calls in a throwaway process). Cheap enough for `strata info`.
[[nodiscard]] RuntimeCapabilities capabilities(const fs::path &shimPath = defaultShimPath());

} // namespace strata::engine::runtime
