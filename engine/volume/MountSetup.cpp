// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/volume/MountSetup.h"

#include "engine/Error.h"
#include "engine/fs/drivers/FileCopy.h"
#include "engine/runtime/SecureJoin.h"
#include "engine/util/Fs.h"

#include <dirent.h>
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

// Copies the children of `from` into the existing directory `to`, without
// following any symlink (lstat throughout).
std::uint64_t copyChildren(const fs::path &from, const fs::path &to)
{
    std::uint64_t count = 0;
    for (const auto &entry : fs::directory_iterator(from)) {
        const fs::path src = entry.path();
        const fs::path dst = to / src.filename();
        struct stat st{};
        if (::lstat(src.c_str(), &st) != 0)
            throwErrno("stat " + src.string());
        engine::fs::drivers::copyEntry(src, st, dst);
        ++count;
        if (S_ISDIR(st.st_mode)) {
            count += copyChildren(src, dst);
            engine::fs::drivers::copyMetadata(st, dst);
        }
    }
    return count;
}

} // namespace

std::uint64_t populateVolume(const fs::path &rootfs, const std::string &destination, const fs::path &dataDir)
{
    const fs::path inImage = runtime::secureJoin(rootfs, destination);
    struct stat st{};
    if (::lstat(inImage.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return 0;
    if (!isEmptyDir(dataDir))
        return 0;
    const std::uint64_t copied = copyChildren(inImage, dataDir);
    // copyOwnership: the volume takes the image directory's owner and mode.
    engine::fs::drivers::copyMetadata(st, dataDir);
    return copied;
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
