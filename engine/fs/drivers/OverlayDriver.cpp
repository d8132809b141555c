// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/OverlayDriver.h"

#include "engine/Error.h"
#include "engine/fs/UnionView.h"
#include "engine/fs/drivers/ContainerPaths.h"
#include "engine/fs/drivers/MountRecord.h"
#include "engine/util/DetachedRemoval.h"
#include "engine/util/MountTable.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <thread>
#include <unistd.h>

namespace strata::engine::fs::drivers {
namespace {

namespace stdfs = std::filesystem;

// mount(2) with relative lowerdir names resolved against `cwd`. The working
// directory is per process, and the engine may have other threads (the GUI's
// worker, the event journal), so the chdir happens on a short-lived thread
// that first unshares its fs attributes (unshare(2) CLONE_FS): no other
// thread ever sees the changed directory. A single-threaded process (the
// CLI: `run` mounts once per start) has no one to hide it from: it changes
// directory and back, sparing a thread's start, stack and malloc arena.
int mountFrom(const stdfs::path &cwd, const stdfs::path &target, const std::string &data)
{
    if (fsutil::singleThreaded()) {
        const int home = ::open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (home >= 0) {
            int err = 0;
            if (::chdir(cwd.c_str()) != 0)
                err = errno;
            else if (::mount("overlay", target.c_str(), "overlay", 0, data.c_str()) != 0)
                err = errno;
            const bool back = ::fchdir(home) == 0;
            ::close(home);
            if (!back)
                throwErrno("return to the working directory after mounting " + target.string());
            return err;
        }
    }
    int err = 0;
    std::thread worker([&] {
        if (::unshare(CLONE_FS) != 0 || ::chdir(cwd.c_str()) != 0)
            err = errno;
        else if (::mount("overlay", target.c_str(), "overlay", 0, data.c_str()) != 0)
            err = errno;
    });
    worker.join();
    return err;
}

void refuseSeparators(const stdfs::path &p)
{
    // The option string has no escaping for these on older kernels.
    if (p.string().find_first_of(",:\\") != std::string::npos)
        throw Error(ErrorCode::Unsupported,
                    "the overlay driver cannot use " + p.string() + ": ',', ':' and '\\' end an overlay option");
}

std::string joined(const std::vector<std::string> &parts, char sep)
{
    std::string out;
    for (const auto &p : parts) {
        if (!out.empty())
            out += sep;
        out += p;
    }
    return out;
}

// A lower whose layer directory is a symlink (a container's init/, linking
// the store's shared init layer: container/InitLayer.h) is used where it
// really is, so its overlay view and short link are made once for every
// container, never pointed at one container's path.
Lowers physicalLowers(const Lowers &lowers, std::vector<bool> &linked)
{
    Lowers real = lowers;
    linked.assign(lowers.size(), false);
    for (std::size_t i = 0; i < real.size(); ++i) {
        const stdfs::path layerDir = real[i].dir.lexically_normal().parent_path();
        std::error_code notALink;
        const stdfs::path target = stdfs::read_symlink(layerDir, notALink);
        if (notALink)
            continue;
        // Spelled from the store's root as the image layers are (no
        // canonical path: the l/ links are relative to the root's spelling).
        const stdfs::path where = target.is_absolute() ? target : layerDir.parent_path() / target;
        real[i].dir = where.lexically_normal() / real[i].dir.lexically_normal().filename();
        linked[i] = true;
    }
    return real;
}

[[noreturn]] void throwMountError(int err, std::size_t layers, const std::string &data)
{
    const std::string what = "overlay mount of " + std::to_string(layers) + " layers failed: " + std::strerror(err);
    if (err == EPERM || err == EACCES)
        throw Error(ErrorCode::PermissionDenied, what + " (needs root or a user namespace; try --driver userspace)", err);
    throw Error(err == EINVAL || err == ENODEV ? ErrorCode::Unsupported : ErrorCode::Io, what + " [" + data + "]", err);
}

} // namespace

OverlayDriver::OverlayDriver(events::EventBus &bus, DriverChoice choice, std::filesystem::path linksDir)
    : UnionDriver(bus, std::move(choice)), m_links(std::move(linksDir))
{
    if (m_links.dir().empty())
        throw Error(ErrorCode::Internal, "overlay driver without a links directory");
}

MountInfo OverlayDriver::mount(const Lowers &lowers, const std::filesystem::path &containerDir)
{
    const ContainerPaths p(containerDir);
    if (isMounted(containerDir)) {
        if (auto record = readMountRecord(p.mountRecord))
            return record->info;
        throw Error(ErrorCode::Conflict, p.merged.string() + " is mounted, but not by this driver (no mount.json)");
    }
    createLayer(containerDir);
    fsutil::makeDirs(m_links.dir());
    m_links.pruneDangling();
    const bool rootless = fsutil::inUserNamespace();
    const OverlayXattrs xattrs = rootless ? OverlayXattrs::User : OverlayXattrs::Trusted;
    std::vector<bool> linked;
    const Lowers real = physicalLowers(lowers, linked);
    std::vector<std::string> names, shown;
    for (auto it = real.rbegin(); it != real.rend(); ++it) { // overlayfs lists the top layer first
        const auto index = static_cast<std::size_t>(real.rend() - it - 1);
        const stdfs::path view = prepareOverlayView(real, index, xattrs);
        names.push_back(m_links.linkFor(linkNamePath(it->dir, xattrs), view));
        // A linked layer shows under the path it was given (Docker's <id>-init/diff).
        shown.push_back(linked[index] ? stdfs::absolute(lowers[index].dir).lexically_normal().string()
                                      : stdfs::weakly_canonical(view).string());
        // The kernel ignores an opaque lower root: the layers below it are left out instead.
        if (hasOpaqueRoot({it->dir, it->whiteouts}))
            break;
    }
    if (lowers.empty()) { // overlayfs needs one lower; an image from scratch has none
        fsutil::makeDirs(m_links.dir() / "empty");
        names.push_back("empty");
        shown.push_back(stdfs::absolute(m_links.dir() / "empty").string());
    }
    MountInfo info;
    info.driver = name();
    info.lowerDir = joined(shown, ':');
    info.upperDir = stdfs::absolute(p.diff).lexically_normal().string();
    info.workDir = stdfs::absolute(p.work).lexically_normal().string();
    info.mergedDir = stdfs::absolute(p.merged).lexically_normal().string();
    refuseSeparators(info.upperDir);
    refuseSeparators(info.workDir);

    std::string base = "lowerdir=" + joined(names, ':') + ",upperdir=" + info.upperDir + ",workdir=" + info.workDir;
    if (rootless)
        base += ",userxattr";
    if (base.size() > kMaxMountData)
        throw Error(ErrorCode::Unsupported, "an image of " + std::to_string(lowers.size()) +
                                                " layers needs " + std::to_string(base.size()) +
                                                " bytes of overlay mount options; the kernel takes " +
                                                std::to_string(kMaxMountData));
    int err = 0;
    for (const std::string &data : {base + ",index=off,redirect_dir=off,metacopy=off", base}) {
        if (data.size() > kMaxMountData)
            continue;
        err = mountFrom(m_links.dir(), info.mergedDir, data);
        if (err == 0) {
            info.options = data;
            break;
        }
        if (err != EINVAL)
            break;
    }
    if (err != 0)
        throwMountError(err, lowers.size(), base);
    writeMountRecord(p.mountRecord, {info, lowers, true}, false); // the mount dies with the boot: no fsyncs
    publishMounted(containerDir, info, lowers.size());
    return info;
}

void OverlayDriver::unmount(const std::filesystem::path &containerDir)
{
    const ContainerPaths p(containerDir);
    if (!isMounted(containerDir))
        return;
    auto record = readMountRecord(p.mountRecord);
    if (record) { // report the last command's copy-ups before the union goes
        try {
            scanAndReport(record->lowers, containerDir, {});
        } catch (const Error &) {
            // A report that cannot be made (a name the scan refuses, a file
            // gone mid-walk) must never keep the union mounted: rm -f relies
            // on this unmount.
        }
    }
    // Mounted more than once (a crash between mount and mount.json): take
    // every layer off, up to a bound.
    for (int i = 0; i < 8 && isMounted(containerDir); ++i) {
        if (::umount2(p.merged.c_str(), 0) != 0) {
            // Busy: a process still has a file open in it. Detach now; the kernel
            // finishes when the last user goes (the container has exited by now).
            if (errno != EBUSY || ::umount2(p.merged.c_str(), MNT_DETACH) != 0)
                throwErrno("unmount " + p.merged.string());
        }
    }
    if (record) {
        record->mounted = false;
        writeMountRecord(p.mountRecord, *record, false);
    }
    publishUnmounted(containerDir, stdfs::absolute(p.merged).lexically_normal().string());
}

std::filesystem::path OverlayDriver::releaseForRemoval(const std::filesystem::path &containerDir)
{
    const ContainerPaths p(containerDir);
    if (!isMounted(containerDir))
        return {};
    // The caller has just synced (copy-ups reported); mount.json goes with the directory.
    publishUnmounted(containerDir, stdfs::absolute(p.merged).lexically_normal().string());
    return p.merged;
}

bool OverlayDriver::isMounted(const std::filesystem::path &containerDir) const
{
    return fsutil::isMountPoint(ContainerPaths(containerDir).merged);
}

SyncResult OverlayDriver::sync(const Lowers &lowers, const std::filesystem::path &containerDir,
                               const std::vector<std::string> &excluded)
{
    return scanAndReport(lowers, containerDir, excluded);
}

} // namespace strata::engine::fs::drivers
