// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/MountTable.h"

#include <algorithm>
#include <cctype>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>

namespace strata::engine::fsutil {
namespace {

// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescapeOctal(const std::string &s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
            out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 3), nullptr, 8)));
            i += 3;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

// Every mount point of this process's namespace, in mountinfo's order.
std::vector<std::string> mountPoints()
{
    std::vector<std::string> out;
    std::ifstream in("/proc/self/mountinfo");
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string id, parent, devs, root, mountPoint;
        if (fields >> id >> parent >> devs >> root >> mountPoint)
            out.push_back(unescapeOctal(mountPoint));
    }
    return out;
}

} // namespace

std::vector<std::filesystem::path> mountPointsUnder(const std::filesystem::path &dir)
{
    std::error_code ec;
    const std::string prefix = std::filesystem::weakly_canonical(dir, ec).string() + "/";
    std::vector<std::filesystem::path> out;
    if (ec)
        return out;
    for (const auto &mp : mountPoints())
        if (mp.compare(0, prefix.size(), prefix) == 0)
            out.emplace_back(mp);
    // Deepest (and latest) first, so nested mounts come off before their parents.
    std::reverse(out.begin(), out.end());
    std::stable_sort(out.begin(), out.end(),
                     [](const auto &a, const auto &b) { return a.string().size() > b.string().size(); });
    return out;
}

bool isMountPoint(const std::filesystem::path &dir)
{
    // statx answers from the path alone; mountinfo costs a read of every
    // mount of the host (hundreds on a busy one, each overlay's options
    // escaped by the kernel): a few ms per question on `run`'s path.
    struct statx sx {};
    if (::statx(AT_FDCWD, dir.c_str(), 0, STATX_TYPE, &sx) != 0)
        return false;
    if (sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT)
        return (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
    // Kernels before 5.8 do not say: read the mount table.
    std::error_code ec;
    const auto target = std::filesystem::weakly_canonical(dir, ec);
    if (ec)
        return false;
    const auto all = mountPoints();
    return std::find(all.begin(), all.end(), target.string()) != all.end();
}

bool inUserNamespace()
{
    std::ifstream in("/proc/self/uid_map");
    unsigned long inside = 0, outside = 0, count = 0;
    if (!(in >> inside >> outside >> count))
        return false;
    return !(inside == 0 && outside == 0 && count == 4294967295UL);
}

} // namespace strata::engine::fsutil
