// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/store/StoreLayout.h"

#include "engine/util/Fs.h"

#include <cstdlib>

namespace strata::engine::store {

StoreLayout::StoreLayout(std::filesystem::path root) : m_root(std::filesystem::absolute(std::move(root))) {}

std::filesystem::path StoreLayout::defaultRoot()
{
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "strata";
    if (const char *home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "strata";
    return std::filesystem::current_path() / ".strata";
}

void StoreLayout::create() const
{
    for (const auto &dir : {blobsDir(), layersDir(), containersDir(), volumesDir(), journalDir(), tmpDir()})
        fsutil::makeDirs(dir);
}

} // namespace strata::engine::store
