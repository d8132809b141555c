// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/TarUnpack.h"

#include "engine/Error.h"
#include "engine/layer/ArchiveHandles.h"

#include <archive.h>
#include <archive_entry.h>
#include <memory>

namespace strata::engine::build {
namespace {

using Reader = std::unique_ptr<archive, decltype(&archive_read_free)>;
using Writer = std::unique_ptr<archive, decltype(&archive_write_free)>;

Reader openTar(const std::filesystem::path &file)
{
    Reader a(archive_read_new(), &archive_read_free);
    archive_read_support_format_tar(a.get());
    archive_read_support_format_gnutar(a.get());
    archive_read_support_filter_gzip(a.get());
    archive_read_support_filter_bzip2(a.get());
    archive_read_support_filter_xz(a.get());
    archive_read_support_filter_zstd(a.get());
    if (archive_read_open_filename(a.get(), file.c_str(), 65536) != ARCHIVE_OK)
        return Reader(nullptr, &archive_read_free);
    return a;
}

} // namespace

bool isTarArchive(const std::filesystem::path &file)
{
    Reader a = openTar(file);
    archive_entry *entry = nullptr;
    return a && archive_read_next_header(a.get(), &entry) == ARCHIVE_OK;
}

void unpackTar(const std::filesystem::path &file, const std::filesystem::path &destDir)
{
    // Names keep the archive's bytes (a pax name is not NFC-normalised and a
    // non-UTF-8 one still unpacks): layer/ArchiveHandles.h says why.
    const layer::ScopedByteLocale bytes;
    Reader in = openTar(file);
    if (!in)
        throw Error(ErrorCode::Io, "cannot open archive " + file.string());
    Writer out(archive_write_disk_new(), &archive_write_free);
    archive_write_disk_set_options(out.get(), ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_OWNER |
                                                  ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS);
    archive_entry *entry = nullptr;
    int rc = ARCHIVE_OK;
    // ARCHIVE_WARN is a pax name libarchive could not convert to the C
    // locale; it then keeps the name's bytes, as Go's archive/tar does.
    while ((rc = archive_read_next_header(in.get(), &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
        const std::string name = archive_entry_pathname(entry);
        // Names are re-rooted below destDir: an absolute or climbing one is refused first.
        if (!name.empty() && name.front() == '/')
            throw Error(ErrorCode::UnsafePath, file.string() + ": absolute path in archive: " + name);
        for (const auto &part : std::filesystem::path(name))
            if (part == "..")
                throw Error(ErrorCode::UnsafePath, file.string() + ": path leaves the destination: " + name);
        archive_entry_set_pathname(entry, (destDir / name).c_str());
        if (const char *link = archive_entry_hardlink(entry))
            archive_entry_set_hardlink(entry, (destDir / link).c_str());
        if (archive_write_header(out.get(), entry) != ARCHIVE_OK)
            throw Error(ErrorCode::Io, file.string() + ": " + name + ": " + archive_error_string(out.get()));
        const void *buf = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        while (archive_read_data_block(in.get(), &buf, &size, &offset) == ARCHIVE_OK)
            if (archive_write_data_block(out.get(), buf, size, offset) != ARCHIVE_OK)
                throw Error(ErrorCode::Io, file.string() + ": " + name + ": " + archive_error_string(out.get()));
        archive_write_finish_entry(out.get());
    }
    if (rc != ARCHIVE_EOF)
        throw Error(ErrorCode::Io, file.string() + ": " + archive_error_string(in.get()));
}

} // namespace strata::engine::build
