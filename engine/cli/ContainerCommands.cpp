// SPDX-License-Identifier: GPL-3.0-or-later
// The container verbs, top level (`strata run`) and under `strata container`.
#include "engine/cli/CliContext.h"

namespace strata::engine::cli {

void registerContainerRunCommands(CLI::App &app, CliContext &ctx);
void registerContainerListCommands(CLI::App &app, CliContext &ctx);
void registerContainerControlCommands(CLI::App &app, CliContext &ctx);
void registerContainerIoCommands(CLI::App &app, CliContext &ctx);

void registerContainerCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *group = app.add_subcommand("container", "Manage containers");
    group->require_subcommand(1);
    registerContainerRunCommands(app, ctx);
    registerContainerRunCommands(*group, ctx);
    registerContainerListCommands(app, ctx);
    registerContainerControlCommands(app, ctx);
    registerContainerIoCommands(app, ctx);
}

} // namespace strata::engine::cli
