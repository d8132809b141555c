// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// While it lives, shows the engine's progress events as one self-rewriting
// line on stderr — only when stderr is a terminal, so pipes and logs stay
// clean. "Loading layer 2/3  1,204 files  12.4MB".

#include "engine/events/EventBus.h"

#include <chrono>

namespace strata::engine::cli {

class CliContext;

class ProgressLine {
public:
    explicit ProgressLine(CliContext &ctx);
    ~ProgressLine();
    ProgressLine(const ProgressLine &) = delete;
    ProgressLine &operator=(const ProgressLine &) = delete;

private:
    void show(const events::Event &e);

    CliContext &m_ctx;
    events::EventBus::Subscription m_subscription = 0;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_last{};
};

} // namespace strata::engine::cli
