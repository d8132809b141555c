// SPDX-License-Identifier: GPL-3.0-or-later
// `system check [--repair]`, `system df [-v]`, `system prune [-a] [--volumes] [-f]`:
// the whole store at once, with Docker's tables, prompt and messages.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ExitStatus.h"
#include "engine/cli/Output.h"
#include "engine/cli/format/HumanSize.h"
#include "engine/cli/format/TabWriter.h"
#include "engine/remote/LayerCache.h"

#include <sstream>

namespace strata::engine::cli {
namespace {

std::string sizeText(std::uint64_t bytes)
{
    return units::humanSize(static_cast<double>(bytes));
}

// docker/cli: "<size> (<pct>%)" when the total is not zero.
std::string reclaimableText(std::uint64_t reclaimable, std::uint64_t total)
{
    if (total == 0)
        return sizeText(reclaimable);
    return sizeText(reclaimable) + " (" + std::to_string(reclaimable * 100 / total) + "%)";
}

void printSummary(CliContext &ctx, const DiskUsage &du)
{
    std::uint64_t usedImages = 0;
    int activeImages = 0;
    for (const auto &i : du.images)
        if (i.summary.containers > 0) {
            ++activeImages;
            usedImages += i.uniqueSize;
        }
    std::uint64_t containersSize = 0, containersFree = 0;
    int activeContainers = 0;
    for (const auto &c : du.containers) {
        containersSize += c.sizeRw;
        if (c.summary.state.running() || c.summary.state.status == container::Status::Restarting)
            ++activeContainers;
        else
            containersFree += c.sizeRw;
    }
    std::uint64_t volumesSize = 0, volumesFree = 0;
    int activeVolumes = 0;
    for (const auto &v : du.volumes) {
        volumesSize += v.size;
        if (v.summary.usedBy.empty())
            volumesFree += v.size;
        else
            ++activeVolumes;
    }
    const std::uint64_t imagesFree = du.layersSize > usedImages ? du.layersSize - usedImages : 0;
    TabWriter tw(ctx.out);
    std::ostringstream t;
    t << "TYPE\tTOTAL\tACTIVE\tSIZE\tRECLAIMABLE\n"
      << "Images\t" << du.images.size() << "\t" << activeImages << "\t" << sizeText(du.layersSize) << "\t"
      << reclaimableText(imagesFree, du.layersSize) << "\n"
      << "Containers\t" << du.containers.size() << "\t" << activeContainers << "\t" << sizeText(containersSize)
      << "\t" << reclaimableText(containersFree, containersSize) << "\n"
      << "Local Volumes\t" << du.volumes.size() << "\t" << activeVolumes << "\t" << sizeText(volumesSize) << "\t"
      << reclaimableText(volumesFree, volumesSize) << "\n"
      << "Build Cache\t0\t0\t0B\t0B\n";
    // Not Docker's: real hosts' layers `image tree -H` kept (LayerCache.h), when there are any.
    if (const auto cache = remote::LayerCache().usage(); cache.layers > 0 || cache.configs > 0)
        t << "Host Layer Cache\t" << cache.layers << "\t0\t" << sizeText(cache.bytes) << "\t"
          << reclaimableText(cache.bytes, cache.bytes) << "\n";
    tw.write(t.str());
    tw.flush();
}

void printVerbose(CliContext &ctx, const DiskUsage &du)
{
    const auto now = std::chrono::system_clock::now();
    auto table = [&](const std::string &text) {
        TabWriter tw(ctx.out);
        tw.write(text);
        tw.flush();
    };
    std::ostringstream t;
    ctx.out << "Images space usage:\n\n";
    t << "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS\n";
    for (const auto &i : du.images) {
        const auto &s = i.summary;
        std::vector<std::string> tags = s.repoTags.empty() ? std::vector<std::string>{"<none>:<none>"} : s.repoTags;
        for (const auto &tag : tags) {
            const auto colon = tag.rfind(':');
            t << tag.substr(0, colon) << "\t" << tag.substr(colon + 1) << "\t" << s.id.shortHex() << "\t"
              << createdSince(s.created) << "\t" << units::humanSizeWithPrecision(static_cast<double>(s.size), 3)
              << "\t" << sizeText(i.sharedSize) << "\t" << sizeText(i.uniqueSize) << "\t" << s.containers << "\n";
        }
    }
    table(t.str());
    ctx.out << "\nContainers space usage:\n\n";
    t.str({});
    t << "CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES\n";
    for (const auto &c : du.containers) {
        const auto &s = c.summary;
        int localVolumes = 0;
        for (const auto &m : s.mounts)
            localVolumes += m.type == "volume";
        t << s.id.substr(0, 12) << "\t" << s.image << "\t\"" << ellipsis(s.command, 20) << "\"\t" << localVolumes
          << "\t" << units::humanSizeWithPrecision(static_cast<double>(c.sizeRw), 3) << "\t"
          << createdSince(s.created) << "\t" << statusText(s.state, now) << "\t" << s.name << "\n";
    }
    table(t.str());
    ctx.out << "\nLocal Volumes space usage:\n\n";
    t.str({});
    t << "VOLUME NAME\tLINKS\tSIZE\n";
    for (const auto &v : du.volumes)
        t << v.summary.name << "\t" << v.summary.usedBy.size() << "\t" << sizeText(v.size) << "\n";
    table(t.str());
    ctx.out << "\nBuild cache usage: 0B\n\n";
    table("CACHE ID\tCACHE TYPE\tSIZE\tCREATED\tLAST USED\tUSAGE\tSHARED\n");
    if (const auto cache = remote::LayerCache().usage(); cache.layers > 0 || cache.configs > 0)
        ctx.out << "\nHost layer cache usage: " << sizeText(cache.bytes) << " (" << cache.layers << " layers, "
                << cache.configs << " image configs, in " << remote::LayerCache::defaultRoot().string() << ")\n";
}

void addDf(CLI::App &system, CliContext &ctx)
{
    auto verbose = std::make_shared<bool>(false);
    CLI::App *c = system.add_subcommand("df", "Show docker disk usage");
    c->add_flag("-v,--verbose", *verbose, "Show detailed information on space usage");
    c->callback([&ctx, verbose] {
        const DiskUsage du = ctx.engine().diskUsage();
        if (*verbose)
            printVerbose(ctx, du);
        else
            printSummary(ctx, du);
    });
}

void addPrune(CLI::App &system, CliContext &ctx)
{
    struct Opts {
        bool all = false, volumes = false, force = false;
        std::vector<std::string> filters;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = system.add_subcommand("prune", "Remove unused data");
    c->add_flag("-a,--all", o->all, "Remove all unused images not just dangling ones");
    c->add_flag("--volumes", o->volumes, "Prune volumes");
    c->add_flag("-f,--force", o->force, "Do not prompt for confirmation");
    c->add_option("--filter", o->filters, "Provide filter values (e.g. 'label=<key>=<value>')");
    c->callback([&ctx, o] {
        if (!o->filters.empty())
            throw Error(ErrorCode::Unsupported, "system prune --filter is not supported");
        // docker/cli system/prune.go: the list it warns about, in its order.
        std::string warning = "WARNING! This will remove:\n  - all stopped containers";
        if (o->volumes)
            warning += "\n  - all volumes not used by at least one container";
        warning += "\n  - all networks not used by at least one container";
        warning += o->all ? "\n  - all images without at least one container associated to them"
                          : "\n  - all dangling images";
        warning += o->all ? "\n  - all build cache" : "\n  - all dangling build cache";
        remote::LayerCache hostCache;
        const auto cached = hostCache.usage();
        const bool hasHostCache = cached.layers > 0 || cached.configs > 0;
        if (hasHostCache) // not Docker's: real hosts' layers kept for `image tree -H`, made again on demand
            warning += "\n  - the layer cache of real hosts' images";
        warning += "\n";
        if (!o->force && !confirmed(ctx, warning))
            return;
        SystemPruneReport r = ctx.engine().pruneSystem({o->all, o->volumes});
        if (hasHostCache)
            r.reclaimedBytes += hostCache.clear();
        if (!r.containers.empty()) {
            ctx.out << "Deleted Containers:\n";
            for (const auto &id : r.containers)
                ctx.out << id << "\n";
            ctx.out << "\n";
        }
        if (!r.networks.empty()) {
            ctx.out << "Deleted Networks:\n";
            for (const auto &name : r.networks)
                ctx.out << name << "\n";
            ctx.out << "\n";
        }
        if (!r.volumes.empty()) {
            ctx.out << "Deleted Volumes:\n";
            for (const auto &name : r.volumes)
                ctx.out << name << "\n";
            ctx.out << "\n";
        }
        if (!r.images.empty()) {
            ctx.out << "Deleted Images:\n";
            for (const auto &line : r.images)
                ctx.out << (line.deleted ? "deleted: " : "untagged: ") << line.what << "\n";
            ctx.out << "\n";
        }
        ctx.out << "Total reclaimed space: " << sizeText(r.reclaimedBytes) << "\n";
    });
}

void addCheck(CLI::App &system, CliContext &ctx)
{
    auto repair = std::make_shared<bool>(false);
    CLI::App *c = system.add_subcommand("check", "Verify the store: blobs, layers, images and containers");
    c->add_flag("--repair", *repair, "Remove what is damaged (corrupt blobs, broken layers and images, dead containers)");
    c->callback([&ctx, repair] {
        const image::StoreCheckReport r = ctx.engine().checkStore(*repair);
        for (const auto &line : r.repaired)
            ctx.out << "repaired: " << line << "\n";
        for (const auto &line : r.problems)
            ctx.out << "problem: " << line << "\n";
        ctx.out << "checked " << r.blobs << " blobs, " << r.layers << " layers, " << r.images << " images, "
                << r.containers << " containers: "
                << (r.problems.empty() ? "clean" : std::to_string(r.problems.size()) + " problem(s)") << "\n";
        if (!r.problems.empty())
            throw ExitStatus{1};
    });
}

} // namespace

void registerSystemStoreCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *system = app.add_subcommand("system", "Manage Strata's store");
    system->require_subcommand(1);
    addCheck(*system, ctx);
    addDf(*system, ctx);
    addPrune(*system, ctx);
}

} // namespace strata::engine::cli
