// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/StageState.h"

#include "engine/image/ImageChanges.h"

namespace strata::engine::build {

std::vector<std::string> StageState::shell() const
{
    std::vector<std::string> out;
    if (auto it = runConfig.find("Shell"); it != runConfig.end() && it->is_array())
        for (const auto &w : *it)
            out.push_back(w.get<std::string>());
    if (out.empty())
        out = {"/bin/sh", "-c"};
    return out;
}

std::vector<std::string> StageState::env() const
{
    std::vector<std::string> out;
    if (auto it = runConfig.find("Env"); it != runConfig.end() && it->is_array())
        for (const auto &kv : *it)
            out.push_back(kv.get<std::string>());
    return out;
}

image::Environment StageState::environment() const
{
    image::Environment e;
    for (const auto &kv : env()) {
        const std::size_t eq = kv.find('=');
        e[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
    }
    for (const auto &[k, v] : args)
        if (v && !e.count(k))
            e[k] = *v;
    return e;
}

std::vector<std::string> StageState::argEnv() const
{
    image::Environment fromEnv;
    for (const auto &kv : env())
        fromEnv[kv.substr(0, kv.find('='))] = "";
    std::vector<std::string> out;
    for (const auto &[k, v] : args)
        if (v && !fromEnv.count(k))
            out.push_back(k + "=" + *v);
    return out; // sorted: args is a map
}

void StageState::setEnv(const std::string &key, const std::string &value)
{
    image::setConfigEnv(runConfig, key, value);
}

} // namespace strata::engine::build
