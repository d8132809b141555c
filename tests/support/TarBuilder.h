// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds small archives in memory for the layer suites, with names written
// exactly as given ("../x", "/abs", ".wh..."), so hostile layers can be
// described as a list of entries (the shape of containerd's tartest).
// Also reads archives back into a listing for assertions.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace strata::test {

class TarBuilder {
public:
    enum class Format { Pax, Ustar, Gnu, Zip, Cpio };
    enum class Filter { None, Gzip, Zstd, Xz, Bzip2 };

    // Entries; attributes below apply to the entry added last.
    TarBuilder &file(const std::string &path, const std::string &content = {}, unsigned mode = 0644);
    TarBuilder &dir(const std::string &path, unsigned mode = 0755);
    TarBuilder &symlink(const std::string &path, const std::string &target);
    TarBuilder &hardlink(const std::string &path, const std::string &target);
    TarBuilder &fifo(const std::string &path, unsigned mode = 0644);
    TarBuilder &chardev(const std::string &path, unsigned major, unsigned minor, unsigned mode = 0666);
    TarBuilder &blockdev(const std::string &path, unsigned major, unsigned minor, unsigned mode = 0660);

    TarBuilder &mtime(std::int64_t seconds, long nanoseconds = 0);
    TarBuilder &owner(std::int64_t uid, std::int64_t gid);
    TarBuilder &xattr(const std::string &name, const std::string &value);

    // The archive; pax tar unless told otherwise. Deterministic bytes.
    [[nodiscard]] std::string tar(Format format = Format::Pax) const;
    [[nodiscard]] std::string build(Format format, Filter filter) const;
    [[nodiscard]] std::string gzip() const { return build(Format::Pax, Filter::Gzip); }
    [[nodiscard]] std::string zstd() const { return build(Format::Pax, Filter::Zstd); }

    // The first `keep` bytes of `bytes`.
    [[nodiscard]] static std::string truncated(const std::string &bytes, std::size_t keep);

    // Default mtime of every entry, so archives are reproducible.
    static constexpr std::int64_t kDefaultMtime = 1700000000;

private:
    struct Entry {
        std::string path;
        unsigned type = 0; // AE_IF*
        unsigned mode = 0;
        std::string content;
        std::string link;
        bool hardlink = false;
        unsigned devMajor = 0;
        unsigned devMinor = 0;
        std::int64_t mtime = kDefaultMtime;
        long mtimeNsec = 0;
        std::int64_t uid = 0;
        std::int64_t gid = 0;
        std::vector<std::pair<std::string, std::string>> xattrs;
    };
    TarBuilder &add(Entry e);

    std::vector<Entry> m_entries;
};

// One entry of an archive read back with libarchive (any format/filter).
struct TarListing {
    std::string name;
    char type = '?'; // 'f' file, 'd' dir, 'l' symlink, 'h' hardlink, 'p' fifo, 'c', 'b'
    unsigned mode = 0; // 07777 bits
    std::int64_t uid = -1;
    std::int64_t gid = -1;
    std::string uname;
    std::string gname;
    std::int64_t mtime = 0;
    long mtimeNsec = 0;
    bool hasAtime = false;
    bool hasCtime = false;
    std::int64_t size = 0;
    std::string link;
    std::string data;
    std::map<std::string, std::string> xattrs;
};

// Throws std::runtime_error when the archive cannot be read.
[[nodiscard]] std::vector<TarListing> listArchive(const std::string &bytes);

// Overwrites the checksum field of the tar header starting at `headerOffset`.
[[nodiscard]] std::string corruptTarChecksum(std::string tar, std::size_t headerOffset = 0);

// A tar as Go's archive/tar (and so Docker) writes a name it cannot put in
// a ustar header: a pax 'x' header whose "path" (and "linkpath") records
// hold the name's bytes as they are, UTF-8 or not, with no hdrcharset
// record. libarchive's writer marks non-UTF-8 records BINARY instead, so
// this is written by hand. Regular files ('0') and symlinks ('2').
struct GoPaxEntry {
    std::string path;
    std::string content; // files
    std::string link;    // symlinks (non-empty makes the entry a symlink)
};
[[nodiscard]] std::string goStylePaxTar(const std::vector<GoPaxEntry> &entries);

} // namespace strata::test
