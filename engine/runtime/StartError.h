// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A container (or exec) process that could not be started, with the exit
// code Docker gives for it: 127 when the command does not exist, 126 when it
// cannot be executed, 125 for any other failure of the runtime.

#include "engine/Error.h"

namespace strata::engine::runtime {

inline constexpr int kExitNotFound = 127;
inline constexpr int kExitCannotExecute = 126;
inline constexpr int kExitRuntimeFailure = 125;

class StartError : public Error {
public:
    StartError(ErrorCode code, std::string message, int exitCode, int sysErrno = 0)
        : Error(code, std::move(message), sysErrno), m_exitCode(exitCode)
    {
    }
    [[nodiscard]] int exitCode() const noexcept { return m_exitCode; }

private:
    int m_exitCode;
};

} // namespace strata::engine::runtime
