// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/InitLayer.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <fstream>
#include <sstream>
#include <system_error>

namespace strata::engine::container {

namespace fs = std::filesystem;

namespace {

constexpr const char *kLoopbackHosts = "127.0.0.1\tlocalhost\n"
                                       "::1\tlocalhost ip6-localhost ip6-loopback\n"
                                       "fe00::0\tip6-localnet\n"
                                       "ff00::0\tip6-mcastprefix\n"
                                       "ff02::1\tip6-allnodes\n"
                                       "ff02::2\tip6-allrouters\n";

std::string readOr(const fs::path &p, const std::string &fallback)
{
    std::ifstream in(p, std::ios::binary);
    if (!in)
        return fallback;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Docker drops loopback name servers from the host's resolv.conf for a
// container with its own network namespace (they would point at the
// container itself) and falls back to public resolvers when none is left.
std::string containerResolvConf(bool hostNetwork)
{
    const std::string host = readOr("/etc/resolv.conf", "");
    if (hostNetwork)
        return host;
    std::istringstream in(host);
    std::string out;
    bool anyServer = false;
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string key, value;
        words >> key >> value;
        if (key == "nameserver") {
            if (value.rfind("127.", 0) == 0 || value == "::1")
                continue;
            anyServer = true;
        }
        out += line + "\n";
    }
    if (!anyServer)
        out += "nameserver 8.8.8.8\nnameserver 8.8.4.4\n";
    return out;
}

// Temp file + rename, without fsync: these files are derived from the
// record and rewritten by start when missing, so they need atomicity (no
// half file is ever bind-mounted) but not durability; skipping three
// fsync pairs is a tenth of `run`'s time on a slow disk.
void writeDerived(const fs::path &target, const std::string &data)
{
    const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << data;
        if (!out.flush())
            throw Error(ErrorCode::Io, "write " + tmp.string() + " failed");
    }
    fsutil::renamePath(tmp, target);
}

void touch(const fs::path &p)
{
    fsutil::makeDirs(p.parent_path());
    if (!fs::exists(p))
        std::ofstream(p, std::ios::binary);
}

} // namespace

InitFiles initFiles(const fs::path &containerDir)
{
    return {containerDir / "init" / "diff", containerDir / "hostname", containerDir / "hosts", containerDir / "resolv.conf"};
}

InitFiles prepareInitLayer(const fs::path &containerDir, const std::string &hostname, bool hostNetwork)
{
    const InitFiles f = initFiles(containerDir);
    fsutil::makeDirs(f.layerDir);
    for (const char *d : {"dev/pts", "dev/shm", "proc", "sys", "etc"})
        fsutil::makeDirs(f.layerDir / d);
    for (const char *file : {"etc/hostname", "etc/hosts", "etc/resolv.conf", ".dockerenv"})
        touch(f.layerDir / file);
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(f.layerDir / "etc/mtab")))
        fs::create_symlink("/proc/mounts", f.layerDir / "etc/mtab", ec);

    writeDerived(f.hostname, hostname + "\n");
    writeDerived(f.hosts, hostNetwork ? readOr("/etc/hosts", kLoopbackHosts) : kLoopbackHosts);
    writeDerived(f.resolvConf, containerResolvConf(hostNetwork));
    return f;
}

std::vector<runtime::MountSpec> initMounts(const fs::path &containerDir)
{
    const InitFiles f = initFiles(containerDir);
    std::vector<runtime::MountSpec> out;
    for (const auto &[src, dst] : {std::pair{f.resolvConf, "/etc/resolv.conf"}, std::pair{f.hostname, "/etc/hostname"},
                                   std::pair{f.hosts, "/etc/hosts"}})
        out.push_back({src.string(), dst, "bind", {"rbind", "rprivate"}});
    return out;
}

} // namespace strata::engine::container
