// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ArchivePaths.h"

#include "engine/Error.h"

#include <algorithm>
#include <vector>

namespace strata::engine::image {
namespace {

// Splits on '/', dropping empty and "." components and applying "..".
// `escaped` is set when ".." would climb above the root.
std::vector<std::string_view> components(std::string_view path, bool &escaped)
{
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        const std::size_t slash = std::min(path.find('/', pos), path.size());
        const std::string_view part = path.substr(pos, slash - pos);
        pos = slash + 1;
        if (part.empty() || part == ".")
            continue;
        if (part == "..") {
            if (out.empty())
                escaped = true;
            else
                out.pop_back();
            continue;
        }
        out.push_back(part);
    }
    return out;
}

std::string join(const std::vector<std::string_view> &parts)
{
    std::string out;
    for (const auto &p : parts) {
        if (!out.empty())
            out += '/';
        out += p;
    }
    return out;
}

} // namespace

std::string normaliseEntryPath(std::string_view name)
{
    if (!name.empty() && name.front() == '/')
        throw Error(ErrorCode::UnsafePath, "archive entry \"" + std::string(name) + "\" has an absolute path");
    bool escaped = false;
    auto parts = components(name, escaped);
    if (escaped)
        throw Error(ErrorCode::UnsafePath, "archive entry \"" + std::string(name) + "\" climbs out of the archive");
    return join(parts);
}

std::string resolveSymlinkTarget(std::string_view linkPath, std::string_view target)
{
    std::string combined;
    if (!target.empty() && target.front() == '/') {
        combined = std::string(target.substr(1));
    } else {
        const std::size_t slash = linkPath.rfind('/');
        combined = slash == std::string_view::npos ? std::string(target)
                                                   : std::string(linkPath.substr(0, slash + 1)) + std::string(target);
    }
    bool escaped = false;
    auto parts = components(combined, escaped);
    if (escaped)
        throw Error(ErrorCode::UnsafePath, "archive entry \"" + std::string(linkPath) + "\" links to \"" +
                                               std::string(target) + "\", outside the archive");
    return join(parts);
}

bool isSha256Hex(std::string_view s)
{
    return s.size() == 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

} // namespace strata::engine::image
