// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `--step` at the terminal: the engine's step gate printing each phase to
// stderr and waiting for Enter (read from /dev/tty when there is one, so
// `run -i --step` keeps stdin for the container; else from stdin).

#include "engine/events/StepGate.h"

#include <iosfwd>
#include <memory>

namespace strata::engine {
class Engine;
}

namespace strata::engine::cli {

class StepPrompt final : public events::StepGate {
public:
    explicit StepPrompt(std::ostream &err);
    ~StepPrompt() override;
    void reach(const events::Phase &phase) override;

private:
    std::ostream &m_err;
    int m_fd = -1;
    bool m_ownFd = false;
};

// One command's --step: when enabled, installs a StepPrompt as the engine's
// gate and uninstalls it when the command ends, however it ends (the engine
// never keeps a pointer to a prompt that is gone).
class ScopedStepPrompt {
public:
    ScopedStepPrompt(Engine &engine, std::ostream &err, bool enabled);
    ~ScopedStepPrompt();
    ScopedStepPrompt(const ScopedStepPrompt &) = delete;
    ScopedStepPrompt &operator=(const ScopedStepPrompt &) = delete;

private:
    Engine &m_engine;
    std::unique_ptr<StepPrompt> m_prompt;
};

} // namespace strata::engine::cli
