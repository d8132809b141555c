// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/ResourceLimits.h"

#include "engine/Error.h"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

constexpr std::int64_t kMinMemory = 6 * 1024 * 1024;

void writeFileOrThrow(const std::string &path, const std::string &text, const char *what)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    const bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const int err = errno;
    if (fd >= 0)
        ::close(fd);
    if (!ok)
        throw Error(ErrorCode::Unsupported, std::string("cannot set ") + what + " (write \"" + text + "\" to " + path +
                                                "): " + std::strerror(err));
}

// <root>/<parent>/<id>, each component made as needed.
std::string makeCgroupDirs(const std::string &root, const std::string &parent, const std::string &id)
{
    std::string path = root;
    for (const std::string &comp : {parent.empty() ? std::string("strata") : parent, id}) {
        path += "/" + comp;
        if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST)
            throwErrno("mkdir " + path);
    }
    return path;
}

// Controllers must be enabled in cgroup.subtree_control of every ancestor
// below the hierarchy's root; best effort (a missing one shows as the
// limit's own write failing).
void enableV2Controllers(const std::string &dir)
{
    std::vector<std::string> ancestors;
    for (auto at = dir.rfind('/'); at != std::string::npos && at > std::string("/sys/fs/cgroup").size() - 1;
         at = dir.rfind('/', at - 1))
        ancestors.insert(ancestors.begin(), dir.substr(0, at));
    for (const auto &a : ancestors) {
        const int fd = ::open((a + "/cgroup.subtree_control").c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        for (const char *c : {"+memory", "+cpu", "+pids"})
            (void)!::write(fd, c, std::strlen(c));
        ::close(fd);
    }
}

std::string v1Controller(const char *name, const char *what)
{
    const std::string root = std::string("/sys/fs/cgroup/") + name;
    if (::access((root + "/cgroup.procs").c_str(), W_OK) != 0)
        throw Error(ErrorCode::Unsupported, std::string("cannot set ") + what + ": no writable cgroup v1 " + name +
                                                " controller and no cgroup v2 for the container");
    return root;
}

} // namespace

std::int64_t parseMemoryBytes(const std::string &text)
{
    auto bad = [&](const std::string &why) {
        return Error(ErrorCode::InvalidArgument, "invalid argument \"" + text + "\" for \"-m, --memory\" flag: " + why);
    };
    size_t pos = 0;
    double value = 0;
    try {
        value = std::stod(text, &pos);
    } catch (...) {
        throw bad("invalid size: '" + text + "'");
    }
    std::string unit = text.substr(pos);
    for (auto &c : unit)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (unit.size() == 2 && unit[1] == 'b')
        unit.pop_back();
    static const std::string kUnits = "bkmgtp";
    const auto shift = unit.empty() ? 0 : kUnits.find(unit);
    if (unit.size() > 1 || shift == std::string::npos || value < 0 || !std::isfinite(value))
        throw bad("invalid size: '" + text + "'");
    const double bytes = value * std::pow(1024.0, static_cast<double>(shift));
    if (bytes > 9.2e18)
        throw bad("too large");
    const auto out = static_cast<std::int64_t>(bytes);
    if (out != 0 && out < kMinMemory)
        throw Error(ErrorCode::InvalidArgument, "Minimum memory limit allowed is 6MB");
    return out;
}

std::int64_t parseNanoCpus(const std::string &text)
{
    size_t pos = 0;
    double cpus = 0;
    try {
        cpus = std::stod(text, &pos);
    } catch (...) {
        pos = 0;
    }
    if (pos != text.size() || text.empty() || !std::isfinite(cpus) || cpus < 0)
        throw Error(ErrorCode::InvalidArgument, "invalid argument \"" + text + "\" for \"--cpus\" flag: failed to parse " +
                                                    text + " as a rational number");
    const auto nano = static_cast<std::int64_t>(std::llround(cpus * 1e9));
    const long online = ::sysconf(_SC_NPROCESSORS_ONLN);
    if (nano != 0 && (nano < 10000000 || nano > static_cast<std::int64_t>(online) * 1000000000)) {
        char range[64];
        std::snprintf(range, sizeof range, "0.01 to %ld.00", online);
        throw Error(ErrorCode::InvalidArgument, std::string("Range of CPUs is from ") + range + ", as there are only " +
                                                    std::to_string(online) + " CPUs available");
    }
    return nano;
}

std::vector<std::string> applyResourceLimits(const ResourceLimits &limits, const std::string &parent,
                                             const std::string &id, const CgroupRef &v2Cgroup)
{
    std::vector<std::string> dirs;
    if (!limits.any())
        return dirs;
    const std::string quota = std::to_string(limits.nanoCpus * kCpuPeriodUs / 1000000000);
    if (v2Cgroup.version == 2) {
        const std::string &dir = v2Cgroup.path;
        enableV2Controllers(dir);
        if (limits.memoryBytes > 0)
            writeFileOrThrow(dir + "/memory.max", std::to_string(limits.memoryBytes), "the memory limit");
        if (limits.nanoCpus > 0)
            writeFileOrThrow(dir + "/cpu.max", quota + " " + std::to_string(kCpuPeriodUs), "the CPU limit");
        if (limits.pidsLimit > 0)
            writeFileOrThrow(dir + "/pids.max", std::to_string(limits.pidsLimit), "the pids limit");
        return dirs;
    }
    try {
        if (limits.memoryBytes > 0) {
            dirs.push_back(makeCgroupDirs(v1Controller("memory", "the memory limit"), parent, id));
            writeFileOrThrow(dirs.back() + "/memory.limit_in_bytes", std::to_string(limits.memoryBytes),
                             "the memory limit");
        }
        if (limits.nanoCpus > 0) {
            dirs.push_back(makeCgroupDirs(v1Controller("cpu", "the CPU limit"), parent, id));
            writeFileOrThrow(dirs.back() + "/cpu.cfs_period_us", std::to_string(kCpuPeriodUs), "the CPU limit");
            writeFileOrThrow(dirs.back() + "/cpu.cfs_quota_us", quota, "the CPU limit");
        }
        if (limits.pidsLimit > 0) {
            dirs.push_back(makeCgroupDirs(v1Controller("pids", "the pids limit"), parent, id));
            writeFileOrThrow(dirs.back() + "/pids.max", std::to_string(limits.pidsLimit), "the pids limit");
        }
    } catch (...) {
        removeLimitCgroups(dirs);
        throw;
    }
    return dirs;
}

void removeLimitCgroups(const std::vector<std::string> &dirs)
{
    for (const auto &dir : dirs)
        removeCgroup({dir, 1});
}

} // namespace strata::engine::runtime
