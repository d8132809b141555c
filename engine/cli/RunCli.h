// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The whole `strata` command line as a function, so the CLI's main() and the
// GUI console run commands through one parser. The GUI passes its own engine
// and string streams; main() passes argv and lets the context open the engine.

#include "engine/cli/CliContext.h"

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace strata::engine {
class Engine;
}

namespace strata::engine::cli {

// The app with every command group registered on ctx (also used for completion).
[[nodiscard]] std::unique_ptr<CLI::App> makeCliApp(CliContext &ctx);

// Parses and runs args (without the program name); returns the exit status
// Docker's CLI would (0, 1 daemon errors, 125 usage errors).
int runCli(CliContext &ctx, std::vector<std::string> args);

// In-process run on an existing engine with captured output.
int runCli(Engine &engine, const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace strata::engine::cli
