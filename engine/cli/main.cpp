// SPDX-License-Identifier: GPL-3.0-or-later
// `strata`: Docker's verbs, flags and output over the Strata engine.
#include "engine/cli/CliContext.h"
#include "engine/cli/RunCli.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

using namespace strata::engine;

int main(int argc, char **argv)
{
    int status = 0;
    {
        cli::CliContext ctx;
        ctx.endsProcess = true;
        if (const char *root = std::getenv("STRATA_ROOT"); root && *root)
            ctx.root = root;
        status = cli::runCli(ctx, std::vector<std::string>(argv + 1, argv + argc));
    }
    // The static objects' destructors only free memory (capability names,
    // the default seccomp profile, parsed tables): the output is flushed and
    // the exit releases the rest (CliContext::endsProcess says why it pays).
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(status);
}
