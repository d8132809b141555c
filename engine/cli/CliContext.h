// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// State shared by every command of one `strata` invocation: the global
// options, the engine (opened on first use, so `--help` needs no store) and
// the output streams.

#include "engine/Engine.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>
#include <memory>
#include <string>

namespace strata::engine::cli {

class CliContext {
public:
    std::string root;
    std::string driver;
    bool debug = false;

    // Opens the engine on first use; builtin images are made if missing.
    Engine &engine();
    [[nodiscard]] bool stdoutIsTerminal() const;
    [[nodiscard]] bool stderrIsTerminal() const;

    std::ostream &out = std::cout;
    std::ostream &err = std::cerr;

private:
    std::unique_ptr<Engine> m_engine;
};

// Each command group registers its subcommands on the app. A command's
// callback runs the verb; errors propagate as strata::engine::Error.
void registerImageCommands(CLI::App &app, CliContext &ctx);
void registerImageViewCommands(CLI::App &app, CliContext &ctx);
void registerArchiveCommands(CLI::App &app, CliContext &ctx);
void registerSystemCommands(CLI::App &app, CliContext &ctx);
void registerVolumeCommands(CLI::App &app, CliContext &ctx);
void registerContainerCommands(CLI::App &app, CliContext &ctx);
void registerContainerFsCommands(CLI::App &app, CliContext &ctx); // commit, diff, cp, export

} // namespace strata::engine::cli
