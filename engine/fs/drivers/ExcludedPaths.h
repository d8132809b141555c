// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Mount points inside a container (volumes, bind mounts, tmpfs): what is under
// them lives elsewhere, so it is neither a change nor part of a commit. The
// mount point itself stays visible, as Docker lists "A /data" for a new one.

#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::fs::drivers {

class ExcludedPaths {
public:
    ExcludedPaths() = default;
    // Accepts "/data", "data/", "/var/lib/db"; "/" or "" would hide everything
    // and is ignored.
    explicit ExcludedPaths(const std::vector<std::string> &mountPoints);

    // True when `path` (relative, "data/x") lies strictly under a mount point.
    [[nodiscard]] bool hides(std::string_view path) const;
    [[nodiscard]] bool empty() const { return m_points.empty(); }

private:
    std::vector<std::string> m_points; // normalised: relative, no trailing slash
};

// "etc/app" -> "etc"; "etc" -> "".
[[nodiscard]] std::string parentOf(std::string_view path);
// "" + "etc" -> "etc"; "etc" + "app" -> "etc/app".
[[nodiscard]] std::string joinPath(std::string_view dir, std::string_view name);

} // namespace strata::engine::fs::drivers
