// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/TarReader.h"

#include "engine/Error.h"

#include <utility>

namespace strata::engine::layer {
namespace {

// Names keep their bytes: ustar and GNU headers are read raw, and pax
// records (UTF-8, NFD, or not UTF-8 at all) too, because headers are read
// in the C locale (ScopedByteLocale in ArchiveHandles.h says why).
const char *pathnameOf(archive_entry *e)
{
    const char *name = archive_entry_pathname(e);
    return name ? name : archive_entry_pathname_utf8(e);
}

const char *hardlinkOf(archive_entry *e)
{
    const char *name = archive_entry_hardlink(e);
    return name ? name : archive_entry_hardlink_utf8(e);
}

const char *symlinkOf(archive_entry *e)
{
    const char *name = archive_entry_symlink(e);
    return name ? name : archive_entry_symlink_utf8(e);
}

EntryType typeOf(archive_entry *e, const std::string &name)
{
    if (hardlinkOf(e))
        return EntryType::Hardlink;
    switch (archive_entry_filetype(e)) {
    case AE_IFREG: return EntryType::File;
    case AE_IFDIR: return EntryType::Directory;
    case AE_IFLNK: return EntryType::Symlink;
    case AE_IFIFO: return EntryType::Fifo;
    case AE_IFCHR: return EntryType::CharDevice;
    case AE_IFBLK: return EntryType::BlockDevice;
    default: break;
    }
    throw Error(ErrorCode::Unsupported, "layer entry \"" + name + "\": unsupported tar entry type");
}

} // namespace

TarReader::TarReader(LayerInput &input, bool wantXattrs)
    : m_input(input), m_wantXattrs(wantXattrs), m_archive(archive_read_new())
{
    if (!m_archive)
        throw Error(ErrorCode::Internal, "cannot create a libarchive reader");
    archive_read_support_format_tar(m_archive.get());
    archive_read_support_format_empty(m_archive.get());
    if (archive_read_open(m_archive.get(), this, nullptr, &TarReader::readCallback, nullptr) != ARCHIVE_OK)
        fail();
}

la_ssize_t TarReader::readCallback(archive *, void *self, const void **buffer)
{
    auto *reader = static_cast<TarReader *>(self);
    try {
        const LayerInput::Chunk c = reader->m_input.next();
        *buffer = c.data;
        return static_cast<la_ssize_t>(c.size);
    } catch (...) {
        // Exceptions must not unwind through libarchive's C frames.
        reader->m_pending = std::current_exception();
        return ARCHIVE_FATAL;
    }
}

void TarReader::fail()
{
    if (m_pending)
        std::rethrow_exception(std::exchange(m_pending, nullptr));
    const char *msg = archive_error_string(m_archive.get());
    const std::string text = msg ? msg : "unreadable tar stream";
    if (text == "Unrecognized archive format")
        throw Error(ErrorCode::InvalidArchive,
                    m_input.compression() == Compression::None
                        ? std::string("not a tar archive (nor gzip or zstd data)")
                        : std::string("the ") + toString(m_input.compression()) + " stream does not hold a tar archive");
    throw Error(ErrorCode::InvalidArchive, "invalid layer tar: " + text);
}

bool TarReader::next(TarEntry &entry)
{
    const ScopedByteLocale bytes; // pax names are not NFC-normalised (ArchiveHandles.h)
    archive_entry *e = nullptr;
    const int rc = archive_read_next_header(m_archive.get(), &e);
    if (rc == ARCHIVE_EOF && !m_pending)
        return false;
    // ARCHIVE_RETRY ("Damaged tar archive": a bad header checksum) sits
    // between WARN and OK in libarchive's numbering; to us it is as fatal as FATAL.
    if ((rc != ARCHIVE_OK && rc != ARCHIVE_WARN) || m_pending)
        fail();
    convert(e, entry);
    // libarchive has consumed the headers (pax and GNU long names included)
    // but none of the data: its read position is where the data begins.
    entry.dataOffset = archive_filter_bytes(m_archive.get(), 0);
    return true;
}

void TarReader::convert(archive_entry *e, TarEntry &entry)
{
    const char *name = pathnameOf(e);
    if (!name)
        throw Error(ErrorCode::InvalidArchive, "tar entry without a readable name");
    entry.name = name;
    entry.type = typeOf(e, entry.name);
    entry.mode = archive_entry_perm(e) & 07777;
    entry.uid = archive_entry_uid(e);
    entry.gid = archive_entry_gid(e);
    entry.mtime = {archive_entry_mtime(e), archive_entry_mtime_nsec(e)};
    entry.atime.reset();
    if (archive_entry_atime_is_set(e))
        entry.atime = timespec{archive_entry_atime(e), archive_entry_atime_nsec(e)};
    entry.size = archive_entry_size(e);
    m_entrySize = entry.size;
    const char *link = entry.type == EntryType::Hardlink ? hardlinkOf(e)
                       : entry.type == EntryType::Symlink ? symlinkOf(e)
                                                          : nullptr;
    entry.link = link ? link : "";
    entry.devMajor = archive_entry_rdevmajor(e);
    entry.devMinor = archive_entry_rdevminor(e);
    entry.xattrs.clear();
    if (!m_wantXattrs)
        return;
    const char *key = nullptr;
    const void *value = nullptr;
    std::size_t size = 0;
    archive_entry_xattr_reset(e);
    while (archive_entry_xattr_next(e, &key, &value, &size) == ARCHIVE_OK)
        entry.xattrs.emplace_back(key, std::string(static_cast<const char *>(value), size));
}

bool TarReader::nextBlock(const void *&data, std::size_t &size, std::int64_t &offset)
{
    la_int64_t off = 0;
    const int rc = archive_read_data_block(m_archive.get(), &data, &size, &off);
    if (rc == ARCHIVE_EOF && !m_pending)
        return false;
    if ((rc != ARCHIVE_OK && rc != ARCHIVE_WARN) || m_pending)
        fail();
    // A sparse map is the archive's word: data placed beyond the entry's
    // own size would grow the file past every size cap.
    if (off < 0 || size > static_cast<std::uint64_t>(m_entrySize) ||
        off > m_entrySize - static_cast<std::int64_t>(size))
        throw Error(ErrorCode::InvalidArchive, "sparse data at offset " + std::to_string(off) +
                                                   " lies beyond the entry's size " + std::to_string(m_entrySize));
    offset = off;
    return true;
}

} // namespace strata::engine::layer
