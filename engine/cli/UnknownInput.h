// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// When the parser refuses a command line, say which word was wrong and what
// was probably meant, as a friendly CLI does:
//   strata: 'imagse' is not a strata command. Did you mean 'images'?
//   unknown flag: --nmae
//   Did you mean '--name'?
// Docker's exit statuses: 1 for an unknown command, 125 for an unknown flag.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace strata::engine::cli {

struct UnknownInput {
    std::string message; // the lines to print, each ending in '\n'
    int exitCode = 1;
    bool inPrefixCommand = false; // a flag of run/create/exec: the parser would take it as the command
};

// The first unknown verb or flag in `args` (no program name), if any.
[[nodiscard]] std::optional<UnknownInput> findUnknownInput(const CLI::App &app, const std::vector<std::string> &args);

// The candidate nearest to `typed` (optimal string alignment distance, at
// most 2; ties to the one of the typed length, then the earlier one), or ""
// when none is near.
[[nodiscard]] std::string nearestWord(const std::string &typed, const std::vector<std::string> &candidates);

} // namespace strata::engine::cli
