// SPDX-License-Identifier: GPL-3.0-or-later
// `system check`, `system df`, `system prune`: the whole store at once.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/fs/drivers/ContainerPaths.h"
#include "engine/util/MountTable.h"
#include "engine/util/Fs.h"

#include <functional>
#include <map>
#include <set>

#include <sys/mount.h>

namespace strata::engine {

using container::Record;
using container::Status;

namespace {

// A container directory without a readable record: its mounts come off
// before its files go (never delete through a live union).
void removeStrayContainerDir(const std::filesystem::path &dir)
{
    for (const auto &mp : fsutil::mountPointsUnder(dir))
        ::umount2(mp.c_str(), MNT_DETACH);
    fsutil::removeTree(dir);
}

// The helpers below take the facade's private state (Engine::Impl) as a
// deduced type, since only members may name it.

// What is wrong with one container's layers, "" when whole.
template <typename State>
std::string containerProblem(State &m, const Record &r)
{
    const std::string who = "container " + r.shortId() + " (" + r.plainName() + ")";
    // Dead (a removal that failed or was cut short) is a state Docker shows
    // and `rm -f` finishes; removing = another process is at it right now.
    if (r.state.status == Status::Dead || r.state.status == Status::Removing)
        return {};
    try {
        for (const auto &lower : m.lowersOf(r))
            if (!std::filesystem::is_directory(lower.dir))
                return who + ": layer " + lower.dir.string() + " is missing";
    } catch (const Error &e) {
        return who + ": " + e.what();
    }
    if (!std::filesystem::is_directory(fs::drivers::ContainerPaths(m.containers.dir(r.id)).diff))
        return who + ": its read-write layer is missing";
    return {};
}

template <typename State>
void checkContainers(State &m, bool repair, image::StoreCheckReport &report)
{
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(m.containers.containersDir(), ec)) {
        const std::string id = entry.path().filename().string();
        ++report.containers;
        if (!m.containers.exists(id)) {
            const std::string line = "container directory " + id + " has no record";
            if (!repair) {
                report.problems.push_back(line);
            } else {
                removeStrayContainerDir(entry.path());
                report.repaired.push_back(line + ": removed");
            }
            continue;
        }
        Record r;
        try {
            r = m.containers.load(id);
            if (!m.refresh(r))
                continue; // an --rm container that just went
        } catch (const Error &e) {
            if (!repair) {
                report.problems.push_back(e.what());
            } else {
                removeStrayContainerDir(entry.path());
                report.repaired.push_back(std::string(e.what()) + ": removed");
            }
            continue;
        }
        const std::string problem = containerProblem(m, r);
        if (problem.empty())
            continue;
        if (!repair || r.state.running()) {
            report.problems.push_back(problem);
            continue;
        }
        try {
            const auto lifecycle = m.lockContainer(r.id);
            auto held = m.images.lock();
            m.destroy(r);
            report.repaired.push_back(problem + ": container removed");
        } catch (const Error &e) {
            report.problems.push_back(problem + " (repair failed: " + e.what() + ")");
        }
    }
}

std::uint64_t layerBytes(const image::ImageStore &store)
{
    std::uint64_t total = 0;
    for (const auto &l : store.layers().list())
        total += l.contentBytes;
    return total;
}

} // namespace

image::StoreCheckReport Engine::checkStore(bool repair)
{
    Impl &m = *m_impl;
    image::StoreCheckReport report;
    // Containers first: repairing one may release the image it pinned.
    checkContainers(m, repair, report);
    image::checkImageStore(m.images, repair, report);
    if (repair) {
        // What repair left must check clean; whatever does not is reported.
        image::StoreCheckReport again;
        checkContainers(m, false, again);
        image::checkImageStore(m.images, false, again);
        report.problems = std::move(again.problems);
    }
    return report;
}

DiskUsage Engine::diskUsage()
{
    Impl &m = *m_impl;
    DiskUsage du;
    std::map<Digest, int> layerUsers; // chain id -> images using it
    std::map<Digest, std::vector<store::LayerRecord>> chains;
    for (const auto &img : m.images.list()) {
        try {
            chains[img.id] = m.images.layerChain(img);
        } catch (const Error &) {
            continue; // damaged: `system check` reports it
        }
        for (const auto &l : chains[img.id])
            ++layerUsers[l.chainId];
    }
    du.layersSize = layerBytes(m.images);
    for (auto &summary : images()) {
        DiskUsageImage row;
        for (const auto &l : chains[summary.id])
            (layerUsers[l.chainId] > 1 ? row.sharedSize : row.uniqueSize) += l.contentBytes;
        row.summary = std::move(summary);
        du.images.push_back(std::move(row));
    }
    for (auto &summary : containers(true)) {
        DiskUsageContainer row;
        row.sizeRw = fsutil::treeBytes(fs::drivers::ContainerPaths(m.containers.dir(summary.id)).diff);
        row.summary = std::move(summary);
        du.containers.push_back(std::move(row));
    }
    for (auto &summary : volumes()) {
        DiskUsageVolume row;
        row.size = m.volumes.size(summary.name);
        row.summary = std::move(summary);
        du.volumes.push_back(std::move(row));
    }
    return du;
}

namespace {

// Docker's container prune: every container not running, its RW layer's bytes reclaimed.
void pruneStoppedContainers(Engine &engine, const std::function<std::filesystem::path(const std::string &)> &dirOf,
                            SystemPruneReport &report)
{
    for (auto &c : engine.containers(true)) {
        if (c.state.running() || c.state.status == Status::Restarting)
            continue;
        const std::uint64_t bytes = fsutil::treeBytes(fs::drivers::ContainerPaths(dirOf(c.id)).diff);
        try {
            engine.removeContainer(c.id, false, false);
            report.containers.push_back(c.id);
            report.reclaimedBytes += bytes;
        } catch (const Error &) {
            // removed meanwhile, or started again: prune leaves it
        }
    }
}

// Images: dangling ones, or with -a every one no container uses; a removal
// may make another image dangling, so until nothing changes.
void pruneUnusedImages(Engine &engine, bool all, SystemPruneReport &report)
{
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto &img : engine.images()) {
            if (img.containers > 0 || img.intermediate || (!all && !img.dangling))
                continue;
            try {
                std::vector<RemovalLine> lines;
                const std::vector<std::string> names =
                    img.repoTags.empty() ? std::vector<std::string>{img.id.str()} : img.repoTags;
                for (const auto &name : names)
                    for (auto &l : engine.removeImage(name, false, true))
                        lines.push_back(std::move(l));
                changed = changed || !lines.empty();
                report.images.insert(report.images.end(), lines.begin(), lines.end());
            } catch (const Error &) {
                // a child or a container appeared meanwhile: leave it
            }
        }
    }
}

} // namespace

// docker system prune's order: containers, networks, volumes, images.
SystemPruneReport Engine::pruneSystem(const SystemPruneOptions &options)
{
    Impl &m = *m_impl;
    SystemPruneReport report;
    pruneStoppedContainers(*this, [&m](const std::string &id) { return m.containers.dir(id); }, report);
    report.networks = pruneNetworks();
    if (options.volumes) {
        const VolumePruneReport v = pruneVolumes();
        report.volumes = v.removed;
        report.reclaimedBytes += v.reclaimedBytes;
    }
    const std::uint64_t before = layerBytes(m.images);
    pruneUnusedImages(*this, options.all, report);
    const std::uint64_t after = layerBytes(m.images);
    report.reclaimedBytes += before > after ? before - after : 0;
    return report;
}

} // namespace strata::engine
