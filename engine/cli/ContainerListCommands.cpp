// SPDX-License-Identifier: GPL-3.0-or-later
// ps (and `container ls`): Docker's columns and STATUS strings.
#include "engine/cli/CliContext.h"
#include "engine/cli/Output.h"
#include "engine/cli/format/HumanDuration.h"
#include "engine/cli/format/HumanSize.h"
#include "engine/cli/format/ListFormats.h"

#include <map>
#include <memory>

namespace strata::engine::cli {
namespace {

using Row = nlohmann::ordered_json;

struct PsFlags {
    bool all = false, quiet = false, latest = false, noTrunc = false, size = false;
    int last = -1;
    std::string format;
};

std::optional<units::Clock::time_point> timeOf(const std::string &rfc3339)
{
    if (rfc3339.empty())
        return std::nullopt;
    auto t = timeutil::parseRfc3339(rfc3339);
    if (!t)
        return std::nullopt;
    return std::chrono::time_point_cast<units::Clock::duration>(*t);
}

} // namespace

std::string statusText(const container::State &s, units::Clock::time_point now)
{
    units::ContainerStatus cs;
    cs.running = s.running();
    cs.paused = s.paused();
    cs.restarting = s.status == container::Status::Restarting;
    cs.removing = s.status == container::Status::Removing;
    cs.dead = s.status == container::Status::Dead;
    cs.exitCode = s.exitCode;
    cs.startedAt = timeOf(s.startedAt);
    cs.finishedAt = timeOf(s.finishedAt);
    return units::containerStatus(cs, now);
}

namespace {

// Go's strconv.Quote for the text Docker puts in COMMAND.
std::string goQuote(const std::string &s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\')
            out += '\\', out += static_cast<char>(c);
        else if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else
            out += static_cast<char>(c);
    }
    return out + "\"";
}

// ps -s's SIZE as Docker prints it: the read-write layer's bytes, then the
// whole root file system's (image + layer) as "virtual".
std::string sizeColumn(Engine &engine, const ContainerSummary &c, const std::map<std::string, std::uint64_t> &imageBytes)
{
    std::uint64_t rw = 0;
    try {
        rw = engine.containerLayerUsage(c.id, 0).bytes;
    } catch (const Error &) {
        // removed meanwhile: 0B, as Docker shows a container it cannot size
    }
    const auto image = imageBytes.find(c.imageId.str());
    const std::uint64_t virt = rw + (image == imageBytes.end() ? 0 : image->second);
    return units::humanSizeWithPrecision(static_cast<double>(rw), 3) + " (virtual " +
           units::humanSizeWithPrecision(static_cast<double>(virt), 3) + ")";
}

Row psRow(const ContainerSummary &c, bool noTrunc, units::Clock::time_point now, const std::string &size = "0B")
{
    Row r = Row::object();
    r["Command"] = goQuote(noTrunc ? c.command : ellipsis(c.command, 20));
    r["CreatedAt"] = createdAt(c.created);
    r["ID"] = noTrunc ? c.id : c.id.substr(0, 12);
    std::string image = c.image;
    if (!noTrunc && image.rfind("sha256:", 0) == 0)
        image = image.substr(7, 12);
    r["Image"] = image;
    std::string labels;
    for (const auto &[k, v] : c.labels)
        labels += (labels.empty() ? "" : ",") + k + "=" + v;
    r["Labels"] = labels;
    r["LocalVolumes"] = std::to_string(std::count_if(c.mounts.begin(), c.mounts.end(),
                                                     [](const auto &m) { return m.type == "volume"; }));
    std::string mounts;
    for (const auto &m : c.mounts)
        mounts += (mounts.empty() ? "" : ",") + (m.name.empty() ? m.source : m.name);
    r["Mounts"] = mounts;
    r["Names"] = c.name;
    r["Networks"] = c.networks;
    r["Ports"] = c.ports;
    r["RunningFor"] = units::timeAgo(units::Clock::from_time_t(c.created), now);
    r["Size"] = size;
    r["State"] = container::toString(c.state.status);
    r["Status"] = c.statusText.empty() ? statusText(c.state, now) : c.statusText;
    return r;
}

void runPs(CliContext &ctx, const PsFlags &f)
{
    int last = f.latest ? 1 : f.last;
    auto *host = ctx.remoteHost();
    auto list = host ? host->containers(f.all || last > 0) : ctx.engine().containers(f.all || last > 0);
    if (last > 0 && static_cast<int>(list.size()) > last)
        list.resize(static_cast<std::size_t>(last));
    const auto now = units::Clock::now();
    std::vector<Row> rows;
    std::map<std::string, std::uint64_t> imageBytes; // listed once, not per container
    if (f.size && !host)
        for (const auto &img : ctx.engine().images())
            imageBytes[img.id.str()] = img.size;
    for (const auto &c : list)
        rows.push_back(psRow(c, f.noTrunc, now, f.size && !host ? sizeColumn(ctx.engine(), c, imageBytes) : "0B"));
    printList(ctx.out, containerListFormat(f.format, f.quiet, f.size), rows);
}

void addPs(CLI::App &parent, CliContext &ctx, const std::string &name, bool hidden)
{
    auto f = std::make_shared<PsFlags>();
    CLI::App *c = parent.add_subcommand(name, "List containers");
    if (hidden)
        c->group("");
    c->add_flag("-a,--all", f->all, "Show all containers (default shows just running)");
    c->add_flag("-q,--quiet", f->quiet, "Only display container IDs");
    c->add_flag("-l,--latest", f->latest, "Show the latest created container (includes all states)");
    c->add_option("-n,--last", f->last, "Show n last created containers (includes all states)");
    c->add_flag("--no-trunc", f->noTrunc, "Don't truncate output");
    c->add_flag("-s,--size", f->size, "Display total file sizes");
    c->add_option("--format", f->format, "Pretty-print containers using a Go template");
    c->callback([&ctx, f] { runPs(ctx, *f); });
}

} // namespace

void registerContainerListCommands(CLI::App &app, CliContext &ctx)
{
    addPs(app, ctx, "ps", false);
    CLI::App *group = app.get_subcommand("container");
    addPs(*group, ctx, "ls", false);
    addPs(*group, ctx, "ps", true);
    addPs(*group, ctx, "list", true);
}

} // namespace strata::engine::cli
