// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ArchiveContents.h"

namespace strata::engine::image {

void ArchiveContents::addParents(const std::string &path, std::int64_t mtime)
{
    for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
        const std::string dir = path.substr(0, slash);
        if (!m_entries.count(dir))
            m_entries[dir] = Entry{Entry::Type::Directory, mtime, 0, {}, {}, {}};
    }
}

void ArchiveContents::addFile(const std::string &path, std::string bytes, std::int64_t mtime)
{
    addParents(path, mtime);
    const std::uint64_t size = bytes.size();
    m_entries[path] = Entry{Entry::Type::File, mtime, size, std::move(bytes), {}, {}};
}

void ArchiveContents::addStreamedFile(const std::string &path, std::uint64_t size, Producer produce, std::int64_t mtime)
{
    addParents(path, mtime);
    m_entries[path] = Entry{Entry::Type::File, mtime, size, {}, std::move(produce), {}};
}

void ArchiveContents::addSymlink(const std::string &path, const std::string &target, std::int64_t mtime)
{
    addParents(path, mtime);
    m_entries[path] = Entry{Entry::Type::Symlink, mtime, 0, {}, {}, target};
}

void ArchiveContents::addDirectory(const std::string &path, std::int64_t mtime)
{
    addParents(path, mtime);
    m_entries[path] = Entry{Entry::Type::Directory, mtime, 0, {}, {}, {}};
}

void ArchiveContents::writeTo(ArchiveSink &sink, const Progress &onStreamed) const
{
    std::size_t total = 0;
    std::size_t done = 0;
    for (const auto &[path, e] : m_entries)
        total += e.produce ? 1 : 0;
    for (const auto &[path, e] : m_entries) {
        switch (e.type) {
        case Entry::Type::Directory: sink.directory(path, e.mtime); break;
        case Entry::Type::Symlink: sink.symlink(path, e.target, e.mtime); break;
        case Entry::Type::File:
            if (e.produce) {
                sink.file(path, e.size, e.mtime, e.produce);
                if (onStreamed)
                    onStreamed(++done, total);
            } else {
                sink.file(path, e.size, e.mtime, [&e = e](layer::ByteSink &out) { out.write(e.bytes.data(), e.bytes.size()); });
            }
            break;
        }
    }
    sink.finish();
}

} // namespace strata::engine::image
