// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/TarFileReader.h"

#include "engine/Error.h"
#include "engine/layer/ArchiveHandles.h"
#include "engine/image/ArchivePaths.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::image {
namespace {

// Large reads: the outer archive is mostly layer data streamed straight
// through, and libarchive's default 10 KiB blocks mean 100k read(2)s per GiB.
constexpr std::size_t kReadBlock = 1 << 20;

ArchiveEntryInfo::Type typeOf(archive_entry *e)
{
    if (archive_entry_hardlink(e) && archive_entry_size(e) == 0)
        return ArchiveEntryInfo::Type::Hardlink;
    switch (archive_entry_filetype(e)) {
    case AE_IFREG: return ArchiveEntryInfo::Type::File;
    case AE_IFDIR: return ArchiveEntryInfo::Type::Directory;
    case AE_IFLNK: return ArchiveEntryInfo::Type::Symlink;
    default: return ArchiveEntryInfo::Type::Other;
    }
}

} // namespace

TarFileReader::TarFileReader(const std::filesystem::path &file) : m_archive(archive_read_new())
{
    if (!m_archive)
        throw Error(ErrorCode::Internal, "cannot allocate an archive reader");
    archive_read_support_format_tar(m_archive.get());
    archive_read_support_filter_none(m_archive.get());
    m_fd.reset(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!m_fd.valid()) {
        const int err = errno;
        // The words archive_read_open_filename used when it opened the file.
        throw Error(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io, "open: Failed to open '" + file.string() + "'",
                    err);
    }
    struct stat st {};
    m_seekable = ::fstat(m_fd.get(), &st) == 0 && S_ISREG(st.st_mode);
    if (archive_read_open_fd(m_archive.get(), m_fd.get(), kReadBlock) != ARCHIVE_OK) {
        // libarchive reads the first block while opening to recognise the
        // format, so junk input fails here, not at the first header.
        const int err = archive_errno(m_archive.get());
        const std::string detail = archive_error_string(m_archive.get()) ? archive_error_string(m_archive.get()) : "";
        if (err == EILSEQ) // libarchive's ARCHIVE_ERRNO_FILE_FORMAT on Linux
            throw Error(ErrorCode::InvalidArchive, "not a tar archive (" + detail + ")");
        throw Error(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io, "open: " + detail, err);
    }
}

void TarFileReader::fail(const std::string &what) const
{
    const char *msg = archive_error_string(m_archive.get());
    throw Error(ErrorCode::InvalidArchive, what + (msg ? std::string(": ") + msg : std::string()));
}

bool TarFileReader::next(ArchiveEntryInfo &entry)
{
    const layer::ScopedByteLocale bytes; // names as the archive holds them (layer/ArchiveHandles.h)
    archive_entry *e = nullptr;
    const int rc = archive_read_next_header(m_archive.get(), &e);
    const bool first = m_first;
    m_first = false;
    if (rc == ARCHIVE_EOF) {
        if (first)
            throw Error(ErrorCode::InvalidArchive, "not a tar archive: no entries");
        return false;
    }
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
        if (first)
            fail("not a tar archive");
        fail("damaged or truncated tar after \"" + m_current + "\"");
    }
    const char *name = archive_entry_pathname(e);
    entry.path = normaliseEntryPath(name ? name : "");
    entry.type = typeOf(e);
    entry.size = entry.type == ArchiveEntryInfo::Type::File ? archive_entry_size(e) : 0;
    entry.link.clear();
    if (entry.type == ArchiveEntryInfo::Type::Hardlink)
        entry.link = normaliseEntryPath(archive_entry_hardlink(e));
    else if (entry.type == ArchiveEntryInfo::Type::Symlink && archive_entry_symlink(e))
        entry.link = archive_entry_symlink(e);
    m_current = entry.path;
    // The data begins where libarchive stopped reading the headers (pax and
    // GNU long names included); a sparse entry's bytes are not its data.
    const bool plain = m_seekable && entry.type == ArchiveEntryInfo::Type::File && archive_entry_size_is_set(e) &&
                       archive_entry_sparse_count(e) == 0;
    m_dataOffset = plain ? archive_filter_bytes(m_archive.get(), 0) : -1;
    m_dataLeft = plain ? entry.size : 0;
    return true;
}

std::size_t TarFileReader::preadSome(void *buffer, std::size_t size)
{
    const std::size_t want = std::min<std::uint64_t>(size, static_cast<std::uint64_t>(m_dataLeft));
    if (want == 0)
        return 0;
    ssize_t n = -1;
    do
        n = ::pread(m_fd.get(), buffer, want, m_dataOffset);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        throw Error(ErrorCode::Io, "read \"" + m_current + "\"", errno);
    if (n == 0) { // the file ends inside the entry: libarchive's read names the damage as always
        char scratch[64 * 1024];
        while (readSome(scratch, sizeof scratch) > 0) {
        }
        throw Error(ErrorCode::InvalidArchive, "\"" + m_current + "\" is damaged or truncated");
    }
    m_dataOffset += n;
    m_dataLeft -= n;
    return static_cast<std::size_t>(n);
}

std::size_t TarFileReader::readSome(void *buffer, std::size_t size)
{
    const la_ssize_t n = archive_read_data(m_archive.get(), buffer, size);
    if (n < 0)
        fail("\"" + m_current + "\" is damaged or truncated");
    return static_cast<std::size_t>(n);
}

std::string TarFileReader::readData(std::size_t limit)
{
    std::string out;
    char buffer[64 * 1024];
    while (const std::size_t n = readSome(buffer, sizeof buffer)) {
        if (out.size() + n > limit)
            throw Error(ErrorCode::InvalidArchive,
                        "\"" + m_current + "\" is larger than " + std::to_string(limit) + " bytes");
        out.append(buffer, n);
    }
    return out;
}

std::unique_ptr<layer::ByteSource> TarFileReader::dataSource()
{
    if (m_dataOffset >= 0)
        return layer::makeCallbackSource([this](void *b, std::size_t s) { return preadSome(b, s); });
    return layer::makeCallbackSource([this](void *b, std::size_t s) { return readSome(b, s); });
}

} // namespace strata::engine::image
