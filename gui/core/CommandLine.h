// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The console's view of a line: engine/lesson/CommandLine's splitter (the one
// the lessons use; no ${var} expansion here). consoleArgs drops a leading
// "strata" or "docker" so lines can be pasted from notes.

#include <optional>
#include <string>
#include <vector>

namespace strata::gui {

// nullopt when a quote is left open.
[[nodiscard]] std::optional<std::vector<std::string>> splitCommandLine(const std::string &line);
[[nodiscard]] std::vector<std::string> consoleArgs(const std::string &line);

// Console commands that need a terminal the console does not have: the verb
// ("exec -it", "attach", "logs -f") when `args` (without "strata") is one,
// else "". -i/-t count only before the image or container (a container's own
// `ls -t` is its business) and not with -d (nothing is attached then).
[[nodiscard]] std::string needsTerminal(const std::vector<std::string> &args);
// Those the console runs in its terminal (run/exec/start with -i or -t,
// attach); the others (logs -f, stats) never end and stay refused.
[[nodiscard]] bool runsInTerminal(const std::vector<std::string> &args);

} // namespace strata::gui
