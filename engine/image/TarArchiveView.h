// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An ArchiveView over a regular, uncompressed tar file. The constructor is
// pass 1: it reads every header (so truncation anywhere is found before
// anything is stored), keeps the small entries (the JSON documents, tiny
// layers) in memory and skips the rest with lseek. stream() is pass 2: one
// sequential read that hands each wanted layer entry, as it comes, to the
// consumer, the outer archive's bytes flowing straight into the layer
// applier.

#include "engine/image/ArchiveView.h"

#include <filesystem>
#include <map>
#include <string>

namespace strata::engine::image {

class TarArchiveView final : public ArchiveView {
public:
    TarArchiveView(std::filesystem::path file, std::string displayName);

    void stream(const std::set<std::string> &paths, const StreamFn &fn) override;

protected:
    std::string readEntry(const ArchiveEntryInfo &entry, std::size_t limit) override;

private:
    std::filesystem::path m_file;
    std::map<std::string, std::size_t> m_ordinal; // header number of the entry that wins for each path
    std::map<std::string, std::string> m_cache;   // data of small entries
    std::size_t m_cached = 0;                      // bytes in m_cache
};

} // namespace strata::engine::image
