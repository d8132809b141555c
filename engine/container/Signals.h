// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Signal names as `docker kill -s` and `docker stop -s` take them: "KILL",
// "SIGKILL", "kill" or "9".

#include <string>

namespace strata::engine::container {

// Throws InvalidArgument "Invalid signal: <text>".
[[nodiscard]] int parseSignal(const std::string &text);

} // namespace strata::engine::container
