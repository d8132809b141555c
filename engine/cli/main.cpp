// SPDX-License-Identifier: GPL-3.0-or-later
// `strata`: Docker's verbs, flags and output over the Strata engine.
#include "engine/cli/CliContext.h"
#include "engine/cli/RunCli.h"

#include <cstdlib>

using namespace strata::engine;

int main(int argc, char **argv)
{
    cli::CliContext ctx;
    if (const char *root = std::getenv("STRATA_ROOT"); root && *root)
        ctx.root = root;
    return cli::runCli(ctx, std::vector<std::string>(argv + 1, argv + argc));
}
