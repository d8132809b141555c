// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/ExcludedPaths.h"

namespace strata::engine::fs::drivers {

ExcludedPaths::ExcludedPaths(const std::vector<std::string> &mountPoints)
{
    for (std::string p : mountPoints) {
        while (!p.empty() && p.front() == '/')
            p.erase(p.begin());
        while (!p.empty() && p.back() == '/')
            p.pop_back();
        if (!p.empty())
            m_points.push_back(std::move(p));
    }
}

bool ExcludedPaths::hides(std::string_view path) const
{
    for (const auto &m : m_points) {
        if (path.size() > m.size() && path.compare(0, m.size(), m) == 0 && path[m.size()] == '/')
            return true;
    }
    return false;
}

std::string parentOf(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::string joinPath(std::string_view dir, std::string_view name)
{
    if (dir.empty())
        return std::string(name);
    std::string out(dir);
    out += '/';
    out += name;
    return out;
}

} // namespace strata::engine::fs::drivers
