// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/Capabilities.h"

#include "engine/Error.h"
#include "engine/runtime/ProcInfo.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fstream>
#include <memory>
#include <set>
#include <sys/capability.h>
#include <sys/prctl.h>

namespace strata::engine::runtime {
namespace {

struct CapFree {
    void operator()(void *p) const { cap_free(p); }
};
using CapPtr = std::unique_ptr<std::remove_pointer_t<cap_t>, CapFree>;

std::set<int> toValues(const std::vector<std::string> &names)
{
    std::set<int> out;
    for (const auto &n : names)
        out.insert(capabilityFromName(n));
    return out;
}

} // namespace

int capabilityFromName(const std::string &name)
{
    std::string lower;
    for (char c : name)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (lower.rfind("cap_", 0) != 0)
        lower = "cap_" + lower;
    cap_value_t v;
    if (cap_from_name(lower.c_str(), &v) != 0)
        throw Error(ErrorCode::InvalidArgument, "unknown capability: \"" + name + "\"");
    return v;
}

std::uint64_t capabilityMask(const std::vector<std::string> &names)
{
    std::uint64_t mask = 0;
    for (int v : toValues(names))
        mask |= std::uint64_t{1} << v;
    return mask;
}

int lastCapability()
{
    std::ifstream in("/proc/sys/kernel/cap_last_cap");
    int last = CAP_LAST_CAP;
    if (in)
        in >> last;
    return last;
}

void dropBoundingSet(const std::vector<std::string> &keep)
{
    const std::set<int> kept = toValues(keep);
    // The bounding set in one read (else a PR_CAPBSET_READ per capability):
    // only what is in it needs dropping.
    const std::optional<std::uint64_t> bounding = ownStatusMask({"CapBnd"});
    const int last = bounding ? 63 : lastCapability();
    for (int cap = 0; cap <= last; ++cap) {
        if (kept.count(cap) || (bounding ? !(*bounding >> cap & 1) : !CAP_IS_SUPPORTED(cap)))
            continue;
        if (::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0)
            throwErrno("drop capability " + std::string(cap_to_name(static_cast<cap_value_t>(cap))) +
                       " from the bounding set");
    }
}

std::vector<std::string> setProcessCapabilities(const std::vector<std::string> &keep)
{
    CapPtr current(cap_get_proc());
    if (!current)
        throwErrno("cap_get_proc");
    std::vector<cap_value_t> values;
    std::vector<std::string> skipped;
    for (const auto &name : keep) {
        const auto v = static_cast<cap_value_t>(capabilityFromName(name));
        cap_flag_value_t has = CAP_CLEAR;
        cap_get_flag(current.get(), v, CAP_PERMITTED, &has);
        if (has == CAP_SET)
            values.push_back(v);
        else
            skipped.push_back(name);
    }
    CapPtr caps(cap_init()); // all flags clear
    if (!caps)
        throwErrno("cap_init");
    if (!values.empty()) {
        const int n = static_cast<int>(values.size());
        if (cap_set_flag(caps.get(), CAP_PERMITTED, n, values.data(), CAP_SET) != 0 ||
            cap_set_flag(caps.get(), CAP_EFFECTIVE, n, values.data(), CAP_SET) != 0)
            throwErrno("cap_set_flag");
    }
    if (cap_set_proc(caps.get()) != 0)
        throwErrno("set process capabilities");
    // One call (libcap's cap_reset_ambient asks about each capability first).
    // EINVAL: a kernel without ambient capabilities, so nothing to clear.
    if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
        throwErrno("clear ambient capabilities");
    return skipped;
}

void setNoNewPrivileges()
{
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        throwErrno("prctl(PR_SET_NO_NEW_PRIVS)");
}

} // namespace strata::engine::runtime
