// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/CliCommandRunner.h"

#include "engine/cli/CliContext.h"
#include "engine/cli/RunCli.h"

namespace strata::engine::cli {

lesson::CommandRunner commandRunner()
{
    return [](Engine &engine, const std::vector<std::string> &args, const lesson::CommandStreams &io) {
        CliContext ctx(io.out, io.err);
        ctx.useEngine(engine);
        ctx.inFd = io.inFd;
        ctx.outFd = io.outFd;
        ctx.errFd = io.errFd;
        return runCli(ctx, args);
    };
}

} // namespace strata::engine::cli
