// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/network/Netns.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <thread>
#include <unistd.h>
#include <linux/magic.h>

namespace strata::engine::network {
namespace {

bool isNsMount(const std::filesystem::path &path)
{
    struct statfs st{};
    return ::statfs(path.c_str(), &st) == 0 && st.f_type == NSFS_MAGIC;
}

} // namespace

std::filesystem::path netnsPathFor(const std::string &containerId)
{
    return std::filesystem::path("/run/strata/netns") / containerId;
}

void createNetns(const std::filesystem::path &path)
{
    if (isNsMount(path))
        return;
    fsutil::makeDirs(path.parent_path(), 0755);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0444);
    if (fd < 0)
        throw Error(ErrorCode::Io, "create " + path.string() + ": " + std::strerror(errno));
    ::close(fd);
    // unshare() moves only the calling thread: a short-lived thread makes the
    // namespace and pins it with a bind mount before it goes away.
    int err = 0;
    std::thread maker([&] {
        if (::unshare(CLONE_NEWNET) != 0) {
            err = errno;
            return;
        }
        const std::string self = "/proc/self/task/" + std::to_string(::gettid()) + "/ns/net";
        if (::mount(self.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) != 0)
            err = errno;
    });
    maker.join();
    if (err != 0) {
        ::unlink(path.c_str());
        throw Error(ErrorCode::PermissionDenied,
                    "create a network namespace at " + path.string() + ": " + std::strerror(err));
    }
}

void removeNetns(const std::filesystem::path &path)
{
    if (isNsMount(path))
        (void)::umount2(path.c_str(), MNT_DETACH);
    ::unlink(path.c_str());
}

} // namespace strata::engine::network
