// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The phases of starting a container, in order. Each is one named function
// (Shim.cpp, ContainerInit.cpp); as each one completes it is reported to the
// engine (Runtime.h, StartOptions::onPhase) and recorded in
// shim-state.json's "phases", so the GUI can animate them and a step gate can
// hold the start between two of them.

#include <array>
#include <string>
#include <string_view>

namespace strata::engine::runtime {

struct PhaseInfo {
    std::string_view name;        // stable: "create-namespaces"
    std::string_view description; // one sentence for a caption or a terminal
};

inline constexpr std::array<PhaseInfo, 5> kStartPhases{{
    {"create-namespaces", "cloned the container process into new mount, pid, uts, ipc (and net/user) namespaces"},
    {"mount-rootfs", "mounted the root filesystem, /proc, /dev, /sys and the container's mounts"},
    {"pivot-root", "pivot_root into the root filesystem; masked and read-only paths applied"},
    {"drop-capabilities", "switched user and dropped capabilities to the container's set"},
    {"exec", "exec'd the container's command as PID 1"},
}};

// Index in kStartPhases, or -1.
[[nodiscard]] inline int phaseIndex(std::string_view name)
{
    for (size_t i = 0; i < kStartPhases.size(); ++i)
        if (kStartPhases[i].name == name)
            return static_cast<int>(i);
    return -1;
}

// What the engine hears as each phase completes.
struct PhaseReport {
    std::string name;
    std::string description;
    std::string detail; // what exactly happened: "pid 4711", "14 capabilities kept"...
    int index = 0;
    int count = static_cast<int>(kStartPhases.size());
    std::string time;   // RFC 3339 nano
    int pid = 0;        // the container's PID 1 on the host, once cloned (rootless networking joins its namespaces)
};

} // namespace strata::engine::runtime
