// SPDX-License-Identifier: GPL-3.0-or-later
// info, version, events.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/Output.h"
#include "engine/events/Journal.h"
#include "engine/store/StoreLayout.h"

#include <csignal>
#include <memory>

namespace strata::engine::cli {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;

// "1700000000", "2024-01-02T03:04:05Z", or a duration back from now: "10m", "2h", "30s".
timeutil::TimePoint parseWhen(const std::string &text)
{
    if (auto t = timeutil::parseRfc3339(text))
        return *t;
    if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(c) || c == '.'; }))
        return timeutil::TimePoint(std::chrono::nanoseconds(static_cast<std::int64_t>(std::stod(text) * 1e9)));
    if (text.size() >= 2) {
        const char unit = text.back();
        const std::string num = text.substr(0, text.size() - 1);
        const long long mult = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 0;
        if (mult && std::all_of(num.begin(), num.end(), ::isdigit))
            return timeutil::now() - std::chrono::seconds(std::stoll(num) * mult);
    }
    throw Error(ErrorCode::InvalidArgument, "invalid time \"" + text + "\": use unix seconds, RFC 3339 or 10m/2h/30s");
}

void runEvents(CliContext &ctx, const std::string &since, const std::string &until, const std::string &format)
{
    if (ctx.remoteHost())
        return runRemoteEvents(ctx, since, until, format);
    Engine &engine = ctx.engine();
    events::Journal journal(engine.root() / "journal");
    events::Journal::ReadOptions o;
    if (!since.empty())
        o.since = parseWhen(since);
    if (!until.empty())
        o.until = parseWhen(until);
    o.follow = until.empty();
    std::signal(SIGINT, [](int) { g_interrupted = 1; });
    std::signal(SIGTERM, [](int) { g_interrupted = 1; });
    o.stop = [] { return g_interrupted != 0; };
    if (!o.since && o.follow) {
        // Like `docker events`: only what happens from now on.
        o.since = timeutil::now();
    }
    journal.read(o, [&](const events::Event &e) {
        if (format.empty()) {
            ctx.out << e.toJson().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        } else {
            InspectFormatter formatter(format);
            formatter.add(nlohmann::ordered_json::parse(e.toJson().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
            ctx.out << formatter.finish();
        }
        ctx.out.flush();
    });
}

void printInfo(CliContext &ctx)
{
    if (ctx.remoteHost())
        return printRemoteInfo(ctx);
    const EngineInfo i = ctx.engine().info();
    ctx.out << "Client:\n Context:    default\n Debug Mode: " << (ctx.debug ? "true" : "false") << "\n\n"
            << "Server:\n"
            << " Containers: " << i.containers << "\n"
            << "  Running: " << i.containersRunning << "\n"
            << "  Paused: " << i.containersPaused << "\n"
            << "  Stopped: " << i.containersStopped << "\n"
            << " Images: " << i.images << "\n"
            << " Server Version: " << i.version << "\n"
            << " Storage Driver: " << i.driver << "\n"
            << "  Why: " << i.driverReason << "\n"
            << " Network: " << i.networkMode << "\n"
            << "  Why: " << i.networkReason << "\n"
            << " Security Options:\n  " << (i.rootless ? "rootless" : "root (not rootless)") << "\n"
            << " Runtime: strata-shim (" << (i.runtimeMode.empty() ? "unknown" : i.runtimeMode) << ")\n";
    for (const auto &note : i.runtimeNotes)
        ctx.out << "  " << note << "\n";
    ctx.out
            << " Kernel Version: " << i.kernel << "\n"
            << " Operating System: " << i.os << "\n"
            << " Architecture: " << i.architecture << "\n"
            << " Docker Root Dir: " << i.root << "\n";
}

} // namespace

void registerSystemCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *info = app.add_subcommand("info", "Display system-wide information");
    info->callback([&ctx] { printInfo(ctx); });

    CLI::App *version = app.add_subcommand("version", "Show the Strata version information");
    version->callback([&ctx] {
        ctx.out << "Strata version " << STRATA_VERSION << "\n"
                << " Image formats: docker-archive, oci-archive, OCI layout (image-spec v1.1)\n";
    });

    struct Opts {
        std::string since, until, format;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *events = app.add_subcommand("events", "Get real time events from the engine (JSON lines)");
    events->add_option("--since", o->since, "Show events created since timestamp (unix, RFC 3339, or 10m)");
    events->add_option("--until", o->until, "Stream events until this timestamp");
    events->add_option("--format", o->format, "Format the output using the given Go template");
    events->callback([&ctx, o] { runEvents(ctx, o->since, o->until, o->format); });
    registerSystemStoreCommands(app, ctx);
}

} // namespace strata::engine::cli
