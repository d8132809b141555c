// SPDX-License-Identifier: GPL-3.0-or-later
// `strata`: Docker's verbs, flags and output over the Strata engine.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ExitStatus.h"

#include <CLI/CLI.hpp>

#include <cstdlib>

using namespace strata::engine;

namespace {

int exitCodeFor(const Error &e)
{
    // Docker's CLI exits 1 for daemon errors and 125 for its own usage errors.
    return e.code() == ErrorCode::InvalidArgument ? 125 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    CLI::App app{"A container engine you can watch: Docker's verbs over a real image store.", "strata"};
    app.require_subcommand(1);
    app.fallthrough();
    cli::CliContext ctx;
    app.add_option("--root", ctx.root, "Store root directory (default $XDG_DATA_HOME/strata)");
    app.add_option("--driver", ctx.driver, "Union filesystem driver: overlay or userspace (default: probe)");
    app.add_flag("-D,--debug", ctx.debug, "Show error context in full");
    if (const char *root = std::getenv("STRATA_ROOT"); root && *root)
        ctx.root = root;

    cli::registerContainerCommands(app, ctx);
    cli::registerImageCommands(app, ctx);
    cli::registerImageViewCommands(app, ctx);
    cli::registerArchiveCommands(app, ctx);
    cli::registerSystemCommands(app, ctx);
    cli::registerVolumeCommands(app, ctx);
    cli::registerContainerFsCommands(app, ctx);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 125;
    } catch (const cli::ExitStatus &status) {
        return status.code;
    } catch (const Error &e) {
        std::cerr << "Error: " << e.what() << "\n";
        return exitCodeFor(e);
    } catch (const std::exception &e) {
        std::cerr << "Error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
