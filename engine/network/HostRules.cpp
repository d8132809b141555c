// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/network/HostRules.h"

#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace strata::engine::network {
namespace {

// iptables ARGS...: exit status and stdout (posix_spawn: the engine may be threaded).
int iptables(const std::vector<std::string> &args, std::string *out = nullptr)
{
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, pipeFds[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> argv{"iptables", "-w"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char *> cargv;
    for (auto &a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    char *envp[] = {const_cast<char *>("PATH=/usr/sbin:/usr/bin:/sbin:/bin"), nullptr};
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, "iptables", &fa, nullptr, cargv.data(), envp);
    posix_spawn_file_actions_destroy(&fa);
    ::close(pipeFds[1]);
    std::string text;
    if (rc == 0) {
        char buf[4096];
        ssize_t n;
        while ((n = ::read(pipeFds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
            if (n > 0)
                text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(pipeFds[0]);
    if (rc != 0)
        return -1;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (out)
        *out = text;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Lines "-A CHAIN ..." of `iptables -t nat -S CHAIN`; -1 when the chain is missing.
int ruleCount(const std::string &chain)
{
    std::string out;
    if (iptables({"-t", "nat", "-S", chain}, &out) != 0)
        return -1;
    int n = 0;
    for (std::size_t pos = 0; (pos = out.find("\n-A ", pos)) != std::string::npos; ++pos)
        ++n;
    return n + (out.rfind("-A ", 0) == 0 ? 1 : 0);
}

} // namespace

bool forwardPolicyDrops()
{
    std::string out;
    if (iptables({"-S", "FORWARD"}, &out) != 0)
        return false;
    return out.rfind("-P FORWARD ACCEPT", 0) != 0;
}

void removeIdlePortmapChains()
{
    // MASQ and SETMARK hold one fixed rule each; DNAT one jump per container.
    if (ruleCount("CNI-HOSTPORT-DNAT") != 0)
        return;
    iptables({"-t", "nat", "-D", "PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT"});
    iptables({"-t", "nat", "-D", "OUTPUT", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT"});
    iptables({"-t", "nat", "-D", "POSTROUTING", "-m", "comment", "--comment", "CNI portfwd requiring masquerade", "-j",
              "CNI-HOSTPORT-MASQ"});
    for (const char *chain : {"CNI-HOSTPORT-DNAT", "CNI-HOSTPORT-MASQ", "CNI-HOSTPORT-SETMARK"}) {
        iptables({"-t", "nat", "-F", chain});
        iptables({"-t", "nat", "-X", chain});
    }
}

void removeLeases(const std::string &cniNetworkName)
{
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::path("/run/strata/ipam") / cniNetworkName, ec);
}

} // namespace strata::engine::network
