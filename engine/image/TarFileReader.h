// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Sequential reader of an image archive's *outer* tar (docker-archive or
// oci-archive) on a regular, uncompressed file. Only libarchive's tar
// formats are enabled and no filters: the caller decompresses the outer
// archive first (ArchiveInput), and with every format on libarchive 3.6.2
// would read zip or cpio as if they were tars.
//
// Skipping an entry's data is an lseek on a regular file, so a pass that
// reads only the small JSON entries costs little even for a 1 GiB archive.
// A plain entry's data is read with pread from where libarchive found it,
// straight into the caller's buffer (no copy out of libarchive's blocks);
// libarchive then skips it with that same lseek.

#include "engine/layer/ArchiveHandles.h"
#include "engine/layer/ByteStream.h"
#include "engine/util/UniqueFd.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace strata::engine::image {

struct ArchiveEntryInfo {
    enum class Type { File, Directory, Symlink, Hardlink, Other };
    std::string path;      // normalised (ArchivePaths.h)
    Type type = Type::Other;
    std::int64_t size = 0; // data bytes (0 for directories and links)
    std::string link;      // symlink target as written, or the normalised hardlink target
};

class TarFileReader {
public:
    // Throws Io when the file cannot be opened.
    explicit TarFileReader(const std::filesystem::path &file);

    // The next header; false at the end. Throws InvalidArchive ("not a tar
    // archive" on the first header, "damaged or truncated" later) and
    // UnsafePath for absolute or escaping entry names.
    bool next(ArchiveEntryInfo &entry);
    // The whole data of the current entry; InvalidArchive when it is longer
    // than `limit` or truncated.
    [[nodiscard]] std::string readData(std::size_t limit);
    // Streams the current entry's data; valid until the next call to next().
    [[nodiscard]] std::unique_ptr<layer::ByteSource> dataSource();

private:
    std::size_t readSome(void *buffer, std::size_t size);
    std::size_t preadSome(void *buffer, std::size_t size);
    [[noreturn]] void fail(const std::string &what) const;

    util::UniqueFd m_fd;
    bool m_seekable = false;         // a regular file: entries can be read with pread
    std::int64_t m_dataOffset = -1;  // where the current entry's data starts, when read by pread
    std::int64_t m_dataLeft = 0;     // bytes of it not yet read
    layer::ReadArchive m_archive;
    std::string m_current; // the entry being read, for messages
    bool m_first = true;
};

} // namespace strata::engine::image
