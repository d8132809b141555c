// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerCaps.h"

#include "engine/Error.h"
#include "engine/runtime/RuntimeSpec.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sys/capability.h>

namespace strata::engine::container {
namespace {

// Every capability this libcap knows, by number; made once per process
// (each run asks more than once: validation, the start spec, the sort).
std::vector<std::string> knownCapabilities()
{
    std::vector<std::string> out;
    for (int c = 0; c <= CAP_LAST_CAP; ++c) {
        char *name = cap_to_name(static_cast<cap_value_t>(c));
        if (!name)
            continue;
        std::string n = name;
        cap_free(name);
        std::transform(n.begin(), n.end(), n.begin(), [](unsigned char ch) { return std::toupper(ch); });
        if (n.rfind("CAP_", 0) == 0)
            out.push_back(n);
    }
    return out;
}

const std::vector<std::string> &allCapabilities()
{
    static const std::vector<std::string> all = knownCapabilities();
    return all;
}

} // namespace

std::string normaliseCapability(const std::string &name)
{
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char ch) { return std::toupper(ch); });
    if (n == "ALL")
        return n;
    if (n.rfind("CAP_", 0) != 0)
        n = "CAP_" + n;
    const auto &all = allCapabilities();
    if (std::find(all.begin(), all.end(), n) == all.end())
        throw Error(ErrorCode::InvalidArgument, "unknown capability: \"" + name + "\"");
    return n;
}

std::vector<std::string> effectiveCapabilities(const std::vector<std::string> &add, const std::vector<std::string> &drop)
{
    std::set<std::string> caps;
    for (const auto &c : runtime::dockerDefaultCapabilities())
        caps.insert(c);
    for (const auto &d : drop) {
        const std::string n = normaliseCapability(d);
        if (n == "ALL")
            caps.clear();
        else
            caps.erase(n);
    }
    for (const auto &a : add) {
        const std::string n = normaliseCapability(a);
        if (n == "ALL")
            for (const auto &c : allCapabilities())
                caps.insert(c);
        else
            caps.insert(n);
    }
    // By number: allCapabilities() is in that order already.
    std::vector<std::string> out;
    out.reserve(caps.size());
    for (const auto &c : allCapabilities())
        if (caps.erase(c))
            out.push_back(c);
    for (const auto &c : caps)
        out.push_back(c); // not known to libcap : last, by name
    return out;
}

} // namespace strata::engine::container
