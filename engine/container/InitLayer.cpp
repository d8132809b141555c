// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/InitLayer.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

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
void writeDerived(const fs::path &target, const std::string &data, InitWrite how)
{
    if (how == InitWrite::Fresh) {
        const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0)
            throwErrno("create " + target.string());
        const ssize_t n = ::write(fd, data.data(), data.size());
        const int err = errno;
        ::close(fd);
        if (n != static_cast<ssize_t>(data.size()))
            throwErrno("write " + target.string(), n < 0 ? err : EIO);
        return;
    }
    const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << data;
        if (!out.flush())
            throw Error(ErrorCode::Io, "write " + tmp.string() + " failed");
    }
    fsutil::renamePath(tmp, target);
}

// The layer's tree: mount points and empty files, the same for every container.
void makeInitTree(const fs::path &layerDir)
{
    for (const char *d : {"dev/pts", "dev/shm", "proc", "sys", "etc"})
        fsutil::makeDirs(layerDir / d);
    for (const char *file : {"etc/hostname", "etc/hosts", "etc/resolv.conf", ".dockerenv"})
        if (!std::ofstream(layerDir / file, std::ios::binary))
            throw Error(ErrorCode::Io, "create " + (layerDir / file).string() + " failed");
    std::error_code ec;
    fs::create_symlink("/proc/mounts", layerDir / "etc/mtab", ec);
}

// The store's one init layer, made once: staged in tmp/ (swept if a crash
// leaves it half made), on disk before it is renamed into place, as a layer
// is. A concurrent create may win the rename; its layer is the same.
void ensureSharedInitLayer(const fs::path &shared, const fs::path &tmpDir)
{
    struct stat st {};
    if (::lstat(shared.c_str(), &st) == 0)
        return;
    fsutil::TempDir staged(tmpDir, "init-layer-");
    makeInitTree(staged.path() / "diff");
    if (const int fd = ::open(staged.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
        (void)::syncfs(fd);
        ::close(fd);
    }
    fsutil::makeDirs(shared.parent_path());
    if (::rename(staged.path().c_str(), shared.c_str()) == 0) {
        staged.release();
        fsutil::fsyncDir(shared.parent_path());
    } else if (errno != EEXIST && errno != ENOTEMPTY) {
        throwErrno("rename " + staged.path().string() + " to " + shared.string());
    }
}

// <container>/init -> the shared layer (relative: the store may move).
void linkInitLayer(const fs::path &containerDir, const fs::path &shared)
{
    const fs::path link = containerDir / "init";
    struct stat st {};
    if (::lstat(link.c_str(), &st) == 0)
        return; // linked already, or a container made before the layer was shared: its own
    const fs::path target = shared.lexically_relative(containerDir);
    if (::symlink((target.empty() ? shared : target).c_str(), link.c_str()) != 0 && errno != EEXIST)
        throwErrno("link " + link.string() + " to " + shared.string());
}

} // namespace

InitFiles initFiles(const fs::path &containerDir)
{
    return {containerDir / "init" / "diff", containerDir / "hostname", containerDir / "hosts", containerDir / "resolv.conf"};
}

InitFiles prepareInitLayer(const fs::path &containerDir, const SharedInitLayer &shared, const std::string &hostname,
                           bool hostNetwork, InitWrite how)
{
    const InitFiles f = initFiles(containerDir);
    ensureSharedInitLayer(shared.dir, shared.tmpDir);
    linkInitLayer(containerDir, shared.dir);

    writeDerived(f.hostname, hostname + "\n", how);
    writeDerived(f.hosts, hostNetwork ? readOr("/etc/hosts", kLoopbackHosts) : kLoopbackHosts, how);
    writeDerived(f.resolvConf, containerResolvConf(hostNetwork), how);
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
