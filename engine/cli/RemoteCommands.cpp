// SPDX-License-Identifier: GPL-3.0-or-later
// The host side of verbs whose output has no engine summary to share:
// `info` and `events` against a real Docker or Podman engine.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/Output.h"

#include <memory>

namespace strata::engine::cli {
namespace {

std::string text(const nlohmann::json &j, const char *key)
{
    if (!j.contains(key))
        return "";
    return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

remote::RemoteHost &requireHost(CliContext &ctx)
{
    auto *host = ctx.remoteHost();
    if (!host)
        throw Error(ErrorCode::Unsupported, "Strata's own engine has no networks: `network` needs a host (-H URL)");
    return *host;
}

// formatter.NewNetworkFormat: NETWORK ID, NAME, DRIVER, SCOPE.
ListFormat networkListFormat(const std::string &source, bool quiet)
{
    ListFormat f;
    f.contextType = "*formatter.networkContext";
    f.headers = {{"ID", "NETWORK ID"}, {"Name", "NAME"},         {"Driver", "DRIVER"}, {"Scope", "SCOPE"},
                 {"IPv6", "IPV6"},     {"Internal", "INTERNAL"}, {"Labels", "LABELS"}, {"CreatedAt", "CREATED AT"}};
    if (source.empty() || source == "table")
        f.format = quiet ? "{{.ID}}" : "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
    else
        f.format = source;
    return f;
}

} // namespace

void registerRemoteNetworkCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *network = app.add_subcommand("network", "Manage a host's networks (with -H)");
    network->require_subcommand(1);
    struct Opts {
        bool quiet = false, noTrunc = false;
        std::string format;
        std::vector<std::string> names;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *ls = network->add_subcommand("ls", "List networks");
    ls->alias("list");
    ls->add_flag("-q,--quiet", o->quiet, "Only display network IDs");
    ls->add_flag("--no-trunc", o->noTrunc, "Do not truncate the output");
    ls->add_option("--format", o->format, "Pretty-print networks using a Go template");
    ls->callback([&ctx, o] {
        std::vector<nlohmann::ordered_json> rows;
        for (const auto &n : requireHost(ctx).networks()) {
            nlohmann::ordered_json r = nlohmann::ordered_json::object();
            const std::string id = text(n, "Id");
            r["CreatedAt"] = text(n, "Created");
            r["Driver"] = text(n, "Driver");
            r["ID"] = o->noTrunc ? id : id.substr(0, 12);
            r["IPv6"] = n.value("EnableIPv6", false) ? "true" : "false";
            r["Internal"] = n.value("Internal", false) ? "true" : "false";
            std::string labels;
            if (n.contains("Labels") && n["Labels"].is_object())
                for (const auto &[k, v] : n["Labels"].items())
                    labels += (labels.empty() ? "" : ",") + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
            r["Labels"] = labels;
            r["Name"] = text(n, "Name");
            r["Scope"] = text(n, "Scope");
            rows.push_back(std::move(r));
        }
        printList(ctx.out, networkListFormat(o->format, o->quiet), rows);
    });
    CLI::App *inspect = network->add_subcommand("inspect", "Display detailed information on one or more networks");
    inspect->add_option("network", o->names, "NETWORK [NETWORK...]")->required();
    inspect->add_option("-f,--format", o->format, "Format the output using the given Go template");
    inspect->callback([&ctx, o] {
        remote::RemoteHost &host = requireHost(ctx);
        printInspected(ctx.out, ctx.err, o->format, o->names,
                       [&](const std::string &name) { return host.inspectNetwork(name); });
    });
}

void printRemoteInfo(CliContext &ctx)
{
    remote::RemoteHost &host = *ctx.remoteHost();
    remote::ApiClient &api = host.api();
    const auto i = api.getJson("/info");
    ctx.out << "Client:\n Context:    " << (ctx.context.empty() ? "default" : ctx.context)
            << "\n Debug Mode: " << (ctx.debug ? "true" : "false") << "\n\n"
            << "Server:\n"
            << " Host: " << api.host().text << "\n"
            << " Engine: " << api.engineName() << " (Engine API " << api.apiVersion() << ")\n"
            << " Containers: " << text(i, "Containers") << "\n"
            << "  Running: " << text(i, "ContainersRunning") << "\n"
            << "  Paused: " << text(i, "ContainersPaused") << "\n"
            << "  Stopped: " << text(i, "ContainersStopped") << "\n"
            << " Images: " << text(i, "Images") << "\n"
            << " Server Version: " << text(i, "ServerVersion") << "\n"
            << " Storage Driver: " << text(i, "Driver") << "\n"
            << " Kernel Version: " << text(i, "KernelVersion") << "\n"
            << " Operating System: " << text(i, "OperatingSystem") << "\n"
            << " Architecture: " << text(i, "Architecture") << "\n"
            << " Docker Root Dir: " << text(i, "DockerRootDir") << "\n";
}

void runRemoteEvents(CliContext &ctx, const std::string &since, const std::string &until, const std::string &format)
{
    ctx.remoteHost()->events(since, until, [&](const nlohmann::json &e) {
        if (format.empty()) {
            ctx.out << e.dump() << "\n";
        } else {
            InspectFormatter formatter(format);
            formatter.add(nlohmann::ordered_json::parse(e.dump()));
            ctx.out << formatter.finish();
        }
        ctx.out.flush();
        return true;
    });
}

} // namespace strata::engine::cli
