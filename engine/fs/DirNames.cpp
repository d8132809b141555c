// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/DirNames.h"

#include <algorithm>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace strata::engine::fs {

namespace {

std::vector<std::string> readNames(DIR *d, bool *ok)
{
    std::vector<std::string> names;
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

} // namespace

std::vector<std::string> listNames(const std::filesystem::path &dir, bool *ok)
{
    return readNames(::opendir(dir.c_str()), ok);
}

std::vector<std::string> listNamesAt(int dirFd, bool *ok)
{
    const int own = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0); // closedir closes it
    DIR *d = own < 0 ? nullptr : ::fdopendir(own);
    if (!d && own >= 0)
        ::close(own);
    if (d)
        ::rewinddir(d);
    return readNames(d, ok);
}

} // namespace strata::engine::fs
