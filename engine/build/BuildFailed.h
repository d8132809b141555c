// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Why a build stopped, with what the CLI needs to end as `docker build` does:
// the exit status (a failing RUN's own code, 1 otherwise) and whether the
// daemon had already begun streaming steps (then Docker prints the message
// bare; before that it reads "Error response from daemon: …"; errors found
// while preparing the context are the client's own: "unable to prepare
// context: …").

#include "engine/Error.h"

namespace strata::engine::build {

enum class FailurePhase { Context, Parse, Step };

class BuildFailed : public Error {
public:
    BuildFailed(FailurePhase phase, std::string message, int exitStatus = 1,
                ErrorCode code = ErrorCode::InvalidArgument)
        : Error(code, std::move(message)), m_phase(phase), m_exitStatus(exitStatus)
    {
    }
    [[nodiscard]] FailurePhase phase() const noexcept { return m_phase; }
    [[nodiscard]] int exitStatus() const noexcept { return m_exitStatus; }

private:
    FailurePhase m_phase;
    int m_exitStatus;
};

// "dockerfile parse error line N: what".
[[noreturn]] inline void parseError(int line, const std::string &what)
{
    throw BuildFailed(FailurePhase::Parse, "dockerfile parse error line " + std::to_string(line) + ": " + what);
}

} // namespace strata::engine::build
