// SPDX-License-Identifier: GPL-3.0-or-later
// `network create|ls|inspect|rm|prune|connect|disconnect` and `port`, with
// Docker's flags, tables and messages. With -H, ls and inspect ask the host.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ExitStatus.h"
#include "engine/cli/KeyValues.h"
#include "engine/cli/Output.h"
#include "engine/network/Ports.h"

#include <algorithm>
#include <memory>

namespace strata::engine::cli {
namespace {

using Row = nlohmann::ordered_json;

std::string text(const nlohmann::ordered_json &j, const char *key)
{
    if (!j.contains(key))
        return "";
    return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
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

bool builtin(const nlohmann::ordered_json &n)
{
    const std::string name = text(n, "Name");
    return name == "bridge" || name == "host" || name == "none";
}

// `network ls -f`: driver, id (prefix), label (k or k=v), name (substring),
// scope, type (builtin|custom), dangling (no container attached).
bool accepts(const std::multimap<std::string, std::string> &terms, const nlohmann::ordered_json &n)
{
    for (const char *key : {"driver", "id", "label", "name", "scope", "type", "dangling"}) {
        const auto [lo, hi] = terms.equal_range(key);
        if (lo == hi)
            continue;
        bool any = false;
        for (auto it = lo; it != hi && !any; ++it) {
            const std::string &v = it->second;
            const std::string k = key;
            if (k == "driver")
                any = text(n, "Driver") == v;
            else if (k == "id")
                any = text(n, "Id").rfind(v, 0) == 0;
            else if (k == "name")
                any = text(n, "Name").find(v) != std::string::npos;
            else if (k == "scope")
                any = text(n, "Scope") == v;
            else if (k == "type")
                any = (v == "builtin") == builtin(n);
            else if (k == "dangling")
                any = (n.contains("Containers") && n["Containers"].empty()) == (v == "true" || v == "1");
            else if (k == "label") {
                const auto eq = v.find('=');
                const std::string lk = v.substr(0, eq);
                any = n.contains("Labels") && n["Labels"].is_object() && n["Labels"].contains(lk) &&
                      (eq == std::string::npos || n["Labels"][lk] == v.substr(eq + 1));
            }
        }
        if (!any)
            return false;
    }
    return true;
}

std::multimap<std::string, std::string> parseFilters(const std::vector<std::string> &raw)
{
    std::multimap<std::string, std::string> terms;
    for (const auto &t : raw) {
        const auto eq = t.find('=');
        if (eq == std::string::npos)
            throw Error(ErrorCode::InvalidArgument, "bad format of filter (expected name=value)");
        const std::string key = t.substr(0, eq);
        static const std::vector<std::string> known{"driver", "id", "label", "name", "scope", "type", "dangling"};
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw Error(ErrorCode::InvalidArgument, "Invalid filter '" + key + "'");
        terms.emplace(key, t.substr(eq + 1));
    }
    return terms;
}

// Docker's CLI prints "No such network" for rm/inspect of an unknown name.
std::string noSuchNetwork(const Error &e, const std::string &ref)
{
    return e.code() == ErrorCode::NotFound ? "No such network: " + ref : e.message();
}

} // namespace

void registerNetworkCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *network = app.add_subcommand("network", "Manage networks");
    network->require_subcommand(1);

    struct CreateOpts {
        std::string name, driver = "bridge", subnet, gateway;
        bool internal = false;
        std::vector<std::string> labels, options;
    };
    auto c = std::make_shared<CreateOpts>();
    CLI::App *create = network->add_subcommand("create", "Create a network");
    create->add_option("name", c->name, "NETWORK")->required();
    create->add_option("-d,--driver", c->driver, "Driver to manage the Network (bridge)");
    create->add_option("--subnet", c->subnet, "Subnet in CIDR format that represents a network segment");
    create->add_option("--gateway", c->gateway, "IPv4 Gateway for the master subnet");
    create->add_flag("--internal", c->internal, "Restrict external access to the network");
    create->add_option("--label", c->labels, "Set metadata on a network")->allow_extra_args(false);
    create->add_option("-o,--opt", c->options, "Set driver specific options")->allow_extra_args(false);
    create->callback([&ctx, c] {
        NetworkCreateOptions o;
        o.name = c->name;
        o.driver = c->driver;
        o.subnet = c->subnet;
        o.gateway = c->gateway;
        o.internal = c->internal;
        o.labels = keyValues(c->labels);
        o.options = keyValues(c->options);
        ctx.out << ctx.engine().createNetwork(o) << "\n";
    });

    struct ListOpts {
        bool quiet = false, noTrunc = false;
        std::string format;
        std::vector<std::string> filters, names;
        bool force = false;
        std::vector<std::string> aliases;
        std::string ip;
    };
    auto o = std::make_shared<ListOpts>();
    CLI::App *ls = network->add_subcommand("ls", "List networks");
    ls->alias("list");
    ls->add_flag("-q,--quiet", o->quiet, "Only display network IDs");
    ls->add_flag("--no-trunc", o->noTrunc, "Do not truncate the output");
    ls->add_option("--format", o->format, "Pretty-print networks using a Go template");
    ls->add_option("-f,--filter", o->filters, "Provide filter values (e.g. 'driver=bridge')")->allow_extra_args(false);
    ls->callback([&ctx, o] {
        const auto terms = parseFilters(o->filters);
        std::vector<nlohmann::ordered_json> all;
        if (auto *host = ctx.remoteHost()) {
            for (const auto &n : host->networks())
                all.push_back(nlohmann::ordered_json::parse(n.dump()));
        } else {
            all = ctx.engine().networks();
        }
        std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) { return text(a, "Name") < text(b, "Name"); });
        std::vector<Row> rows;
        for (const auto &n : all) {
            if (!accepts(terms, n))
                continue;
            Row r = Row::object();
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
        if (auto *host = ctx.remoteHost()) {
            printInspected(ctx.out, ctx.err, o->format, o->names,
                           [&](const std::string &name) { return host->inspectNetwork(name); });
            return;
        }
        printInspected(ctx.out, ctx.err, o->format, o->names, [&](const std::string &name) {
            try {
                return ctx.engine().inspectNetwork(name);
            } catch (const Error &e) {
                throw Error(e.code(), noSuchNetwork(e, name));
            }
        });
    });

    CLI::App *rm = network->add_subcommand("rm", "Remove one or more networks");
    rm->alias("remove");
    rm->add_option("network", o->names, "NETWORK [NETWORK...]")->required();
    rm->add_flag("-f,--force", o->force, "Do not error if the network does not exist");
    rm->callback([&ctx, o] {
        bool failed = false;
        for (const auto &name : o->names) {
            try {
                ctx.engine().removeNetwork(name);
                ctx.out << name << "\n";
            } catch (const Error &e) {
                if (o->force && e.code() == ErrorCode::NotFound)
                    continue;
                ctx.err << "Error: " << noSuchNetwork(e, name) << "\n";
                failed = true;
            }
        }
        if (failed)
            throw ExitStatus{1};
    });

    CLI::App *prune = network->add_subcommand("prune", "Remove all unused networks");
    prune->add_flag("-f,--force", o->force, "Do not prompt for confirmation");
    prune->callback([&ctx] {
        const auto removed = ctx.engine().pruneNetworks();
        if (removed.empty())
            return;
        ctx.out << "Deleted Networks:\n";
        for (const auto &n : removed)
            ctx.out << n << "\n";
    });

    CLI::App *connect = network->add_subcommand("connect", "Connect a container to a network");
    connect->add_option("network", o->names, "NETWORK CONTAINER")->required()->expected(2);
    connect->add_option("--alias", o->aliases, "Add network-scoped alias for the container")->allow_extra_args(false);
    connect->add_option("--ip", o->ip, "IPv4 address (e.g., 172.30.100.104)");
    connect->callback([&ctx, o] {
        NetworkConnectOptions opts;
        opts.aliases = o->aliases;
        opts.ip = o->ip;
        ctx.engine().connectNetwork(o->names[0], o->names[1], opts);
    });

    CLI::App *disconnect = network->add_subcommand("disconnect", "Disconnect a container from a network");
    disconnect->add_option("network", o->names, "NETWORK CONTAINER")->required()->expected(2);
    disconnect->add_flag("-f,--force", o->force, "Force the container to disconnect from a network");
    disconnect->callback([&ctx, o] { ctx.engine().disconnectNetwork(o->names[0], o->names[1], o->force); });

    struct PortOpts {
        std::string container, port;
    };
    auto p = std::make_shared<PortOpts>();
    CLI::App *port = app.add_subcommand("port", "List port mappings or a specific mapping for the container");
    port->add_option("container", p->container, "CONTAINER")->required();
    port->add_option("port", p->port, "PRIVATE_PORT[/PROTO]");
    port->callback([&ctx, p] {
        const auto lines = network::portLines(ctx.engine().containerPorts(p->container), p->port);
        if (lines.empty() && !p->port.empty()) {
            std::string key = p->port;
            if (key.find('/') == std::string::npos)
                key += "/tcp";
            ctx.err << "Error: No public port '" << key << "' published for " << p->container << "\n";
            throw ExitStatus{1};
        }
        for (const auto &l : lines)
            ctx.out << l << "\n";
    });
}

} // namespace strata::engine::cli
