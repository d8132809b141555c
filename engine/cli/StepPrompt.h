// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `--step` at the terminal: the engine's step gate printing each phase to
// stderr and waiting for Enter (read from /dev/tty when there is one, so
// `run -i --step` keeps stdin for the container; else from stdin).

#include "engine/events/StepGate.h"

#include <iosfwd>

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

} // namespace strata::engine::cli
