// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/UserspaceDriver.h"

#include "engine/Error.h"
#include "engine/fs/UnionView.h"
#include "engine/fs/drivers/ContainerPaths.h"
#include "engine/fs/drivers/CopyUpRecorder.h"
#include "engine/fs/drivers/FileCopy.h"
#include "engine/fs/drivers/MountRecord.h"
#include "engine/fs/drivers/UpperWalk.h"
#include "engine/util/Fs.h"

#include <sys/stat.h>

namespace strata::engine::fs::drivers {
namespace {

namespace stdfs = std::filesystem;

void emptyDir(const stdfs::path &dir)
{
    for (const auto &name : listNames(dir))
        fsutil::removeTree(dir / name);
}

// Copies the union's winning version of every path into `merged` (empty),
// parents first; directory modes and times last, deepest first, so filling a
// read-only directory works and its mtime is the layer's. Tags each directory
// made (for CopyUpRecorder's "deleted and made again").
DirIndex materialise(const UnionView &view, const stdfs::path &merged)
{
    DirIndex index;
    index.tagged = true;
    std::vector<std::pair<stdfs::path, struct stat>> dirs;
    for (const auto &[path, entry] : view.merged()) {
        struct stat st {};
        if (::lstat(entry.source.c_str(), &st) != 0)
            throwErrno("stat " + entry.source);
        const stdfs::path to = merged / path;
        try {
            copyEntry(entry.source, st, to);
        } catch (const Error &e) {
            if ((entry.type == EntryType::Char || entry.type == EntryType::Block) &&
                e.code() == ErrorCode::PermissionDenied)
                continue; // unprivileged: the runtime provides /dev anyway
            throw;
        }
        if (entry.type == EntryType::Dir) {
            dirs.emplace_back(to, st);
            struct stat made {};
            if (::lstat(to.c_str(), &made) == 0)
                index.inodes.emplace(path, made.st_ino);
            index.tagged = index.tagged && tagMaterialisedDir(to, path);
        }
    }
    for (auto it = dirs.rbegin(); it != dirs.rend(); ++it)
        copyMetadata(it->second, it->first);
    return index;
}

std::string lowerDirString(const Lowers &lowers)
{
    std::string out;
    for (auto it = lowers.rbegin(); it != lowers.rend(); ++it) {
        if (!out.empty())
            out += ':';
        out += stdfs::absolute(it->dir).lexically_normal().string();
    }
    return out;
}

} // namespace

MountInfo UserspaceDriver::mount(const Lowers &lowers, const std::filesystem::path &containerDir)
{
    const ContainerPaths p(containerDir);
    if (auto record = readMountRecord(p.mountRecord); record && record->mounted)
        return record->info;
    createLayer(containerDir);
    emptyDir(p.merged); // left over by a crash mid-mount: start again
    std::vector<LayerDir> layers;
    for (const auto &l : lowers)
        layers.push_back({l.dir, l.whiteouts});
    layers.push_back({p.diff, layer::WhiteoutFormat::OciMarkers}); // the container layer on top
    const UnionView view = UnionView::build(layers);
    if (!view.problems().empty())
        throw Error(ErrorCode::Io, "cannot read the layers: " + view.problems().front());
    try {
        saveDirIndex(p.mergedIndex, materialise(view, p.merged));
    } catch (Error &e) {
        emptyDir(p.merged);
        throw e.withContext("materialise " + p.merged.string());
    }
    MountInfo info;
    info.driver = name();
    info.lowerDir = lowerDirString(lowers);
    info.upperDir = stdfs::absolute(p.diff).lexically_normal().string();
    info.workDir = stdfs::absolute(p.work).lexically_normal().string();
    info.mergedDir = stdfs::absolute(p.merged).lexically_normal().string();
    writeMountRecord(p.mountRecord, {info, lowers, true});
    publishMounted(containerDir, info, lowers.size());
    return info;
}

void UserspaceDriver::unmount(const std::filesystem::path &containerDir)
{
    const ContainerPaths p(containerDir);
    auto record = readMountRecord(p.mountRecord);
    if (!record || !record->mounted)
        return;
    sync(record->lowers, containerDir); // what the container wrote must reach diff/ first
    record->mounted = false;
    writeMountRecord(p.mountRecord, *record); // before emptying: a crash must not read empty as deleted
    emptyDir(p.merged);
    fsutil::removeTree(p.mergedIndex);
    publishUnmounted(containerDir, record->info.mergedDir);
}

bool UserspaceDriver::isMounted(const std::filesystem::path &containerDir) const
{
    const auto record = readMountRecord(ContainerPaths(containerDir).mountRecord);
    return record && record->mounted;
}

SyncResult UserspaceDriver::sync(const Lowers &lowers, const std::filesystem::path &containerDir,
                                 const std::vector<std::string> &excluded)
{
    if (isMounted(containerDir))
        recordCopyUps(lowers, ContainerPaths(containerDir), ExcludedPaths(excluded));
    return scanAndReport(lowers, containerDir, excluded);
}

void UserspaceDriver::refreshUpper(const Lowers &lowers, const std::filesystem::path &containerDir,
                                   const std::vector<std::string> &excluded)
{
    if (isMounted(containerDir))
        sync(lowers, containerDir, excluded);
}

} // namespace strata::engine::fs::drivers
