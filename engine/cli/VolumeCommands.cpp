// SPDX-License-Identifier: GPL-3.0-or-later
// `volume create|ls|inspect|rm|prune`, with Docker's flags, tables and messages.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ExitStatus.h"
#include "engine/cli/KeyValues.h"
#include "engine/cli/Output.h"
#include "engine/cli/format/HumanSize.h"
#include "engine/cli/format/ListFormats.h"

#include <iostream>
#include <memory>

namespace strata::engine::cli {
namespace {

using Row = nlohmann::ordered_json;

std::string labelsText(const std::map<std::string, std::string> &labels)
{
    std::string s;
    for (const auto &[k, v] : labels)
        s += (s.empty() ? "" : ",") + k + "=" + v;
    return s;
}

// `volume ls -f`: dangling, name (substring), driver, label (k or k=v).
struct VolumeFilters {
    std::multimap<std::string, std::string> terms;

    static VolumeFilters parse(const std::vector<std::string> &raw)
    {
        VolumeFilters f;
        for (const auto &t : raw) {
            const auto eq = t.find('=');
            if (eq == std::string::npos)
                throw Error(ErrorCode::InvalidArgument, "bad format of filter (expected name=value)");
            const std::string key = t.substr(0, eq), value = t.substr(eq + 1);
            if (key != "dangling" && key != "name" && key != "driver" && key != "label")
                throw Error(ErrorCode::InvalidArgument, "Invalid filter '" + key + "'");
            if (key == "dangling" && value != "true" && value != "false" && value != "1" && value != "0")
                throw Error(ErrorCode::InvalidArgument, "Invalid filter 'dangling=" + value + "'");
            f.terms.emplace(key, value);
        }
        return f;
    }

    // Terms of one key are alternatives (OR); different keys must all hold.
    [[nodiscard]] bool accepts(const VolumeSummary &v) const
    {
        for (const char *key : {"dangling", "name", "driver", "label"}) {
            const auto [lo, hi] = terms.equal_range(key);
            if (lo == hi)
                continue;
            bool any = false;
            for (auto it = lo; it != hi && !any; ++it)
                any = match(key, it->second, v);
            if (!any)
                return false;
        }
        return true;
    }

    static bool match(const std::string &key, const std::string &value, const VolumeSummary &v)
    {
        if (key == "dangling")
            return v.usedBy.empty() == (value == "true" || value == "1");
        if (key == "name")
            return v.name.find(value) != std::string::npos;
        if (key == "driver")
            return v.driver == value;
        const auto eq = value.find('=');
        const auto it = v.labels.find(value.substr(0, eq));
        return it != v.labels.end() && (eq == std::string::npos || it->second == value.substr(eq + 1));
    }
};

void addCreate(CLI::App &volume, CliContext &ctx)
{
    struct Opts {
        std::string name, driver = "local";
        std::vector<std::string> labels, options;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = volume.add_subcommand("create", "Create a volume");
    c->add_option("name", o->name, "VOLUME NAME (default: a random 64-hex name)");
    c->add_option("-d,--driver", o->driver, "Specify volume driver name (only \"local\")");
    c->add_option("--label", o->labels, "Set metadata for a volume");
    c->add_option("-o,--opt", o->options, "Set driver specific options (not supported by strata)");
    c->callback([&ctx, o] {
        if (!o->options.empty())
            throw Error(ErrorCode::Unsupported,
                        "volume driver options (-o) are not supported: strata volumes are plain directories");
        VolumeCreateOptions opts;
        opts.name = o->name;
        opts.driver = o->driver;
        opts.labels = keyValues(o->labels);
        ctx.out << ctx.engine().createVolume(opts) << "\n";
    });
}

void addList(CLI::App &volume, CliContext &ctx)
{
    struct Opts {
        bool quiet = false;
        std::vector<std::string> filters;
        std::string format;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = volume.add_subcommand("ls", "List volumes");
    c->alias("list");
    c->add_flag("-q,--quiet", o->quiet, "Only display volume names");
    c->add_option("-f,--filter", o->filters, "Provide filter values (e.g. 'dangling=true')");
    c->add_option("--format", o->format, "Pretty-print volumes using a Go template");
    c->callback([&ctx, o] {
        const VolumeFilters filters = VolumeFilters::parse(o->filters);
        std::vector<Row> rows;
        auto *host = ctx.remoteHost();
        for (const auto &v : host ? host->volumes() : ctx.engine().volumes()) {
            if (!filters.accepts(v))
                continue;
            Row r = Row::object();
            r["Availability"] = "N/A";
            r["Driver"] = v.driver;
            r["Group"] = "N/A";
            r["Labels"] = labelsText(v.labels);
            r["Links"] = "N/A";
            r["Mountpoint"] = v.mountpoint;
            r["Name"] = v.name;
            r["Scope"] = "local";
            r["Size"] = "N/A";
            r["Status"] = "N/A";
            rows.push_back(std::move(r));
        }
        printList(ctx.out, volumeListFormat(o->format, o->quiet), rows);
    });
}

void addInspect(CLI::App &volume, CliContext &ctx)
{
    struct Opts {
        std::vector<std::string> names;
        std::string format;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = volume.add_subcommand("inspect", "Display detailed information on one or more volumes");
    c->add_option("volume", o->names, "VOLUME [VOLUME...]")->required();
    c->add_option("-f,--format", o->format, "Format the output using the given Go template");
    c->callback([&ctx, o] {
        auto *host = ctx.remoteHost();
        printInspected(ctx.out, ctx.err, o->format, o->names, [&](const std::string &name) {
            return host ? host->inspectVolume(name) : ctx.engine().inspectVolume(name);
        });
    });
}

void addRemove(CLI::App &volume, CliContext &ctx)
{
    struct Opts {
        std::vector<std::string> names;
        bool force = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = volume.add_subcommand("rm", "Remove one or more volumes");
    c->alias("remove");
    c->add_option("volume", o->names, "VOLUME [VOLUME...]")->required();
    c->add_flag("-f,--force", o->force, "Force the removal of one or more volumes");
    c->callback([&ctx, o] {
        int failed = 0;
        for (const auto &name : o->names) {
            try {
                ctx.engine().removeVolume(name, o->force);
                ctx.out << name << "\n";
            } catch (const Error &e) {
                ctx.err << "Error: " << e.what() << "\n";
                ++failed;
            }
        }
        if (failed)
            throw ExitStatus{1};
    });
}

} // namespace

bool confirmed(CliContext &ctx, const std::string &warning)
{
    ctx.out << warning << "\nAre you sure you want to continue? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

namespace {

void addPrune(CLI::App &volume, CliContext &ctx)
{
    auto force = std::make_shared<bool>(false);
    auto filters = std::make_shared<std::vector<std::string>>();
    CLI::App *c = volume.add_subcommand("prune", "Remove all unused local volumes");
    c->add_flag("-f,--force", *force, "Do not prompt for confirmation");
    c->add_option("--filter", *filters, "Provide filter values (e.g. 'label=<label>')");
    c->callback([&ctx, force, filters] {
        if (!filters->empty())
            throw Error(ErrorCode::Unsupported, "volume prune --filter is not supported");
        if (!*force && !confirmed(ctx, "WARNING! This will remove all local volumes not used by at least one container."))
            return;
        const VolumePruneReport report = ctx.engine().pruneVolumes();
        if (!report.removed.empty()) {
            ctx.out << "Deleted Volumes:\n";
            for (const auto &name : report.removed)
                ctx.out << name << "\n";
            ctx.out << "\n";
        }
        ctx.out << "Total reclaimed space: " << units::humanSize(static_cast<double>(report.reclaimedBytes)) << "\n";
    });
}

} // namespace

void registerVolumeCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *volume = app.add_subcommand("volume", "Manage volumes");
    volume->require_subcommand(1);
    addCreate(*volume, ctx);
    addList(*volume, ctx);
    addInspect(*volume, ctx);
    addRemove(*volume, ctx);
    addPrune(*volume, ctx);
}

} // namespace strata::engine::cli
