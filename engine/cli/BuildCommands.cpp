// SPDX-License-Identifier: GPL-3.0-or-later
// `build`: Docker 20.10's `docker build` with the classic builder
// (DOCKER_BUILDKIT=0): the client's "Sending build context" line, the
// daemon's step transcript streamed as it happens, and Docker's three ways
// of failing: the client's own ("unable to prepare context: …"), the
// daemon refusing before any step ("Error response from daemon: …"), and a
// step failing mid-stream (the message bare; a RUN's exit code as status).
#include "engine/Error.h"
#include "engine/build/BuildFailed.h"
#include "engine/build/BuildOptions.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ExitStatus.h"
#include "engine/cli/TransferPrinter.h"
#include "engine/cli/format/HumanSize.h"
#include "engine/image/ImageStore.h"

#include <cstdlib>
#include <sstream>
#include <unistd.h>

namespace strata::engine::cli {
namespace {

struct BuildFlags {
    std::string context;
    std::vector<std::string> tags;
    std::string file;
    std::vector<std::string> buildArgs;
    std::vector<std::string> labels;
    bool noCache = false;
    bool rm = true;
    bool forceRm = false;
    std::string target;
    bool quiet = false;
};

std::string readAll(int fd)
{
    std::string out;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return out;
        out.append(buf, static_cast<std::size_t>(n));
    }
}

// "K=V", or "K" taken from the environment (dropped when unset), as Docker.
std::map<std::string, std::string> keyValues(const std::vector<std::string> &items, bool fromEnv)
{
    std::map<std::string, std::string> out;
    for (const auto &kv : items) {
        const std::size_t eq = kv.find('=');
        if (eq != std::string::npos) {
            out[kv.substr(0, eq)] = kv.substr(eq + 1);
        } else if (fromEnv) {
            if (const char *v = std::getenv(kv.c_str()))
                out[kv] = v;
        } else {
            out[kv] = "";
        }
    }
    return out;
}

build::BuildOptions toOptions(CliContext &ctx, const BuildFlags &f, std::ostream &out)
{
    build::BuildOptions o;
    for (const auto &t : f.tags) {
        try {
            (void)image::normaliseTag(t);
        } catch (const Error &) {
            ctx.err << "invalid argument \"" << t << "\" for \"-t, --tag\" flag: invalid reference format\n"
                    << "See 'strata build --help'.\n";
            throw ExitStatus{125};
        }
    }
    if (f.context == "-") {
        if (!f.file.empty() && f.file != "-") {
            ctx.err << "unable to prepare context: -f cannot be used with a Dockerfile read from stdin\n";
            throw ExitStatus{1};
        }
        o.dockerfileText = readAll(ctx.inFd);
    } else {
        o.context = f.context;
        if (f.file == "-")
            o.dockerfileText = readAll(ctx.inFd);
        else
            o.dockerfile = f.file;
    }
    o.tags = f.tags;
    o.buildArgs = keyValues(f.buildArgs, true);
    o.labels = keyValues(f.labels, false);
    o.noCache = f.noCache;
    o.removeIntermediate = f.rm || f.forceRm;
    o.forceRemove = f.forceRm;
    o.target = f.target;
    o.output = [&out](const std::string &text) { out << text << std::flush; };
    o.contextSent = [&out](std::uint64_t bytes) {
        out << "Sending build context to Strata engine  " << units::humanSize(static_cast<double>(bytes)) << "\n"
            << std::flush;
    };
    return o;
}

void runBuild(CliContext &ctx, const BuildFlags &f)
{
    std::ostringstream quietLog; // -q: shown only when the build fails, as Docker does
    std::ostream &out = f.quiet ? static_cast<std::ostream &>(quietLog) : ctx.out;
    build::BuildOptions options = toOptions(ctx, f, out);
    // FROM of a missing image: the pull's lines in the transcript, as `docker build` prints them.
    TransferPrinter pulling(out, !f.quiet && ctx.stdoutIsTerminal());
    options.pullProgress = pulling.sink(false);
    try {
        const build::BuildOutcome result = ctx.engine().buildImage(options);
        if (f.quiet)
            ctx.out << result.id.str() << "\n";
    } catch (const build::BuildFailed &e) {
        if (f.quiet)
            ctx.err << quietLog.str();
        switch (e.phase()) {
        case build::FailurePhase::Context: ctx.err << e.message() << "\n"; break;
        case build::FailurePhase::Parse: ctx.err << "Error response from daemon: " << e.message() << "\n"; break;
        case build::FailurePhase::Step: ctx.err << e.message() << "\n"; break;
        }
        throw ExitStatus{e.exitStatus()};
    }
}

} // namespace

void registerBuildCommands(CLI::App &app, CliContext &ctx)
{
    auto f = std::make_shared<BuildFlags>();
    CLI::App *c = app.add_subcommand("build", "Build an image from a Dockerfile (the classic builder)");
    c->add_option("-t,--tag", f->tags, "Name and optionally a tag in the 'name:tag' format");
    c->add_option("-f,--file", f->file, "Name of the Dockerfile (default 'PATH/Dockerfile'; '-' reads stdin)");
    c->add_option("--build-arg", f->buildArgs, "Set build-time variables");
    c->add_option("--label", f->labels, "Set metadata for an image");
    c->add_flag("--no-cache", f->noCache, "Do not use cache when building the image");
    c->add_flag("--rm", f->rm, "Remove intermediate containers after a successful build (default true)");
    c->add_flag("--force-rm", f->forceRm, "Always remove intermediate containers");
    c->add_option("--target", f->target, "Set the target build stage to build");
    c->add_flag("-q,--quiet", f->quiet, "Suppress the build output and print image ID on success");
    c->add_option("CONTEXT", f->context, "The build context directory, or '-' for a Dockerfile on stdin")->required();
    c->callback([&ctx, f] { runBuild(ctx, *f); });
}

} // namespace strata::engine::cli
