// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/RawDecompressSource.h"

#include "engine/Error.h"

namespace strata::engine::image {

RawDecompressSource::RawDecompressSource(layer::ByteSource &compressed, std::string what)
    : m_in(compressed), m_what(std::move(what)), m_buffer(1 << 20), m_archive(archive_read_new())
{
    if (!m_archive)
        throw Error(ErrorCode::Internal, "cannot allocate an archive reader");
    // Only the raw format: the decompressed bytes come out unchanged, whatever
    // they are; the tar reader downstream decides whether they are a tar.
    archive_read_support_format_raw(m_archive.get());
    // The filters Docker's DecompressStream knows, named one by one: "all"
    // would also run external programs (lrzip, grzip, lzop) on hostile input.
    archive_read_support_filter_none(m_archive.get());
    archive_read_support_filter_gzip(m_archive.get());
    archive_read_support_filter_bzip2(m_archive.get());
    archive_read_support_filter_xz(m_archive.get());
    archive_read_support_filter_zstd(m_archive.get());
    // ARCHIVE_WARN: a warning only; the data still comes out.
    auto ok = [](int rc) { return rc == ARCHIVE_OK || rc == ARCHIVE_WARN; };
    if (!ok(archive_read_open(m_archive.get(), this, nullptr, &RawDecompressSource::readCallback, nullptr)))
        fail();
    archive_entry *entry = nullptr;
    if (!ok(archive_read_next_header(m_archive.get(), &entry)))
        fail();
}

la_ssize_t RawDecompressSource::readCallback(archive *, void *self, const void **buffer)
{
    auto *me = static_cast<RawDecompressSource *>(self);
    try {
        *buffer = me->m_buffer.data();
        return static_cast<la_ssize_t>(me->m_in.read(me->m_buffer.data(), me->m_buffer.size()));
    } catch (...) {
        me->m_pending = std::current_exception();
        return -1;
    }
}

void RawDecompressSource::fail()
{
    if (m_pending)
        std::rethrow_exception(m_pending);
    const char *msg = archive_error_string(m_archive.get());
    throw Error(ErrorCode::InvalidArchive, m_what + ": cannot decompress: " + (msg ? msg : "corrupt data"));
}

std::size_t RawDecompressSource::read(void *buffer, std::size_t size)
{
    const la_ssize_t n = archive_read_data(m_archive.get(), buffer, size);
    if (n < 0)
        fail();
    return static_cast<std::size_t>(n);
}

} // namespace strata::engine::image
