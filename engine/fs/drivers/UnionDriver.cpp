// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/UnionDriver.h"

#include "engine/Error.h"
#include "engine/events/EventBus.h"
#include "engine/fs/drivers/ContainerPaths.h"
#include "engine/fs/drivers/DiffChanges.h"
#include "engine/fs/drivers/OverlayDriver.h"
#include "engine/fs/drivers/UpperScan.h"
#include "engine/fs/drivers/UserspaceDriver.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <sys/stat.h>

namespace strata::engine::fs::drivers {

void UnionDriver::createLayer(const std::filesystem::path &containerDir)
{
    const ContainerPaths p(containerDir);
    struct stat st {};
    const bool existed = ::stat(p.diff.c_str(), &st) == 0;
    for (const auto &d : {p.diff, p.work, p.merged}) {
        // The upper dir's root is the container's "/": the usual 0755,
        // whatever the umask. Made (or checked) with one call each when it
        // exists: mount() calls this again at every start.
        if (::mkdir(d.c_str(), 0755) != 0) {
            if (errno != EEXIST)
                fsutil::makeDirs(d);
            else if (::stat(d.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0755)
                continue;
        }
        ::chmod(d.c_str(), 0755);
    }
    if (!existed)
        m_bus.publish(events::EventKind::ContainerLayerCreated, p.id(), {{"diff", p.diff.string()}});
}

void UnionDriver::removeLayer(const std::filesystem::path &containerDir)
{
    const ContainerPaths p(containerDir);
    if (isMounted(containerDir))
        unmount(containerDir);
    if (isMounted(containerDir)) // never delete through a live union: that would write whiteouts, or worse
        throw Error(ErrorCode::Conflict, p.merged.string() + " is still mounted; not removing the container layer");
    for (const auto &f : {p.merged, p.work, p.diff, p.mountRecord, p.upperState, p.mergedIndex})
        fsutil::removeTree(f);
}

std::vector<ContainerChange> UnionDriver::changes(const Lowers &lowers, const std::filesystem::path &containerDir,
                                                  const std::vector<std::string> &excluded)
{
    refreshUpper(lowers, containerDir, excluded);
    return dockerDiff(lowers, ContainerPaths(containerDir).diff, upperWhiteouts(), ExcludedPaths(excluded));
}

layer::ChangeSet UnionDriver::commitChanges(const Lowers &lowers, const std::filesystem::path &containerDir,
                                            const std::vector<std::string> &excluded)
{
    refreshUpper(lowers, containerDir, excluded);
    return layerChangeSet(lowers, ContainerPaths(containerDir).diff, upperWhiteouts(), ExcludedPaths(excluded));
}

SyncResult UnionDriver::scanAndReport(const Lowers &lowers, const std::filesystem::path &containerDir,
                                      const std::vector<std::string> &excluded)
{
    return scanUpperForNewChanges(lowers, ContainerPaths(containerDir), upperWhiteouts(), ExcludedPaths(excluded),
                                  m_bus);
}

void UnionDriver::publishMounted(const std::filesystem::path &containerDir, const MountInfo &info, std::size_t layers)
{
    m_bus.publish(events::EventKind::UnionMounted, ContainerPaths(containerDir).id(),
                  {{"driver", info.driver},
                   {"lowerdir", info.lowerDir},
                   {"upperdir", info.upperDir},
                   {"workdir", info.workDir},
                   {"merged", info.mergedDir},
                   {"layers", layers}});
}

void UnionDriver::publishUnmounted(const std::filesystem::path &containerDir, const std::string &merged)
{
    m_bus.publish(events::EventKind::UnionUnmounted, ContainerPaths(containerDir).id(),
                  {{"driver", name()}, {"merged", merged}});
}

std::unique_ptr<UnionDriver> makeDriver(const std::string &requested, const DriverContext &context)
{
    if (!context.bus)
        throw Error(ErrorCode::Internal, "makeDriver: no event bus");
    DriverChoice choice = chooseDriver(requested, context.tmpDir);
    if (choice.name == "overlay")
        return std::make_unique<OverlayDriver>(*context.bus, std::move(choice), context.linksDir);
    return std::make_unique<UserspaceDriver>(*context.bus, std::move(choice));
}

} // namespace strata::engine::fs::drivers
