// SPDX-License-Identifier: GPL-3.0-or-later
// The container file-system verbs: commit, diff, cp, export — at the top
// level and under `strata container` (when that group exists).
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/StepPrompt.h"
#include "engine/cli/format/HumanSize.h"

#include <memory>
#include <optional>
#include <unistd.h>

namespace strata::engine::cli {
namespace {

struct CommitFlags {
    std::string ref;
    std::string repoTag;
    CommitOptions options;
    bool step = false;
};

void runCommit(CliContext &ctx, CommitFlags &f)
{
    if (!f.repoTag.empty())
        f.options.repoTag = f.repoTag;
    if (auto *host = ctx.remoteHost()) {
        ctx.out << host->lifecycle().commit(f.ref, f.options).str() << "\n";
        return;
    }
    Engine &engine = ctx.engine();
    const ScopedStepPrompt prompt(engine, ctx.err, f.step);
    const Digest id = engine.commitContainer(f.ref, f.options);
    ctx.out << id.str() << "\n";
}

// Docker's splitCpArg: "CONTAINER:PATH", unless the argument is an absolute
// or explicitly relative local path, or has no colon.
struct CpArg {
    std::string container; // "" = local
    std::string path;
};

CpArg splitCpArg(const std::string &arg)
{
    if (arg.empty() || arg.front() == '/' || arg.rfind("./", 0) == 0 || arg.rfind("../", 0) == 0)
        return {"", arg};
    const auto colon = arg.find(':');
    if (colon == std::string::npos)
        return {"", arg};
    return {arg.substr(0, colon), arg.substr(colon + 1)};
}

struct CpFlags {
    std::string src;
    std::string dst;
    CopyOptions options;
    bool quiet = false;
};

void runCp(CliContext &ctx, const CpFlags &f)
{
    const CpArg src = splitCpArg(f.src);
    const CpArg dst = splitCpArg(f.dst);
    if (src.container.empty() && dst.container.empty())
        throw Error(ErrorCode::InvalidArgument, "must specify at least one container source");
    if (!src.container.empty() && !dst.container.empty())
        throw Error(ErrorCode::InvalidArgument, "copying between containers is not supported");
    if (!src.container.empty() && dst.path == "-") { // a tar of the path on stdout, as docker cp does
        ctx.out.flush();
        (void)ctx.engine().archiveFromContainer(src.container, src.path, STDOUT_FILENO, f.options);
        return;
    }
    if (src.path == "-") { // a tar on stdin, extracted into a directory of the container
        (void)ctx.engine().extractToContainer(STDIN_FILENO, dst.container, dst.path);
        return;
    }
    const CopyOutcome done = !src.container.empty()
                                 ? ctx.engine().copyFromContainer(src.container, src.path, dst.path, f.options)
                                 : ctx.engine().copyToContainer(src.path, dst.container, dst.path, f.options);
    // Docker prints this progress line only to a terminal (-q silences it).
    if (!f.quiet && ctx.stderrIsTerminal())
        ctx.err << "Successfully copied " << units::humanSizeWithPrecision(static_cast<double>(done.bytes), 3)
                << " to " << f.dst << "\n";
}

struct ExportFlags {
    std::string ref;
    std::string output;
};

void runExport(CliContext &ctx, const ExportFlags &f)
{
    if (f.output.empty() && ctx.stdoutIsTerminal())
        throw Error(ErrorCode::InvalidArgument, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
    ctx.out.flush();
    ctx.engine().exportContainer(f.ref, f.output.empty() ? "-" : f.output, STDOUT_FILENO);
}

void registerOn(CLI::App &app, CliContext &ctx)
{
    {
        auto f = std::make_shared<CommitFlags>();
        CLI::App *c = app.add_subcommand("commit", "Create a new image from a container's changes");
        c->add_option("container", f->ref, "CONTAINER")->required();
        c->add_option("repository", f->repoTag, "[REPOSITORY[:TAG]]");
        c->add_option("-m,--message", f->options.message, "Commit message");
        c->add_option("-a,--author", f->options.author, "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")");
        c->add_option("-c,--change", f->options.changes, "Apply Dockerfile instruction to the created image")
            ->allow_extra_args(false);
        c->add_flag("-p,--pause", f->options.pause, "Pause container during commit (default true)");
        c->add_flag("--step", f->step, "Stop at each phase (freeze, diff, write layer, write config, tag) until Enter");
        c->callback([&ctx, f] { runCommit(ctx, *f); });
    }
    {
        auto ref = std::make_shared<std::string>();
        CLI::App *c = app.add_subcommand("diff", "Inspect changes to files or directories on a container's filesystem");
        c->add_option("container", *ref, "CONTAINER")->required();
        c->callback([&ctx, ref] {
            if (auto *host = ctx.remoteHost()) {
                for (const auto &line : host->changes(*ref))
                    ctx.out << line << "\n";
                return;
            }
            for (const auto &change : ctx.engine().diffContainer(*ref))
                ctx.out << change.line() << "\n";
        });
    }
    {
        auto f = std::make_shared<CpFlags>();
        CLI::App *c = app.add_subcommand("cp", "Copy files/folders between a container and the local filesystem");
        c->add_option("src", f->src, "CONTAINER:SRC_PATH | SRC_PATH")->required();
        c->add_option("dest", f->dst, "DEST_PATH | CONTAINER:DEST_PATH")->required();
        c->add_flag("-L,--follow-link", f->options.followLink, "Always follow symbol link in SRC_PATH");
        c->add_flag("-a,--archive", f->options.archive, "Archive mode (copy all uid/gid information)");
        c->add_flag("-q,--quiet", f->quiet, "Suppress progress output during copy");
        c->callback([&ctx, f] { runCp(ctx, *f); });
    }
    {
        auto f = std::make_shared<ExportFlags>();
        CLI::App *c = app.add_subcommand("export", "Export a container's filesystem as a tar archive");
        c->add_option("container", f->ref, "CONTAINER")->required();
        c->add_option("-o,--output", f->output, "Write to a file, instead of STDOUT");
        c->callback([&ctx, f] { runExport(ctx, *f); });
    }
}

} // namespace

void registerContainerFsCommands(CLI::App &app, CliContext &ctx)
{
    registerOn(app, ctx);
    try {
        registerOn(*app.get_subcommand("container"), ctx);
    } catch (const CLI::OptionNotFound &) {
        // No `container` group in this build: the top-level verbs suffice.
    }
}

} // namespace strata::engine::cli
