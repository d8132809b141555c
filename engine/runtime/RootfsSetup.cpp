// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/RootfsSetup.h"

#include "engine/Error.h"
#include "engine/runtime/MountOptions.h"
#include "engine/runtime/SecureJoin.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

namespace fs = std::filesystem;

void doMount(const char *source, const std::string &target, const char *type, unsigned long flags,
             const std::string &data, const std::string &shown)
{
    if (::mount(source, target.c_str(), type, flags, data.empty() ? nullptr : data.c_str()) != 0)
        throwErrno("mount " + std::string(type ? type : source ? source : "") + " on " + shown);
}

void bindSpecMount(const fs::path &rootfs, const MountSpec &m, const MountOptions &opts)
{
    struct stat sb{};
    if (::stat(m.source.c_str(), &sb) != 0)
        throwErrno("bind source " + m.source);
    const auto kind = S_ISDIR(sb.st_mode) ? CreateKind::Directory : CreateKind::File;
    {
        UniqueFd dest = openInRoot(rootfs, m.destination, kind);
        doMount(m.source.c_str(), fdPath(dest.get()), nullptr, MS_BIND | (opts.recursive ? MS_REC : 0), {},
                m.destination);
    }
    // Reopen: the old descriptor names the directory under the new mount.
    UniqueFd mounted = openInRoot(rootfs, m.destination, CreateKind::None);
    const unsigned long extra = opts.flags & ~MS_REMOUNT;
    if (extra != 0) {
        const std::string p = fdPath(mounted.get());
        doMount(nullptr, p, nullptr, MS_BIND | MS_REMOUNT | extra | lockedMountFlags(p), {}, m.destination);
    }
    if (opts.propagation != 0)
        doMount(nullptr, fdPath(mounted.get()), nullptr, opts.propagation, {}, m.destination);
}

void fsSpecMount(const fs::path &rootfs, const MountSpec &m, const MountOptions &opts)
{
    UniqueFd dest = openInRoot(rootfs, m.destination, CreateKind::Directory);
    const std::string source = m.source.empty() ? m.type : m.source;
    doMount(source.c_str(), fdPath(dest.get()), m.type.c_str(), opts.flags, opts.data, m.destination);
    if (opts.propagation != 0) {
        UniqueFd mounted = openInRoot(rootfs, m.destination, CreateKind::None);
        doMount(nullptr, fdPath(mounted.get()), nullptr, opts.propagation, {}, m.destination);
    }
}

// Opens a path inside the container after pivot_root; nullopt-like invalid
// fd when it does not exist (masked and read-only paths are best effort, as
// /proc/acpi or /proc/scsi are absent on many kernels).
UniqueFd openIfExists(const std::string &path)
{
    try {
        return openInRoot("/", path, CreateKind::None);
    } catch (const Error &e) {
        if (e.code() == ErrorCode::NotFound)
            return UniqueFd();
        throw;
    }
}

} // namespace

void makeMountsPrivate()
{
    doMount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, {}, "/ (make private)");
}

void bindRootfs(const fs::path &rootfs)
{
    doMount(rootfs.c_str(), rootfs.string(), nullptr, MS_BIND | MS_REC, {}, rootfs.string());
}

void mountProc(const fs::path &rootfs)
{
    UniqueFd dest = openInRoot(rootfs, "/proc", CreateKind::Directory);
    doMount("proc", fdPath(dest.get()), "proc", MS_NOSUID | MS_NOEXEC | MS_NODEV, {}, "/proc");
}

void mountSys(const fs::path &rootfs)
{
    UniqueFd dest = openInRoot(rootfs, "/sys", CreateKind::Directory);
    const std::string target = fdPath(dest.get());
    const unsigned long flags = MS_RDONLY | MS_NOSUID | MS_NOEXEC | MS_NODEV;
    if (::mount("sysfs", target.c_str(), "sysfs", flags, nullptr) == 0)
        return;
    if (errno != EPERM)
        throwErrno("mount sysfs on /sys");
    // A new sysfs needs the network namespace to belong to our user
    // namespace; with the host's network it does not (runc does the same).
    doMount("/sys", target, nullptr, MS_BIND | MS_REC, {}, "/sys");
    UniqueFd mounted = openInRoot(rootfs, "/sys", CreateKind::None);
    remountReadOnly(fdPath(mounted.get()));
}

void mountSpecMounts(const fs::path &rootfs, const std::vector<MountSpec> &mounts)
{
    for (const auto &m : mounts) {
        withErrorContext("mount " + m.destination, [&] {
            const MountOptions opts = parseMountOptions(m.options);
            if (opts.bind || m.type == "bind")
                bindSpecMount(rootfs, m, opts);
            else
                fsSpecMount(rootfs, m, opts);
        });
    }
}

void pivotToRootfs(const fs::path &rootfs)
{
    // pivot_root(".", ".") stacks the old root on top of the new one at "/";
    // detaching it leaves only the rootfs (pivot_root(2), NOTES).
    if (::chdir(rootfs.c_str()) != 0)
        throwErrno("chdir " + rootfs.string());
    if (::syscall(SYS_pivot_root, ".", ".") != 0)
        throwErrno("pivot_root " + rootfs.string());
    if (::umount2(".", MNT_DETACH) != 0)
        throwErrno("detach the old root");
    if (::chdir("/") != 0)
        throwErrno("chdir /");
}

void maskPaths(const std::vector<std::string> &paths)
{
    for (const auto &p : paths) {
        UniqueFd fd = openIfExists(p);
        if (!fd)
            continue;
        struct stat sb{};
        if (::fstat(fd.get(), &sb) != 0)
            throwErrno("stat " + p);
        if (S_ISDIR(sb.st_mode))
            doMount("tmpfs", fdPath(fd.get()), "tmpfs", MS_RDONLY, {}, p);
        else
            doMount("/dev/null", fdPath(fd.get()), nullptr, MS_BIND, {}, p);
    }
}

void makePathsReadonly(const std::vector<std::string> &paths)
{
    for (const auto &p : paths) {
        {
            UniqueFd fd = openIfExists(p);
            if (!fd)
                continue;
            doMount(fdPath(fd.get()).c_str(), fdPath(fd.get()), nullptr, MS_BIND | MS_REC, {}, p);
        }
        UniqueFd mounted = openInRoot("/", p, CreateKind::None);
        remountReadOnly(fdPath(mounted.get()));
    }
}

void remountRootReadonly()
{
    remountReadOnly("/");
}

void ensureDirectory(const std::string &path)
{
    (void)openInRoot("/", path, CreateKind::Directory);
}

} // namespace strata::engine::runtime
