// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/Namespaces.h"

#include "engine/Error.h"
#include "engine/runtime/Fd.h"
#include "engine/runtime/ProcInfo.h"

#include <array>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <linux/sched.h> // struct clone_args, CLONE_INTO_CGROUP
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

std::string mappingText(const std::vector<IdMapping> &maps, unsigned callerId)
{
    if (maps.empty())
        return "0 " + std::to_string(callerId) + " 1\n";
    std::string text;
    for (const auto &m : maps)
        text += std::to_string(m.containerId) + " " + std::to_string(m.hostId) + " " + std::to_string(m.size) + "\n";
    return text;
}

void writeProcFile(pid_t pid, const char *leaf, const std::string &text)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/" + leaf;
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd || !writeAll(fd.get(), text))
        throwErrno("write " + path);
}

} // namespace

int namespaceCloneFlags(const RuntimeSpec &spec)
{
    int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC;
    if (!spec.shareHostNetwork && spec.netnsPath.empty())
        flags |= CLONE_NEWNET; // with a netnsPath the shim has joined that one (joinNetworkNamespace)
    if (spec.userNamespace)
        flags |= CLONE_NEWUSER;
    return flags;
}

pid_t cloneWithNamespaces(int flags)
{
    // The raw system call with a null stack behaves like fork(): glibc's
    // clone() wrapper insists on a new stack and a function to run.
    long pid = ::syscall(SYS_clone, static_cast<unsigned long>(flags) | SIGCHLD, nullptr, nullptr, nullptr, nullptr);
    if (pid < 0)
        throwErrno("clone new namespaces");
    return static_cast<pid_t>(pid);
}

pid_t cloneIntoCgroup(int flags, int cgroupFd)
{
    clone_args args{};
    args.flags = static_cast<std::uint64_t>(static_cast<unsigned>(flags)) | CLONE_INTO_CGROUP;
    args.exit_signal = SIGCHLD;
    args.cgroup = static_cast<std::uint64_t>(cgroupFd);
    // No stack: the child goes on from here on a copy of ours, as after fork().
    const long pid = ::syscall(SYS_clone3, &args, sizeof args);
    return pid < 0 ? -1 : static_cast<pid_t>(pid);
}

std::string writeIdMappings(pid_t pid, const RuntimeSpec &spec)
{
    // Unprivileged writers may only map their own gid, and only after
    // giving up setgroups (user_namespaces(7), "Interaction with ...").
    if (::geteuid() != 0)
        writeProcFile(pid, "setgroups", "deny");
    const std::string uids = mappingText(spec.uidMappings, ::geteuid());
    const std::string gids = mappingText(spec.gidMappings, ::getegid());
    writeProcFile(pid, "uid_map", uids);
    writeProcFile(pid, "gid_map", gids);
    std::string first = uids.substr(0, uids.find('\n'));
    return "uid_map \"" + first + "\"";
}

void joinNetworkNamespace(const std::string &path)
{
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        throwErrno("open network namespace " + path);
    if (::setns(fd.get(), CLONE_NEWNET) != 0)
        throwErrno("join network namespace " + path);
}

void bringUpLoopback()
{
    UniqueFd s(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!s)
        throwErrno("socket for loopback");
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    if (::ioctl(s.get(), SIOCGIFFLAGS, &ifr) != 0)
        throwErrno("get flags of lo");
    ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP | IFF_RUNNING);
    if (::ioctl(s.get(), SIOCSIFFLAGS, &ifr) != 0)
        throwErrno("bring up lo");
}

void setHostname(const std::string &hostname)
{
    if (!hostname.empty() && ::sethostname(hostname.data(), hostname.size()) != 0)
        throwErrno("sethostname " + hostname);
}

void joinNamespacesOf(pid_t pid)
{
    struct Kind {
        const char *name;
        int flag;
    };
    constexpr std::array<Kind, 7> kinds{{
        {"user", CLONE_NEWUSER}, {"mnt", CLONE_NEWNS},   {"pid", CLONE_NEWPID}, {"uts", CLONE_NEWUTS},
        {"ipc", CLONE_NEWIPC},   {"net", CLONE_NEWNET}, {"cgroup", CLONE_NEWCGROUP},
    }};
    // Open them all first: after joining the mount namespace, /proc/<pid>
    // may name another process or nothing.
    std::array<UniqueFd, kinds.size()> fds;
    for (size_t i = 0; i < kinds.size(); ++i) {
        const auto theirs = namespaceInode(pid, kinds[i].name);
        if (theirs == 0 || theirs == namespaceInode(::getpid(), kinds[i].name))
            continue;
        const std::string path = "/proc/" + std::to_string(pid) + "/ns/" + kinds[i].name;
        fds[i].reset(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fds[i])
            throwErrno("open " + path);
    }
    for (size_t i = 0; i < kinds.size(); ++i)
        if (fds[i] && ::setns(fds[i].get(), kinds[i].flag) != 0)
            throwErrno(std::string("join the container's ") + kinds[i].name + " namespace");
}

} // namespace strata::engine::runtime
