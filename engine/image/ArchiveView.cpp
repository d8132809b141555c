// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ArchiveView.h"

#include "engine/Error.h"
#include "engine/image/ArchivePaths.h"

namespace strata::engine::image {
namespace {

// Docker's duplicate-layer links are one hop; 16 allows chains of them and
// still stops a loop quickly.
constexpr int kMaxLinkHops = 16;

} // namespace

std::optional<ArchiveEntryInfo> ArchiveView::resolve(const std::string &path) const
{
    std::string current = normaliseEntryPath(path);
    for (int hop = 0; hop <= kMaxLinkHops; ++hop) {
        auto it = m_entries.find(current);
        if (it == m_entries.end())
            return std::nullopt;
        const ArchiveEntryInfo &e = it->second;
        switch (e.type) {
        case ArchiveEntryInfo::Type::File: return e;
        case ArchiveEntryInfo::Type::Symlink: current = resolveSymlinkTarget(e.path, e.link); break;
        case ArchiveEntryInfo::Type::Hardlink: current = e.link; break;
        default: return std::nullopt;
        }
    }
    throw Error(ErrorCode::InvalidArchive, "\"" + path + "\": too many levels of links (a loop?)");
}

std::string ArchiveView::read(const std::string &path, std::size_t limit)
{
    const auto entry = resolve(path);
    if (!entry)
        throw Error(ErrorCode::InvalidArchive, path + ": missing from the archive");
    if (static_cast<std::uint64_t>(entry->size) > limit)
        throw Error(ErrorCode::InvalidArchive, path + ": " + std::to_string(entry->size) +
                                                   " bytes is too large for a JSON document");
    return readEntry(*entry, limit);
}

} // namespace strata::engine::image
