// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/TarSink.h"

#include "engine/Error.h"

namespace strata::engine::image {
namespace {

// Feeds a file entry's data to libarchive, counting, so a producer that
// writes more or less than the header announced is caught.
class EntryDataSink final : public layer::ByteSink {
public:
    EntryDataSink(archive *a, const std::string &path) : m_archive(a), m_path(path) {}
    void write(const void *data, std::size_t size) override
    {
        const auto *p = static_cast<const char *>(data);
        while (size > 0) {
            const la_ssize_t n = archive_write_data(m_archive, p, size);
            if (n <= 0)
                throw Error(ErrorCode::Io, "write \"" + m_path + "\": " +
                                               (n < 0 ? archive_error_string(m_archive) : "more data than announced"));
            p += n;
            size -= static_cast<std::size_t>(n);
            m_written += static_cast<std::uint64_t>(n);
        }
    }
    [[nodiscard]] std::uint64_t written() const { return m_written; }

private:
    archive *m_archive;
    const std::string &m_path;
    std::uint64_t m_written = 0;
};

} // namespace

TarSink::TarSink(int fd, std::string name) : m_archive(archive_write_new()), m_name(std::move(name))
{
    if (!m_archive)
        throw Error(ErrorCode::Internal, "cannot allocate an archive writer");
    archive *a = m_archive.get();
    if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK || archive_write_add_filter_none(a) != ARCHIVE_OK ||
        archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK || archive_write_open_fd(a, fd) != ARCHIVE_OK)
        fail("open");
}

void TarSink::fail(const std::string &what) const
{
    const char *msg = archive_error_string(m_archive.get());
    throw Error(ErrorCode::Io, what + " " + m_name + ": " + (msg ? msg : "archive error"));
}

void TarSink::header(const std::string &path, unsigned type, unsigned mode, std::uint64_t size, std::int64_t mtime,
                     const std::string &target)
{
    layer::ArchiveEntry e(archive_entry_new());
    archive_entry_set_pathname(e.get(), path.c_str());
    archive_entry_set_filetype(e.get(), type);
    archive_entry_set_perm(e.get(), mode);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
    archive_entry_set_mtime(e.get(), mtime, 0);
    archive_entry_set_uid(e.get(), 0);
    archive_entry_set_gid(e.get(), 0);
    if (!target.empty())
        archive_entry_set_symlink(e.get(), target.c_str());
    if (archive_write_header(m_archive.get(), e.get()) != ARCHIVE_OK)
        fail("write header \"" + path + "\" to");
}

void TarSink::directory(const std::string &path, std::int64_t mtime)
{
    header(path, AE_IFDIR, 0755, 0, mtime);
}

void TarSink::file(const std::string &path, std::uint64_t size, std::int64_t mtime,
                   const std::function<void(layer::ByteSink &)> &produce)
{
    header(path, AE_IFREG, 0644, size, mtime);
    EntryDataSink data(m_archive.get(), path);
    produce(data);
    if (data.written() != size)
        throw Error(ErrorCode::Internal, "\"" + path + "\": wrote " + std::to_string(data.written()) +
                                             " bytes, the header says " + std::to_string(size));
}

void TarSink::symlink(const std::string &path, const std::string &target, std::int64_t mtime)
{
    header(path, AE_IFLNK, 0777, 0, mtime, target);
}

void TarSink::finish()
{
    if (archive_write_close(m_archive.get()) != ARCHIVE_OK)
        fail("finish");
}

} // namespace strata::engine::image
