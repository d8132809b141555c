// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/MarkersBelowSymlink.h"

#include "engine/fs/DirNames.h"
#include "engine/layer/Whiteout.h"
#include "engine/util/RootedOpen.h"

#include <deque>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <vector>

namespace strata::engine::fs {
namespace {

constexpr int kMaxSymlinks = 40; // the kernel's MAXSYMLINKS

} // namespace

bool holdsOnlyMarkers(const std::filesystem::path &dir, bool overlayDevices)
{
    bool ok = true;
    const std::vector<std::string> names = listNames(dir, &ok);
    if (!ok)
        return false;
    for (const auto &name : names) {
        if (layer::isWhiteoutName(name) || layer::isOpaqueMarker(name))
            continue;
        struct stat st {};
        if (::lstat((dir / name).c_str(), &st) != 0)
            return false;
        if (overlayDevices && S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0))
            continue;
        if (!S_ISDIR(st.st_mode) || !holdsOnlyMarkers(dir / name, overlayDevices))
            return false;
    }
    return true;
}

std::optional<std::string> resolveDirInUnion(const std::map<std::string, TreeEntry> &merged, const std::string &rel)
{
    std::deque<std::string> todo = util::pathComponents(rel);
    std::vector<std::string> done;
    int links = 0;
    while (!todo.empty()) {
        std::string name = std::move(todo.front());
        todo.pop_front();
        if (name == ".")
            continue;
        if (name == "..") {
            if (!done.empty())
                done.pop_back();
            continue;
        }
        done.push_back(std::move(name));
        const auto it = merged.find(util::joinComponents(done));
        if (it == merged.end())
            return std::nullopt;
        if (it->second.type == EntryType::Dir)
            continue;
        if (it->second.type != EntryType::Symlink || ++links > kMaxSymlinks)
            return std::nullopt;
        done.pop_back();
        if (!it->second.target.empty() && it->second.target.front() == '/')
            done.clear();
        std::deque<std::string> more = util::pathComponents(it->second.target);
        todo.insert(todo.begin(), more.begin(), more.end());
    }
    return util::joinComponents(done);
}

} // namespace strata::engine::fs
