// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/DirArchiveView.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <sys/stat.h>

namespace strata::engine::image {
namespace fs = std::filesystem;

DirArchiveView::DirArchiveView(fs::path dir, std::string displayName)
    : ArchiveView(std::move(displayName)), m_dir(std::move(dir))
{
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(m_dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0)
            throwErrno("stat " + it->path().string());
        ArchiveEntryInfo e;
        e.path = fs::relative(it->path(), m_dir).generic_string();
        if (S_ISREG(st.st_mode)) {
            e.type = ArchiveEntryInfo::Type::File;
            e.size = st.st_size;
        } else if (S_ISDIR(st.st_mode)) {
            e.type = ArchiveEntryInfo::Type::Directory;
        } else if (S_ISLNK(st.st_mode)) {
            e.type = ArchiveEntryInfo::Type::Symlink;
            e.link = fs::read_symlink(it->path(), ec).string();
        }
        m_entries[e.path] = e;
    }
    if (ec)
        throw Error(ErrorCode::Io, "read directory " + m_dir.string() + ": " + ec.message(), ec.value());
}

std::string DirArchiveView::readEntry(const ArchiveEntryInfo &entry, std::size_t limit)
{
    std::string data = fsutil::readFile(m_dir / entry.path);
    if (data.size() > limit)
        throw Error(ErrorCode::InvalidArchive, entry.path + ": too large for a JSON document");
    return data;
}

void DirArchiveView::stream(const std::set<std::string> &paths, const StreamFn &fn)
{
    for (const auto &p : paths) {
        auto source = layer::openFileSource(m_dir / p);
        fn(p, *source);
    }
}

} // namespace strata::engine::image
