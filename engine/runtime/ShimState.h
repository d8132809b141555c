// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// <bundle>/shim-state.json: what the shim knows about its container. Only
// the shim writes it (temp + fsync + rename, so readers see the old record or
// the new one); any process reads it.

#include "engine/runtime/Phases.h"

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/types.h>
#include <vector>

namespace strata::engine::runtime {

enum class ShimStatus {
    Creating, // the shim is setting the container up
    Created,  // set up, held before exec until an attach client starts it
    Running,  // the command was exec'd and has not exited
    Exited,   // the command exited; exitCode says how
    Failed,   // the container never ran its command; error says why
};

[[nodiscard]] const char *toString(ShimStatus s);
[[nodiscard]] ShimStatus shimStatusFromString(std::string_view s);

struct PhaseRecord {
    std::string name;
    std::string time;   // RFC 3339 nano
    std::string detail;
};

struct ShimState {
    ShimStatus status = ShimStatus::Creating;
    pid_t pid = 0;                  // host pid of the container's PID 1
    std::uint64_t pidStartTime = 0; // its /proc/<pid>/stat start time, to detect pid reuse
    pid_t shimPid = 0;
    std::uint64_t shimStartTime = 0;
    std::string startedAt;          // RFC 3339 nano, when exec happened
    std::string finishedAt;         // RFC 3339 nano, when it exited (or failed)
    int exitCode = 0;               // 128+signal when killed by a signal
    int signal = 0;                 // the signal that killed it, else 0
    std::string error;              // Failed: Docker-shaped reason ("exec: \"foo\": executable file not found in $PATH")
    std::vector<PhaseRecord> phases;
    std::string cgroup;             // the container's freezer cgroup dir; "" when none could be made
    int cgroupVersion = 0;          // 1, 2, or 0 (none)
    // More cgroup dirs every process of the container joins, exec'd ones
    // included: cgroup v1 controllers (devices, memory, cpu, pids).
    std::vector<std::string> memberCgroups;
    std::string attachSocket;       // path to connect to (see AttachProtocol.h)
    bool paused = false;            // not stored: filled in by readState()

    [[nodiscard]] nlohmann::json toJson() const;
    static ShimState fromJson(const nlohmann::json &j);
    [[nodiscard]] bool finished() const { return status == ShimStatus::Exited || status == ShimStatus::Failed; }
};

// Atomic write to <bundle>/shim-state.json.
void writeShimState(const std::filesystem::path &bundleDir, const ShimState &state);
// Reads it as stored (no liveness checks). Throws NotFound when absent.
[[nodiscard]] ShimState loadShimState(const std::filesystem::path &bundleDir);

// Docker's exit code for a wait() status: the code, or 128 + signal.
[[nodiscard]] int exitCodeFromWaitStatus(int status);

} // namespace strata::engine::runtime
