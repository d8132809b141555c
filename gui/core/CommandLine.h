// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Splits a console line into words the way a POSIX shell would for simple
// input: whitespace separates, '…' and "…" quote, backslash escapes. A
// leading "strata" or "docker" is dropped so lines can be pasted from notes.

#include <optional>
#include <string>
#include <vector>

namespace strata::gui {

// nullopt when a quote is left open.
[[nodiscard]] std::optional<std::vector<std::string>> splitCommandLine(const std::string &line);
[[nodiscard]] std::vector<std::string> consoleArgs(const std::string &line);

} // namespace strata::gui
