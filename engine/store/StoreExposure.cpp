// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/store/StoreExposure.h"

#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::store {

std::optional<std::string> storeExposureWarning(const std::filesystem::path &root)
{
    if (::geteuid() != 0)
        return std::nullopt;
    std::error_code ec;
    const std::filesystem::path canonical = std::filesystem::weakly_canonical(root, ec);
    if (ec)
        return std::nullopt;
    struct stat st {};
    if (::stat(canonical.c_str(), &st) == 0 && (st.st_mode & S_IROTH))
        return "WARNING: the store " + canonical.string() +
               " is readable by every user; containers' files are exposed (chmod 0711 it)";
    for (std::filesystem::path dir = canonical.parent_path();; dir = dir.parent_path()) {
        if (::lstat(dir.c_str(), &st) != 0)
            break;
        const bool othersWrite = (st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX);
        if (st.st_uid != 0 || othersWrite)
            return "WARNING: the store " + canonical.string() + " is under " + dir.string() + ", which " +
                   (st.st_uid != 0 ? "user " + std::to_string(st.st_uid) + " owns" : "other users can write") +
                   ": they could swap the store's directories; prefer a root-owned path such as /var/lib/strata";
        if (dir == dir.parent_path())
            break;
    }
    return std::nullopt;
}

} // namespace strata::engine::store
