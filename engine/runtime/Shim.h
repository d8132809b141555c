// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// strata-shim's supervisor (`strata-shim run`): one per running container,
// like conmon or containerd-shim. It clones the container's init into new
// namespaces, relays the start phases to the engine over the start channel,
// becomes the parent of PID 1 and stays until PID 1 exits: it logs output to
// log.json, serves attach.sock, and records the exit in shim-state.json.
//
// Start channel (fd passed by startShim, SOCK_SEQPACKET, JSON messages):
//   shim -> engine  {"type":"phase","name","detail","time","gate":bool}
//   engine -> shim  {"type":"continue"}       (after each phase when gate)
//   shim -> engine  {"type":"running"|"created","pid"}  or
//                   {"type":"failed","error","exitCode"}
// Without step gates the phases are not sent one by one: they ride, in
// order, in the "phases" array of the next message (running, created,
// failed), so the engine wakes once per start instead of once per phase.
// The init does the same towards the shim (ContainerInit.cpp).
// The shim closes it after the last message; the engine closing its end
// early releases every gate (the start goes on without the engine).

#include "engine/runtime/AttachServer.h"
#include "engine/runtime/Cgroup.h"
#include "engine/runtime/Fd.h"
#include "engine/runtime/LogWriter.h"
#include "engine/runtime/RuntimeSpec.h"
#include "engine/runtime/SealedExe.h"
#include "engine/runtime/ShimState.h"
#include "engine/security/DeviceCgroup.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace strata::engine::runtime {

struct ShimOptions {
    std::filesystem::path bundle;
    int startFd = -1;  // the start channel; -1 = nobody is waiting
    bool hold = false; // StartOptions::holdUntilAttach
    int attachFd = -1; // an attach client from birth (StartOptions::attachAtBirth); the shim owns it
};

class Shim {
public:
    explicit Shim(ShimOptions options);
    ~Shim();
    // Runs the container to its end; returns the shim's exit status.
    int run();

private:
    enum class Outcome { Running, Created, Failed };

    // Setting up, in order.
    void prepareSignals();
    void createIo();
    void createCgroup();
    void spawnInit();
    void configureChild();
    std::vector<SelfJoin> openSelfJoins();
    void giveUpFreezer(const std::string &why);
    void placeChild();
    [[nodiscard]] bool initExited() const;
    Outcome followPhases();
    bool handleInitMessage(const nlohmann::json &m, int passedFd);
    void recordPhases(const nlohmann::json &m);
    void recordPhase(const std::string &name, const std::string &detail, const std::string &time);
    void reportPhase(const PhaseRecord &rec, bool gate);
    void awaitEngineGate();
    void recordRunning();
    void recordCreated();
    void recordFailure(const std::string &error, int exitCode);
    void notifyEngine(const nlohmann::json &m);

    // Supervising (ShimLoop.cpp).
    void supervise();
    void onSignal();
    void onSyncReadable();
    void onOutput(int index);
    void writeStdin(std::string_view bytes);
    void flushStdin();
    void closeStdin();
    void finish();
    void releaseCgroups();

    ShimOptions m_opt;
    RuntimeSpec m_spec;
    ShimState m_state;
    UniqueFd m_start;      // start channel to the engine
    nlohmann::json m_unsentPhases = nlohmann::json::array(); // for the engine's next message (no step gates)
    std::unique_ptr<SealedShimCopy> m_sealedShim; // the init's copy of the shim, made meanwhile (SealedExe.h)
    UniqueFd m_sync;       // sync channel to the container's init
    UniqueFd m_signalFd;   // SIGCHLD
    pid_t m_child = 0;
    CgroupRef m_cgroup;
    SelfJoin m_freezerJoin; // v1: the freezer's tasks file until the init is cloned
    std::vector<std::string> m_limitCgroups; // v1 memory/cpu/pids cgroups holding --memory, --cpus, --pids-limit
    security::DeviceCgroup m_devices; // root mode: the device allow list's cgroup (v1) or program (v2)
    std::string m_cgroupWhy;
    bool m_placedAtClone = false;        // cgroup v2: cloned into m_cgroup (clone3)
    bool m_setUpDuringPlacement = false; // the init mounts while it is placed (ContainerInit.h)

    // Container stdio: pipes without tty, the pty master with it.
    UniqueFd m_childStdin, m_childStdout, m_childStderr; // the container's ends until cloned
    UniqueFd m_stdinWrite;                               // to the container's stdin
    UniqueFd m_output[2];                                // stdout, stderr (pipes) or the pty master in [0]
    std::string m_stdinPending;
    bool m_stdinClosedByClient = false;

    std::unique_ptr<LogWriter> m_log;
    std::unique_ptr<AttachServer> m_attach;

    bool m_execSeen = false;
    std::string m_initError;
    int m_initErrorExit = 0;
    std::optional<int> m_waitStatus;
    std::optional<std::chrono::steady_clock::time_point> m_drainDeadline;
};

// The shim process's body once it is detached (own session, reparented):
// `/` as cwd, umask 022, name "strata-shim", then Shim::run(). An error is
// one line on stderr (shim.log). Shared by `strata-shim run` and the
// engine's in-process fork (ShimFork.h).
int runShimProcess(const ShimOptions &options);

} // namespace strata::engine::runtime
