// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/volume/MountSetup.h"

#include "engine/Error.h"
#include "engine/fs/drivers/FileCopy.h"
#include "engine/fs/drivers/TreeCopy.h"
#include "engine/util/RootedOpen.h"
#include "engine/util/Fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

namespace strata::engine::volume {
namespace {

namespace fs = std::filesystem;
using events::EventKind;

bool isEmptyDir(const fs::path &dir)
{
    std::error_code ec;
    return fs::is_empty(dir, ec) && !ec;
}

} // namespace

std::uint64_t populateVolume(const fs::path &rootfs, const std::string &destination, const fs::path &dataDir)
{
    // The image directory is opened from a descriptor of the root with its
    // symlinks resolved inside it, and copied by descriptors only: a running
    // container swapping a directory for a link cannot lead the copy outside.
    const util::UniqueFd root(::open(rootfs.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root)
        throwErrno("open " + rootfs.string());
    const util::UniqueFd inImage(util::openInRoot(root.get(), destination, O_RDONLY | O_DIRECTORY));
    struct stat st{};
    if (!inImage || ::fstat(inImage.get(), &st) != 0)
        return 0; // missing, or not a directory: nothing to copy
    if (!isEmptyDir(dataDir))
        return 0;
    const util::UniqueFd into(::open(dataDir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!into)
        throwErrno("open " + dataDir.string());
    engine::fs::drivers::TreeCopy copier({});
    copier.copyContents(inImage.get(), ".", into.get(), destination);
    // copyOwnership: the volume takes the image directory's owner and mode.
    engine::fs::drivers::copyMetadata(st, dataDir);
    return copier.stats().entries;
}

bool populateVolumes(std::vector<MountPoint> &mounts, const fs::path &rootfs, events::EventBus &bus,
                     const std::string &containerId)
{
    bool changed = false;
    for (auto &m : mounts) {
        if (m.type != "volume" || !m.copyData)
            continue;
        const std::uint64_t files = withErrorContext("copy image content into volume " + m.name, [&] {
            return populateVolume(rootfs, m.destination, m.source);
        });
        m.copyData = false;
        changed = true;
        if (files > 0)
            bus.publish(EventKind::VolumePopulated, m.name,
                        {{"container", containerId}, {"destination", m.destination}, {"files", files}});
    }
    return changed;
}

std::vector<runtime::MountSpec> prepareMounts(const std::vector<MountPoint> &mounts, events::EventBus &bus,
                                              const std::string &containerId)
{
    for (const auto &m : mounts) {
        if (m.type == "tmpfs")
            continue;
        struct stat st{};
        if (::stat(m.source.c_str(), &st) == 0)
            continue;
        if (m.type == "bind" && m.createSource) {
            withErrorContext("error while creating mount source path '" + m.source + "'",
                             [&] { fsutil::makeDirs(m.source, 0755); });
            continue;
        }
        throw Error(ErrorCode::NotFound, "invalid mount config for type \"" + m.type +
                                             "\": bind source path does not exist: " + m.source);
    }
    for (const auto &m : mounts)
        bus.publish(EventKind::MountAdded, containerId,
                    {{"type", m.type},
                     {"name", m.name},
                     {"source", m.type == "tmpfs" ? std::string("tmpfs") : m.source},
                     {"destination", m.destination},
                     {"ro", !m.rw},
                     {"propagation", m.propagation}});
    return toRuntimeMounts(mounts);
}

} // namespace strata::engine::volume
