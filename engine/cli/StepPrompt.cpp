// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/StepPrompt.h"

#include "engine/Engine.h"

#include <fcntl.h>
#include <ostream>
#include <unistd.h>

namespace strata::engine::cli {

StepPrompt::StepPrompt(std::ostream &err) : m_err(err)
{
    m_fd = ::open("/dev/tty", O_RDONLY | O_CLOEXEC);
    m_ownFd = m_fd >= 0;
    if (m_fd < 0)
        m_fd = STDIN_FILENO;
}

StepPrompt::~StepPrompt()
{
    if (m_ownFd)
        ::close(m_fd);
}

void StepPrompt::reach(const events::Phase &phase)
{
    m_err << "[step " << phase.index + 1 << "/" << phase.count << "] " << phase.operation << ": " << phase.name
          << "\n    " << phase.description << "\n    press Enter to continue " << std::flush;
    // One byte at a time: stdin may be shared with the container afterwards.
    char c = 0;
    while (::read(m_fd, &c, 1) == 1 && c != '\n') {
    }
    m_err << "\n";
}

ScopedStepPrompt::ScopedStepPrompt(Engine &engine, std::ostream &err, bool enabled) : m_engine(engine)
{
    if (!enabled)
        return;
    m_prompt = std::make_unique<StepPrompt>(err);
    m_engine.setStepGate(m_prompt.get());
}

ScopedStepPrompt::~ScopedStepPrompt()
{
    if (m_prompt)
        m_engine.setStepGate(nullptr);
}

} // namespace strata::engine::cli
