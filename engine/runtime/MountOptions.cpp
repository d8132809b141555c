// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/MountOptions.h"

#include "engine/Error.h"

#include <array>
#include <string_view>
#include <sys/mount.h>
#include <sys/statvfs.h>

namespace strata::engine::runtime {
namespace {

struct FlagOption {
    std::string_view name;
    bool clear;          // "rw", "suid" ... clear the flag instead of setting it
    unsigned long flag;
};

constexpr std::array<FlagOption, 20> kFlags{{
    {"ro", false, MS_RDONLY},          {"rw", true, MS_RDONLY},
    {"nosuid", false, MS_NOSUID},      {"suid", true, MS_NOSUID},
    {"nodev", false, MS_NODEV},        {"dev", true, MS_NODEV},
    {"noexec", false, MS_NOEXEC},      {"exec", true, MS_NOEXEC},
    {"sync", false, MS_SYNCHRONOUS},   {"async", true, MS_SYNCHRONOUS},
    {"dirsync", false, MS_DIRSYNC},    {"remount", false, MS_REMOUNT},
    {"noatime", false, MS_NOATIME},    {"atime", true, MS_NOATIME},
    {"nodiratime", false, MS_NODIRATIME}, {"diratime", true, MS_NODIRATIME},
    {"relatime", false, MS_RELATIME},  {"norelatime", true, MS_RELATIME},
    {"strictatime", false, MS_STRICTATIME}, {"nostrictatime", true, MS_STRICTATIME},
}};

struct PropagationOption {
    std::string_view name;
    unsigned long flags;
};

constexpr std::array<PropagationOption, 8> kPropagation{{
    {"private", MS_PRIVATE},         {"rprivate", MS_PRIVATE | MS_REC},
    {"shared", MS_SHARED},           {"rshared", MS_SHARED | MS_REC},
    {"slave", MS_SLAVE},             {"rslave", MS_SLAVE | MS_REC},
    {"unbindable", MS_UNBINDABLE},   {"runbindable", MS_UNBINDABLE | MS_REC},
}};

bool applyFlag(std::string_view opt, MountOptions &out)
{
    for (const auto &f : kFlags) {
        if (f.name == opt) {
            out.flags = f.clear ? (out.flags & ~f.flag) : (out.flags | f.flag);
            return true;
        }
    }
    for (const auto &p : kPropagation) {
        if (p.name == opt) {
            out.propagation = p.flags;
            return true;
        }
    }
    return false;
}

} // namespace

MountOptions parseMountOptions(const std::vector<std::string> &options)
{
    MountOptions out;
    for (const auto &opt : options) {
        if (opt == "bind" || opt == "rbind") {
            out.bind = true;
            out.recursive = out.recursive || opt == "rbind";
        } else if (!applyFlag(opt, out)) {
            out.data += (out.data.empty() ? "" : ",") + opt;
        }
    }
    return out;
}

unsigned long lockedMountFlags(const std::string &path)
{
    struct statvfs sv{};
    if (::statvfs(path.c_str(), &sv) != 0)
        throwErrno("statvfs " + path);
    unsigned long flags = 0;
    const std::array<std::pair<unsigned long, unsigned long>, 6> map{{
        {ST_NOSUID, MS_NOSUID}, {ST_NODEV, MS_NODEV},         {ST_NOEXEC, MS_NOEXEC},
        {ST_NOATIME, MS_NOATIME}, {ST_NODIRATIME, MS_NODIRATIME}, {ST_RELATIME, MS_RELATIME},
    }};
    for (const auto &[st, ms] : map)
        if (sv.f_flag & st)
            flags |= ms;
    return flags;
}

void remountReadOnly(const std::string &path)
{
    const unsigned long flags = MS_BIND | MS_REMOUNT | MS_RDONLY | lockedMountFlags(path);
    if (::mount(nullptr, path.c_str(), nullptr, flags, nullptr) != 0)
        throwErrno("remount " + path + " read-only");
}

} // namespace strata::engine::runtime
