// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/CliContext.h"

#include <unistd.h>

namespace strata::engine::cli {

Engine &CliContext::engine()
{
    if (m_external)
        return *m_external;
    if (!m_engine) {
        EngineOptions options;
        options.root = root;
        options.driver = driver;
        m_engine = std::make_unique<Engine>(options);
        m_engine->ensureBuiltinImages();
    }
    return *m_engine;
}

bool CliContext::stdoutIsTerminal() const
{
    return !m_captured && ::isatty(STDOUT_FILENO) == 1;
}

bool CliContext::stderrIsTerminal() const
{
    return !m_captured && ::isatty(STDERR_FILENO) == 1;
}

} // namespace strata::engine::cli
