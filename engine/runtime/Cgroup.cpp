// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/Cgroup.h"

#include "engine/Error.h"
#include "engine/runtime/Fd.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <thread>
#include <unistd.h>

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif
#ifndef CGROUP_SUPER_MAGIC
#define CGROUP_SUPER_MAGIC 0x27e0eb
#endif

namespace strata::engine::runtime {
namespace {

bool isFs(const char *path, long magic)
{
    struct statfs sf{};
    return ::statfs(path, &sf) == 0 && static_cast<long>(sf.f_type) == magic;
}

bool makeDir(const std::string &path)
{
    return ::mkdir(path.c_str(), 0755) == 0 || errno == EEXIST;
}

} // namespace

CgroupRef findFreezerHierarchy()
{
    const char *v1 = "/sys/fs/cgroup/freezer";
    if (isFs(v1, CGROUP_SUPER_MAGIC) && ::access(v1, W_OK) == 0)
        return {v1, 1};
    for (const char *v2 : {"/sys/fs/cgroup", "/sys/fs/cgroup/unified"}) {
        if (isFs(v2, CGROUP2_SUPER_MAGIC) && ::access(v2, W_OK) == 0)
            return {v2, 2};
    }
    return {};
}

CgroupRef createContainerCgroup(const std::string &parent, const std::string &id, std::string *why)
{
    CgroupRef h = findFreezerHierarchy();
    if (!h.valid()) {
        if (why)
            *why = "no writable cgroup freezer (v1 freezer or cgroup2) hierarchy";
        return {};
    }
    std::string path = h.path;
    const std::string rel = (parent.empty() ? std::string("strata") : parent) + "/" + id;
    size_t start = 0;
    while (start < rel.size()) {
        size_t slash = rel.find('/', start);
        if (slash == std::string::npos)
            slash = rel.size();
        const std::string comp = rel.substr(start, slash - start);
        start = slash + 1;
        if (comp.empty() || comp == "." || comp == "..")
            continue;
        path += "/" + comp;
        if (!makeDir(path)) {
            if (why)
                *why = "mkdir " + path + ": " + std::strerror(errno);
            return {};
        }
    }
    return {path, h.version};
}

void addProcessToCgroup(const CgroupRef &cg, pid_t pid)
{
    const std::string file = cg.path + "/cgroup.procs";
    UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd || !writeAll(fd.get(), std::to_string(pid)))
        throwErrno("add pid " + std::to_string(pid) + " to " + file);
}

SelfJoin openSelfJoin(const std::string &dir)
{
    SelfJoin join{UniqueFd(), dir + "/tasks"};
    join.tasks.reset(::open(join.file.c_str(), O_WRONLY | O_CLOEXEC));
    if (!join.tasks)
        throwErrno("open " + join.file);
    return join;
}

void joinSelf(const SelfJoin &join)
{
    if (!writeAll(join.tasks.get(), "0"))
        throwErrno("join the cgroup " + join.file);
}

std::vector<pid_t> cgroupProcesses(const CgroupRef &cg)
{
    std::vector<pid_t> out;
    std::ifstream in(cg.path + "/cgroup.procs");
    for (long pid; in >> pid;)
        out.push_back(static_cast<pid_t>(pid));
    return out;
}

void removeCgroup(const CgroupRef &cg)
{
    if (!cg.valid())
        return;
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (::rmdir(cg.path.c_str()) == 0 || errno == ENOENT)
            return;
        if (errno != EBUSY)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

} // namespace strata::engine::runtime
