// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/RunCli.h"

#include "engine/Error.h"
#include "engine/cli/ExitStatus.h"
#include "engine/cli/UnknownInput.h"

#include <algorithm>

namespace strata::engine::cli {
namespace {

int exitCodeFor(const Error &e)
{
    // Docker's CLI exits 1 for daemon errors and 125 for its own usage errors.
    return e.code() == ErrorCode::InvalidArgument ? 125 : 1;
}

// The global options that take a value (registered in makeGlobalApp).
bool globalOptionTakesValue(const std::string &arg)
{
    for (const char *o : {"--root", "--driver", "-H", "--host", "--context", "--tlscacert", "--tlscert", "--tlskey"})
        if (arg == o)
            return true;
    return false;
}

// The verb `args` names when that is plain (global options, then the verb),
// else "". No --help anywhere: help may list every verb.
std::string plainVerb(const std::vector<std::string> &args)
{
    if (std::find(args.begin(), args.end(), "--help") != args.end())
        return {};
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a.empty() || a[0] != '-')
            return a;
        if (globalOptionTakesValue(a))
            ++i;
        else if (const auto eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
            if (!globalOptionTakesValue(a.substr(0, eq)))
                return {};
        } else if (a != "-D" && a != "--debug" && a != "--tls" && a != "--tlsverify") {
            return {}; // an option CLI11 would have to judge
        }
    }
    return {};
}

// The app and its global options, no verbs yet.
std::unique_ptr<CLI::App> makeGlobalApp(CliContext &ctx)
{
    auto app = std::make_unique<CLI::App>(
        "A container engine you can watch: Docker's verbs over a real image store.", "strata");
    app->require_subcommand(1);
    app->fallthrough();
    app->add_option("--root", ctx.root, "Store root directory (default $XDG_DATA_HOME/strata)");
    app->add_option("--driver", ctx.driver, "Union filesystem driver: overlay or userspace (default: probe)");
    app->add_flag("-D,--debug", ctx.debug, "Show error context in full");
    app->add_option("-H,--host", ctx.host, "A real engine to talk to: unix://PATH, tcp://HOST:PORT, ssh://USER@HOST, docker, podman");
    app->add_option("--context", ctx.context, "A Docker CLI context to talk to (see `docker context ls`)");
    app->add_flag("--tls", ctx.tls.tls, "Use TLS with a tcp:// host; implied by --tlsverify");
    app->add_flag("--tlsverify", ctx.tls.verify, "Use TLS and verify the host (default $DOCKER_TLS_VERIFY)");
    app->add_option("--tlscacert", ctx.tls.caFile, "Trust certs signed only by this CA (default $DOCKER_CERT_PATH/ca.pem)");
    app->add_option("--tlscert", ctx.tls.certFile, "Path to TLS certificate file (default $DOCKER_CERT_PATH/cert.pem)");
    app->add_option("--tlskey", ctx.tls.keyFile, "Path to TLS key file (default $DOCKER_CERT_PATH/key.pem)");
    return app;
}

// `run`, `create` and `start` parse exactly as in the whole app, whose
// making (every verb's options, twice for those under `container`) cost a
// `run --rm` about a millisecond: these verbs get an app with only themselves.
std::unique_ptr<CLI::App> makeAppFor(CliContext &ctx, const std::vector<std::string> &args)
{
    const std::string verb = plainVerb(args);
    if (verb != "run" && verb != "create" && verb != "start")
        return makeCliApp(ctx);
    auto app = makeGlobalApp(ctx);
    registerContainerRunCommands(*app, ctx);
    return app;
}

} // namespace

std::unique_ptr<CLI::App> makeCliApp(CliContext &ctx)
{
    auto app = makeGlobalApp(ctx);
    registerContainerCommands(*app, ctx);
    registerImageCommands(*app, ctx);
    registerImageViewCommands(*app, ctx);
    registerArchiveCommands(*app, ctx);
    registerSystemCommands(*app, ctx);
    registerVolumeCommands(*app, ctx);
    registerContainerFsCommands(*app, ctx);
    registerLessonCommands(*app, ctx);
    registerBuildCommands(*app, ctx);
    registerRegistryCommands(*app, ctx);
    registerNetworkCommands(*app, ctx);
    return app;
}

int runCli(CliContext &ctx, std::vector<std::string> args)
{
    auto app = makeAppFor(ctx, args);
    struct LeftToExit { // CliContext::endsProcess
        std::unique_ptr<CLI::App> &app;
        bool leave;
        ~LeftToExit()
        {
            if (leave)
                (void)app.release();
        }
    } leftToExit{app, ctx.endsProcess};
    const std::vector<std::string> typed = args;
    // run/create/exec take everything after the image or container as its
    // command, so the parser would not refuse a mistyped flag before it.
    if (const auto unknown = findUnknownInput(*app, typed); unknown && unknown->inPrefixCommand) {
        ctx.err << unknown->message;
        return unknown->exitCode;
    }
    try {
        // CLI11 consumes a reversed vector (last argument first).
        std::reverse(args.begin(), args.end());
        app->parse(args);
    } catch (const CLI::ParseError &e) {
        if (e.get_exit_code() != 0) { // not --help: name the word that was wrong, if one was
            if (const auto unknown = findUnknownInput(*app, typed)) {
                ctx.err << unknown->message;
                return unknown->exitCode;
            }
        }
        const int rc = app->exit(e, ctx.out, ctx.err);
        return rc == 0 ? 0 : 125;
    } catch (const ExitStatus &status) {
        return status.code;
    } catch (const Error &e) {
        ctx.err << "Error: " << e.what() << "\n";
        return exitCodeFor(e);
    } catch (const std::exception &e) {
        ctx.err << "Error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

int runCli(Engine &engine, const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    CliContext ctx(out, err);
    ctx.useEngine(engine);
    return runCli(ctx, args);
}

} // namespace strata::engine::cli
