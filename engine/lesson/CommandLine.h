// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one command-line splitter, for the lessons and the GUI console.
// A lesson command line as CLI arguments: split like a POSIX shell (blanks
// separate; '…' quotes literally; "…" quotes with \" \\ \$ escapes and ${var}
// expansion; backslash escapes outside quotes) with ${var} expanded from the
// lesson's variables. An expanded value is never split again. A leading
// "strata" or "docker" word is dropped (students paste from the notes).

#include <map>
#include <set>
#include <string>
#include <vector>

namespace strata::engine::lesson {

using Vars = std::map<std::string, std::string>;

// The shell-words split itself: with vars, ${var} expanded (an undefined one
// throws); without (the console), "${x}" and "$HOME" stay literal. Keeps a
// leading "strata"/"docker". Throws Error(InvalidArgument) on an unclosed quote.
[[nodiscard]] std::vector<std::string> splitShellWords(const std::string &line, const Vars *vars = nullptr);
// Throws Error(InvalidArgument) on an unclosed quote, a "${" without "}",
// or a variable not in vars (naming it).
[[nodiscard]] std::vector<std::string> splitCommandLine(const std::string &line, const Vars &vars = {});
// ${var} expansion of a plain string (check fields); same errors.
[[nodiscard]] std::string expandVars(const std::string &text, const Vars &vars);
// Names of the ${var}s a line or text uses (outside single quotes).
[[nodiscard]] std::set<std::string> referencedVars(const std::string &text);

} // namespace strata::engine::lesson
