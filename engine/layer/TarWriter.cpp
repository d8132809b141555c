// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/TarWriter.h"

#include "engine/Error.h"

#include <utility>

namespace strata::engine::layer {

TarWriter::TarWriter(LayerOutput &out) : m_out(out), m_archive(archive_write_new())
{
    archive *a = m_archive.get();
    if (!a)
        throw Error(ErrorCode::Internal, "cannot create a libarchive writer");
    archive_write_set_format_pax_restricted(a);
    // Only SCHILY.xattr records (what GNU tar, Go and Docker read), not the
    // LIBARCHIVE.xattr duplicates libarchive adds by default.
    archive_write_set_format_option(a, "pax", "xattrheader", "SCHILY");
    archive_write_set_bytes_per_block(a, 0);
    if (archive_write_open(a, this, nullptr, &TarWriter::writeCallback, nullptr) != ARCHIVE_OK)
        fail("open tar writer");
}

TarWriter::~TarWriter()
{
    // On an error path: archive_write_free still closes (and flushes), but
    // the callback drops the bytes instead of writing them into the sink.
    // (Not archive_write_fail: libarchive 3.6 then skips the close that
    // frees its output filter's state, 32 bytes leaked per writer, LSan.)
    m_discarding = !m_closed;
    m_archive.reset(); // here, while the members the callback reads are alive
}

la_ssize_t TarWriter::writeCallback(archive *, void *self, const void *buffer, std::size_t size)
{
    auto *writer = static_cast<TarWriter *>(self);
    if (writer->m_discarding)
        return static_cast<la_ssize_t>(size);
    try {
        writer->m_out.write(buffer, size);
        return static_cast<la_ssize_t>(size);
    } catch (...) {
        writer->m_pending = std::current_exception();
        return -1;
    }
}

void TarWriter::fail(const std::string &what)
{
    if (m_pending)
        std::rethrow_exception(std::exchange(m_pending, nullptr));
    const char *msg = archive_error_string(m_archive.get());
    throw Error(ErrorCode::Io, what + ": " + (msg ? msg : "libarchive error"));
}

void TarWriter::writeHeader(archive_entry *entry)
{
    // ARCHIVE_WARN: a name that is not valid UTF-8 was stored as raw bytes
    // (hdrcharset=BINARY), which is what we want for such a name.
    const int rc = archive_write_header(m_archive.get(), entry);
    if ((rc != ARCHIVE_OK && rc != ARCHIVE_WARN) || m_pending)
        fail("write tar header");
}

void TarWriter::writeData(const void *data, std::size_t size)
{
    if (archive_write_data(m_archive.get(), data, size) < 0 || m_pending)
        fail("write tar data");
}

void TarWriter::close()
{
    if (archive_write_close(m_archive.get()) != ARCHIVE_OK || m_pending)
        fail("finish tar");
    m_closed = true;
}

} // namespace strata::engine::layer
