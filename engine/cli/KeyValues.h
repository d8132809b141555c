// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `--label K=V` / `-o K=V` lists as a map ("K" alone: an empty value), as
// Docker's opts.ConvertKVStringsToMap.

#include <map>
#include <string>
#include <vector>

namespace strata::engine::cli {

inline std::map<std::string, std::string> keyValues(const std::vector<std::string> &items)
{
    std::map<std::string, std::string> out;
    for (const auto &kv : items) {
        const auto eq = kv.find('=');
        out[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
    }
    return out;
}

} // namespace strata::engine::cli
