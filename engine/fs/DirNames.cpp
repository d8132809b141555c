// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/DirNames.h"

#include <algorithm>
#include <cstring>
#include <dirent.h>

namespace strata::engine::fs {

std::vector<std::string> listNames(const std::filesystem::path &dir, bool *ok)
{
    std::vector<std::string> names;
    DIR *d = ::opendir(dir.c_str());
    if (ok)
        *ok = d != nullptr;
    if (!d)
        return names;
    while (dirent *e = ::readdir(d)) {
        if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
            names.emplace_back(e->d_name);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace strata::engine::fs
