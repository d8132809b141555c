// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The step gate: in step mode the engine stops at each phase boundary of an
// operation ("mount union", "write layer tar" ...) until a front end releases
// it (the GUI's Step button, Enter at the CLI). Outside step mode it is a
// no-op. The engine calls reach(); front ends implement wait().

#include <string>

namespace strata::engine::events {

struct Phase {
    std::string operation;   // "run", "commit", "load", ...
    std::string name;        // short, stable: "mount-union"
    std::string description; // one sentence for the caption / terminal
    int index = 0;           // 0-based position of this phase
    int count = 0;           // how many phases the operation has
};

class StepGate {
public:
    virtual ~StepGate() = default;
    // Called by the engine after the phase's event was published. Blocks
    // until released when step mode is on.
    virtual void reach(const Phase &phase) = 0;
};

// The gate used when nobody steps: never waits.
class OpenGate final : public StepGate {
public:
    void reach(const Phase &) override {}
};

} // namespace strata::engine::events
