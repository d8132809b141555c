// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An ArchiveView over an OCI image layout directory (image-layout.md):
// the same entry rules as a tar (symlinks are followed only while they stay
// inside the directory), files read in place.

#include "engine/image/ArchiveView.h"

#include <filesystem>

namespace strata::engine::image {

class DirArchiveView final : public ArchiveView {
public:
    // Indexes every file under `dir`; Io/PermissionDenied when it cannot be read.
    DirArchiveView(std::filesystem::path dir, std::string displayName);

    void stream(const std::set<std::string> &paths, const StreamFn &fn) override;

protected:
    std::string readEntry(const ArchiveEntryInfo &entry, std::size_t limit) override;

private:
    std::filesystem::path m_dir;
};

} // namespace strata::engine::image
