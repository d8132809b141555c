// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One tar header as the applier sees it, decoupled from libarchive so the
// extraction code can be read (and tested) without it.

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace strata::engine::layer {

enum class EntryType { File, Directory, Symlink, Hardlink, Fifo, CharDevice, BlockDevice };

struct TarEntry {
    std::string name; // exactly as in the archive, for messages
    EntryType type = EntryType::File;
    unsigned mode = 0644; // permission and special bits (07777)
    std::int64_t uid = 0;
    std::int64_t gid = 0;
    timespec mtime{};
    std::optional<timespec> atime;
    std::int64_t size = 0;
    std::string link; // symlink target, or hardlink target (an archive name)
    unsigned devMajor = 0;
    unsigned devMinor = 0;
    std::vector<std::pair<std::string, std::string>> xattrs;
    std::int64_t dataOffset = -1; // where the entry's data starts in the tar stream
};

// The data of the current regular-file entry, block by block (sparse files
// come with gaps between offsets).
class DataReader {
public:
    virtual ~DataReader() = default;
    // False when the entry has no more data.
    virtual bool nextBlock(const void *&data, std::size_t &size, std::int64_t &offset) = 0;
};

} // namespace strata::engine::layer
