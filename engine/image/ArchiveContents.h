// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The entries of an archive being saved, collected first and written
// afterwards in sorted order with fixed owners, modes and times, so the same
// images always save to the same bytes. Files are either bytes in memory
// (JSON documents) or producers that stream exactly `size` bytes (layers);
// parent directories are added implicitly.

#include "engine/layer/ByteStream.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace strata::engine::image {

// Where the entries go: a tar stream (TarSink) or a directory (DirSink).
class ArchiveSink {
public:
    virtual ~ArchiveSink() = default;
    virtual void directory(const std::string &path, std::int64_t mtime) = 0;
    virtual void file(const std::string &path, std::uint64_t size, std::int64_t mtime,
                      const std::function<void(layer::ByteSink &)> &produce) = 0;
    virtual void symlink(const std::string &path, const std::string &target, std::int64_t mtime) = 0;
    // Completes the archive (tar end marker, fsync); no entries after this.
    virtual void finish() = 0;
};

class ArchiveContents {
public:
    using Producer = std::function<void(layer::ByteSink &)>;
    using Progress = std::function<void(std::size_t done, std::size_t total)>;

    void addFile(const std::string &path, std::string bytes, std::int64_t mtime = 0);
    // `produce` must write exactly `size` bytes (the sink checks).
    void addStreamedFile(const std::string &path, std::uint64_t size, Producer produce, std::int64_t mtime = 0);
    void addSymlink(const std::string &path, const std::string &target, std::int64_t mtime = 0);
    void addDirectory(const std::string &path, std::int64_t mtime = 0);
    [[nodiscard]] bool has(const std::string &path) const { return m_entries.count(path) != 0; }

    // Writes every entry, sorted by path, then finishes the sink.
    // `onStreamed(done, total)` follows the streamed files (the layers).
    void writeTo(ArchiveSink &sink, const Progress &onStreamed = {}) const;

private:
    struct Entry {
        enum class Type { Directory, File, Symlink } type = Type::File;
        std::int64_t mtime = 0;
        std::uint64_t size = 0;
        std::string bytes;  // File, in memory (when !produce)
        Producer produce;   // File, streamed
        std::string target; // Symlink
    };
    void addParents(const std::string &path, std::int64_t mtime);

    std::map<std::string, Entry> m_entries;
};

} // namespace strata::engine::image
