// SPDX-License-Identifier: GPL-3.0-or-later
// /dev for the container: the OCI runtime spec's default devices
// (config-linux.md#default-devices) on a small tmpfs, as Docker has it.
#include "engine/runtime/RootfsSetup.h"

#include "engine/Error.h"
#include "engine/runtime/SecureJoin.h"

#include <array>
#include <cerrno>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

namespace fs = std::filesystem;

struct Device {
    const char *name;
    unsigned major;
    unsigned minor;
};

constexpr std::array<Device, 6> kDevices{{
    {"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0},
}};

constexpr std::array<std::pair<const char *, const char *>, 5> kLinks{{
    {"fd", "/proc/self/fd"},
    {"stdin", "/proc/self/fd/0"},
    {"stdout", "/proc/self/fd/1"},
    {"stderr", "/proc/self/fd/2"},
    {"core", "/proc/kcore"},
}};

void mountOrThrow(const char *src, const fs::path &dst, const char *type, unsigned long flags, const char *data)
{
    if (::mount(src, dst.c_str(), type, flags, data) != 0)
        throwErrno("mount " + std::string(type ? type : src) + " on " + dst.string());
}

void makeDir(const fs::path &p, mode_t mode)
{
    if (::mkdir(p.c_str(), mode) != 0 && errno != EEXIST)
        throwErrno("mkdir " + p.string());
}

// Binds the host's node over an empty file: the only way in a user
// namespace, where mknod of devices is refused.
void bindHostDevice(const fs::path &dev, const Device &d)
{
    const fs::path target = dev / d.name;
    int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        throwErrno("create " + target.string());
    ::close(fd);
    mountOrThrow(("/dev/" + std::string(d.name)).c_str(), target, nullptr, MS_BIND, nullptr);
}

void createDevice(const fs::path &dev, const Device &d, bool inUserNamespace)
{
    const fs::path target = dev / d.name;
    if (!inUserNamespace) {
        if (::mknod(target.c_str(), S_IFCHR | 0666, makedev(d.major, d.minor)) == 0) {
            ::chmod(target.c_str(), 0666); // mknod's mode passed through the umask
            return;
        }
        if (errno != EPERM)
            throwErrno("mknod " + target.string());
    }
    bindHostDevice(dev, d);
}

void mountDevpts(const fs::path &dev)
{
    const fs::path pts = dev / "pts";
    makeDir(pts, 0755);
    const unsigned long flags = MS_NOSUID | MS_NOEXEC;
    if (::mount("devpts", pts.c_str(), "devpts", flags, "newinstance,ptmxmode=0666,mode=0620,gid=5") == 0)
        return;
    // gid 5 (tty) is not mapped in a single-id user namespace: EINVAL.
    mountOrThrow("devpts", pts, "devpts", flags, "newinstance,ptmxmode=0666,mode=0620");
}

} // namespace

void setupDev(const fs::path &rootfs, bool inUserNamespace)
{
    {
        UniqueFd dest = openInRoot(rootfs, "/dev", CreateKind::Directory);
        mountOrThrow("tmpfs", fdPath(dest.get()), "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k");
    }
    // The fresh tmpfs holds no symlinks: plain paths below it are safe. It is
    // reached through a descriptor of the mount, never by resolving /dev again.
    const UniqueFd devFd = openInRoot(rootfs, "/dev", CreateKind::None);
    const fs::path dev = fdPath(devFd.get());
    const mode_t oldMask = ::umask(0);
    try {
        for (const auto &d : kDevices)
            createDevice(dev, d, inUserNamespace);
        mountDevpts(dev);
        if (::symlink("pts/ptmx", (dev / "ptmx").c_str()) != 0)
            throwErrno("symlink /dev/ptmx");
        makeDir(dev / "shm", 01777);
        mountOrThrow("shm", dev / "shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k");
        makeDir(dev / "mqueue", 0755);
        // Optional: refused where the ipc namespace is not ours to mount.
        (void)::mount("mqueue", (dev / "mqueue").c_str(), "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr);
        for (const auto &[name, target] : kLinks)
            if (::symlink(target, (dev / name).c_str()) != 0)
                throwErrno("symlink /dev/" + std::string(name));
    } catch (...) {
        ::umask(oldMask);
        throw;
    }
    ::umask(oldMask);
}

void createSpecDevices(const fs::path &rootfs, const std::vector<security::DeviceNode> &devices, bool inUserNamespace)
{
    for (const auto &d : devices) {
        const fs::path ctr(d.path);
        UniqueFd parent = openInRoot(rootfs, ctr.parent_path().string(), CreateKind::Directory);
        const std::string name = ctr.filename().string();
        (void)::unlinkat(parent.get(), name.c_str(), 0); // an image file or a default node of that name
        const mode_t type = d.type == 'b' ? S_IFBLK : S_IFCHR;
        if (!inUserNamespace) {
            if (::mknodat(parent.get(), name.c_str(), type | (d.fileMode & 07777), makedev(d.major, d.minor)) != 0)
                throwErrno("mknod " + d.path);
            if (::fchownat(parent.get(), name.c_str(), d.uid, d.gid, AT_SYMLINK_NOFOLLOW) != 0 ||
                ::fchmodat(parent.get(), name.c_str(), d.fileMode & 07777, 0) != 0)
                throwErrno("chown/chmod " + d.path);
            continue;
        }
        const int fd = ::openat(parent.get(), name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0)
            throwErrno("create " + d.path);
        ::close(fd);
        UniqueFd target(::openat(parent.get(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!target)
            throwErrno("open " + d.path);
        mountOrThrow(d.hostPath.c_str(), fdPath(target.get()), nullptr, MS_BIND, nullptr);
    }
}

void bindConsole(const std::string &slavePath)
{
    int fd = ::open("/dev/console", O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        throwErrno("create /dev/console");
    ::close(fd);
    mountOrThrow(slavePath.c_str(), "/dev/console", nullptr, MS_BIND, nullptr);
}

} // namespace strata::engine::runtime
