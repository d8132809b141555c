// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/TarArchiveView.h"

#include "engine/Error.h"

#include <cstring>

namespace strata::engine::image {
namespace {

// Every JSON document of a real archive fits; so do the smallest layers,
// which then need no second read.
constexpr std::int64_t kCacheEntryMax = 256 << 10;
constexpr std::size_t kCacheTotalMax = 32u << 20;

} // namespace

TarArchiveView::TarArchiveView(std::filesystem::path file, std::string displayName)
    : ArchiveView(std::move(displayName)), m_file(std::move(file))
{
    TarFileReader reader(m_file);
    ArchiveEntryInfo e;
    for (std::size_t ordinal = 0; reader.next(e); ++ordinal) {
        if (e.path.empty())
            continue; // "./" itself
        m_cache.erase(e.path);
        if (e.type == ArchiveEntryInfo::Type::File && e.size <= kCacheEntryMax &&
            m_cached + static_cast<std::size_t>(e.size) <= kCacheTotalMax) {
            std::string data = reader.readData(static_cast<std::size_t>(kCacheEntryMax));
            m_cached += data.size();
            m_cache[e.path] = std::move(data);
        }
        m_ordinal[e.path] = ordinal;
        m_entries[e.path] = e;
    }
}

std::string TarArchiveView::readEntry(const ArchiveEntryInfo &entry, std::size_t limit)
{
    if (auto it = m_cache.find(entry.path); it != m_cache.end())
        return it->second;
    std::string out;
    stream({entry.path}, [&](const std::string &, layer::ByteSource &data) {
        char buffer[64 * 1024];
        while (const std::size_t n = data.read(buffer, sizeof buffer)) {
            if (out.size() + n > limit)
                throw Error(ErrorCode::InvalidArchive, entry.path + ": too large for a JSON document");
            out.append(buffer, n);
        }
    });
    return out;
}

void TarArchiveView::stream(const std::set<std::string> &paths, const StreamFn &fn)
{
    std::set<std::string> pending;
    for (const auto &p : paths) {
        if (auto it = m_cache.find(p); it != m_cache.end()) {
            fn(p, *layer::makeStringSource(it->second));
        } else {
            pending.insert(p);
        }
    }
    if (pending.empty())
        return;
    TarFileReader reader(m_file);
    ArchiveEntryInfo e;
    for (std::size_t ordinal = 0; !pending.empty() && reader.next(e); ++ordinal) {
        auto it = pending.find(e.path);
        if (it == pending.end() || m_ordinal[e.path] != ordinal)
            continue;
        pending.erase(it);
        auto source = reader.dataSource();
        fn(e.path, *source);
    }
    if (!pending.empty())
        throw Error(ErrorCode::InvalidArchive, *pending.begin() + ": missing from the archive (changed while reading?)");
}

} // namespace strata::engine::image
