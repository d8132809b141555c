// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TarBuilder.h"

#include <cstdio>

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <stdexcept>

namespace strata::test {
namespace {

struct WriteDeleter {
    void operator()(archive *a) const { archive_write_free(a); }
};
struct ReadDeleter {
    void operator()(archive *a) const { archive_read_free(a); }
};
struct EntryDeleter {
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};

la_ssize_t appendToString(archive *, void *out, const void *buffer, size_t size)
{
    static_cast<std::string *>(out)->append(static_cast<const char *>(buffer), size);
    return static_cast<la_ssize_t>(size);
}

void check(archive *a, int rc, const char *what)
{
    if (rc < 0 && rc != ARCHIVE_WARN) // RETRY (-10) and FATAL fail; WARN is fine
        throw std::runtime_error(std::string(what) + ": " + (archive_error_string(a) ? archive_error_string(a) : "?"));
}

void setFormat(archive *a, TarBuilder::Format format)
{
    switch (format) {
    // Full pax, so sub-second mtimes are written.
    case TarBuilder::Format::Pax: check(a, archive_write_set_format_pax(a), "pax"); break;
    case TarBuilder::Format::Ustar: check(a, archive_write_set_format_ustar(a), "ustar"); break;
    case TarBuilder::Format::Gnu: check(a, archive_write_set_format_gnutar(a), "gnutar"); break;
    case TarBuilder::Format::Zip: check(a, archive_write_set_format_zip(a), "zip"); break;
    case TarBuilder::Format::Cpio: check(a, archive_write_set_format_cpio_newc(a), "cpio"); break;
    }
}

void setFilter(archive *a, TarBuilder::Filter filter)
{
    switch (filter) {
    case TarBuilder::Filter::None: break;
    case TarBuilder::Filter::Gzip:
        check(a, archive_write_add_filter_gzip(a), "gzip");
        archive_write_set_filter_option(a, "gzip", "timestamp", nullptr); // no header mtime
        break;
    case TarBuilder::Filter::Zstd: check(a, archive_write_add_filter_zstd(a), "zstd"); break;
    case TarBuilder::Filter::Xz: check(a, archive_write_add_filter_xz(a), "xz"); break;
    case TarBuilder::Filter::Bzip2: check(a, archive_write_add_filter_bzip2(a), "bzip2"); break;
    }
}

char typeLetter(archive_entry *e)
{
    if (archive_entry_hardlink(e))
        return 'h';
    switch (archive_entry_filetype(e)) {
    case AE_IFREG: return 'f';
    case AE_IFDIR: return 'd';
    case AE_IFLNK: return 'l';
    case AE_IFIFO: return 'p';
    case AE_IFCHR: return 'c';
    case AE_IFBLK: return 'b';
    default: return '?';
    }
}

} // namespace

TarBuilder &TarBuilder::add(Entry e)
{
    m_entries.push_back(std::move(e));
    return *this;
}

TarBuilder &TarBuilder::file(const std::string &path, const std::string &content, unsigned mode)
{
    return add({.path = path, .type = AE_IFREG, .mode = mode, .content = content});
}

TarBuilder &TarBuilder::dir(const std::string &path, unsigned mode)
{
    return add({.path = path, .type = AE_IFDIR, .mode = mode});
}

TarBuilder &TarBuilder::symlink(const std::string &path, const std::string &target)
{
    return add({.path = path, .type = AE_IFLNK, .mode = 0777, .link = target});
}

TarBuilder &TarBuilder::hardlink(const std::string &path, const std::string &target)
{
    return add({.path = path, .type = AE_IFREG, .mode = 0644, .link = target, .hardlink = true});
}

TarBuilder &TarBuilder::fifo(const std::string &path, unsigned mode)
{
    return add({.path = path, .type = AE_IFIFO, .mode = mode});
}

TarBuilder &TarBuilder::chardev(const std::string &path, unsigned major, unsigned minor, unsigned mode)
{
    return add({.path = path, .type = AE_IFCHR, .mode = mode, .devMajor = major, .devMinor = minor});
}

TarBuilder &TarBuilder::blockdev(const std::string &path, unsigned major, unsigned minor, unsigned mode)
{
    return add({.path = path, .type = AE_IFBLK, .mode = mode, .devMajor = major, .devMinor = minor});
}

TarBuilder &TarBuilder::mtime(std::int64_t seconds, long nanoseconds)
{
    m_entries.back().mtime = seconds;
    m_entries.back().mtimeNsec = nanoseconds;
    return *this;
}

TarBuilder &TarBuilder::owner(std::int64_t uid, std::int64_t gid)
{
    m_entries.back().uid = uid;
    m_entries.back().gid = gid;
    return *this;
}

TarBuilder &TarBuilder::xattr(const std::string &name, const std::string &value)
{
    m_entries.back().xattrs.emplace_back(name, value);
    return *this;
}

std::string TarBuilder::tar(Format format) const
{
    return build(format, Filter::None);
}

std::string TarBuilder::build(Format format, Filter filter) const
{
    std::string out;
    std::unique_ptr<archive, WriteDeleter> a(archive_write_new());
    setFormat(a.get(), format);
    setFilter(a.get(), filter);
    archive_write_set_bytes_per_block(a.get(), 0);
    check(a.get(), archive_write_open(a.get(), &out, nullptr, appendToString, nullptr), "open");
    std::unique_ptr<archive_entry, EntryDeleter> e(archive_entry_new());
    for (const Entry &en : m_entries) {
        archive_entry_clear(e.get());
        archive_entry_copy_pathname(e.get(), en.path.c_str());
        archive_entry_set_mode(e.get(), en.type | en.mode);
        archive_entry_set_mtime(e.get(), en.mtime, en.mtimeNsec);
        archive_entry_set_uid(e.get(), en.uid);
        archive_entry_set_gid(e.get(), en.gid);
        if (en.hardlink)
            archive_entry_copy_hardlink(e.get(), en.link.c_str());
        else if (en.type == AE_IFLNK)
            archive_entry_copy_symlink(e.get(), en.link.c_str());
        archive_entry_set_rdevmajor(e.get(), en.devMajor);
        archive_entry_set_rdevminor(e.get(), en.devMinor);
        archive_entry_set_size(e.get(), static_cast<la_int64_t>(en.content.size()));
        for (const auto &[k, v] : en.xattrs)
            archive_entry_xattr_add_entry(e.get(), k.c_str(), v.data(), v.size());
        check(a.get(), archive_write_header(a.get(), e.get()), "header");
        if (!en.content.empty() && archive_write_data(a.get(), en.content.data(), en.content.size()) < 0)
            check(a.get(), ARCHIVE_FATAL, "data");
    }
    check(a.get(), archive_write_close(a.get()), "close");
    return out;
}

std::string TarBuilder::truncated(const std::string &bytes, std::size_t keep)
{
    return bytes.substr(0, std::min(keep, bytes.size()));
}

std::vector<TarListing> listArchive(const std::string &bytes)
{
    std::unique_ptr<archive, ReadDeleter> a(archive_read_new());
    archive_read_support_format_all(a.get());
    archive_read_support_filter_all(a.get());
    check(a.get(), archive_read_open_memory(a.get(), bytes.data(), bytes.size()), "open");
    std::vector<TarListing> out;
    archive_entry *e = nullptr;
    int rc = 0;
    while ((rc = archive_read_next_header(a.get(), &e)) != ARCHIVE_EOF) {
        check(a.get(), rc, "header");
        TarListing l;
        l.name = archive_entry_pathname(e) ? archive_entry_pathname(e) : "";
        l.type = typeLetter(e);
        l.mode = archive_entry_perm(e) & 07777;
        l.uid = archive_entry_uid(e);
        l.gid = archive_entry_gid(e);
        l.uname = archive_entry_uname(e) ? archive_entry_uname(e) : "";
        l.gname = archive_entry_gname(e) ? archive_entry_gname(e) : "";
        l.mtime = archive_entry_mtime(e);
        l.mtimeNsec = archive_entry_mtime_nsec(e);
        l.hasAtime = archive_entry_atime_is_set(e);
        l.hasCtime = archive_entry_ctime_is_set(e);
        l.size = archive_entry_size(e);
        const char *link = l.type == 'h' ? archive_entry_hardlink(e) : archive_entry_symlink(e);
        l.link = link ? link : "";
        const char *name = nullptr;
        const void *value = nullptr;
        size_t size = 0;
        archive_entry_xattr_reset(e);
        while (archive_entry_xattr_next(e, &name, &value, &size) == ARCHIVE_OK)
            l.xattrs[name] = std::string(static_cast<const char *>(value), size);
        char buf[65536];
        la_ssize_t n = 0;
        while ((n = archive_read_data(a.get(), buf, sizeof buf)) > 0)
            l.data.append(buf, static_cast<std::size_t>(n));
        check(a.get(), static_cast<int>(n), "data");
        out.push_back(std::move(l));
    }
    return out;
}

namespace {

std::string padded(std::string bytes)
{
    bytes.append((512 - bytes.size() % 512) % 512, '\0');
    return bytes;
}

// One ustar header block; `name` must fit its 100 bytes.
std::string ustarHeader(const std::string &name, std::size_t size, char type, const std::string &link = {})
{
    std::string h(512, '\0');
    const auto put = [&h](std::size_t at, const std::string &v) { h.replace(at, v.size(), v); };
    char num[16];
    put(0, name.substr(0, 100));
    put(100, "0000644");
    put(108, "0000000");
    put(116, "0000000");
    std::snprintf(num, sizeof num, "%011zo", size);
    put(124, num);
    std::snprintf(num, sizeof num, "%011llo", static_cast<unsigned long long>(TarBuilder::kDefaultMtime));
    put(136, num);
    h[156] = type;
    put(157, link.substr(0, 100));
    put(257, std::string("ustar\0" "00", 8));
    put(148, "        ");
    unsigned sum = 0;
    for (unsigned char c : h)
        sum += c;
    std::snprintf(num, sizeof num, "%06o", sum);
    put(148, std::string(num) + std::string(1, '\0') + " ");
    return h;
}

// "LEN key=value\n", LEN counting itself.
std::string paxRecord(const std::string &key, const std::string &value)
{
    const std::string body = " " + key + "=" + value + "\n";
    std::size_t len = body.size() + 1;
    while (std::to_string(len).size() + body.size() != len)
        ++len;
    return std::to_string(len) + body;
}

} // namespace

std::string goStylePaxTar(const std::vector<GoPaxEntry> &entries)
{
    std::string out;
    for (const auto &e : entries) {
        std::string records = paxRecord("path", e.path);
        if (!e.link.empty())
            records += paxRecord("linkpath", e.link);
        out += ustarHeader("PaxHeaders.0/x", records.size(), 'x') + padded(records);
        const bool link = !e.link.empty();
        // The ustar fields hold an ASCII stand-in, as Go writes them; the pax records win.
        out += ustarHeader("placeholder", link ? 0 : e.content.size(), link ? '2' : '0', link ? "placeholder" : "");
        if (!link)
            out += padded(e.content);
    }
    out.append(1024, '\0');
    return out;
}

std::string corruptTarChecksum(std::string tar, std::size_t headerOffset)
{
    // The checksum field: 8 bytes at offset 148 of the 512-byte header.
    tar.replace(headerOffset + 148, 7, "0000001");
    return tar;
}

} // namespace strata::test
