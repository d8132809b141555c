// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// libarchive's PAX writer feeding a LayerOutput. "pax restricted" writes a
// plain ustar header unless a field does not fit (long name, big uid,
// non-ASCII bytes, xattrs), so ordinary entries carry no extended header;
// libarchive names extended headers "PaxHeader/NAME" without a pid, which
// keeps the bytes reproducible. Unblocked: the archive ends after its two
// zero blocks, as Go's archive/tar ends, not padded to 10 KiB.

#include "engine/layer/ArchiveHandles.h"
#include "engine/layer/LayerOutput.h"

#include <exception>
#include <string>

namespace strata::engine::layer {

class TarWriter {
public:
    explicit TarWriter(LayerOutput &out);
    ~TarWriter();
    TarWriter(const TarWriter &) = delete;
    TarWriter &operator=(const TarWriter &) = delete;

    void writeHeader(archive_entry *entry);
    void writeData(const void *data, std::size_t size);
    // Writes the end-of-archive blocks.
    void close();

private:
    static la_ssize_t writeCallback(archive *a, void *self, const void *buffer, std::size_t size);
    [[noreturn]] void fail(const std::string &what);

    LayerOutput &m_out;
    WriteArchive m_archive;
    std::exception_ptr m_pending; // thrown by the sink inside the callback
    bool m_closed = false;
    bool m_discarding = false; // destroyed unclosed: the trailer goes nowhere
};

} // namespace strata::engine::layer
