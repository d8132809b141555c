// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// libarchive's tar reader over a LayerInput. Only the tar formats are
// enabled (ustar, pax, GNU, v7 via read_support_format_tar) plus the empty
// stream: with "all" formats libarchive 3.6.2 happily reads zip and cpio as
// if they were layers. No filters either: decoding happened in LayerInput.

#include "engine/layer/ArchiveHandles.h"
#include "engine/layer/LayerInput.h"
#include "engine/layer/TarEntry.h"

#include <exception>

namespace strata::engine::layer {

class TarReader final : public DataReader {
public:
    TarReader(LayerInput &input, bool wantXattrs);

    // Reads the next header into `entry`; false at the end of the archive.
    // Throws InvalidArchive (damaged, truncated, not a tar), Unsupported
    // (entry types a layer cannot hold), or what the input threw.
    bool next(TarEntry &entry);
    bool nextBlock(const void *&data, std::size_t &size, std::int64_t &offset) override;

private:
    static la_ssize_t readCallback(archive *a, void *self, const void **buffer);
    void convert(archive_entry *e, TarEntry &entry);
    [[noreturn]] void fail();

    LayerInput &m_input;
    bool m_wantXattrs;
    std::int64_t m_entrySize = 0; // data blocks must stay inside it (sparse maps included)
    ReadArchive m_archive;
    std::exception_ptr m_pending; // thrown inside the read callback, rethrown outside C code
};

} // namespace strata::engine::layer
