// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Owning handles for libarchive objects, and a scoped UTF-8 locale so that
// tar names are converted the same way whatever locale the front end set.

#include <archive.h>
#include <archive_entry.h>

#include <locale.h>
#include <memory>

namespace strata::engine::layer {

struct ArchiveReadDeleter {
    void operator()(archive *a) const noexcept { archive_read_free(a); }
};
struct ArchiveWriteDeleter {
    void operator()(archive *a) const noexcept { archive_write_free(a); }
};
struct ArchiveEntryDeleter {
    void operator()(archive_entry *e) const noexcept { archive_entry_free(e); }
};

using ReadArchive = std::unique_ptr<archive, ArchiveReadDeleter>;
using WriteArchive = std::unique_ptr<archive, ArchiveWriteDeleter>;
using ArchiveEntry = std::unique_ptr<archive_entry, ArchiveEntryDeleter>;

// libarchive converts pax "path" records between UTF-8 and the *current*
// locale (nl_langinfo(CODESET)). Qt front ends call setlocale(LC_ALL, ""),
// the CLI may not: without pinning, the same tree would produce different tar
// bytes (and digests) from the GUI and the CLI. uselocale() is per thread.
class ScopedUtf8Locale {
public:
    ScopedUtf8Locale()
        : m_locale(::newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr))),
          m_previous(m_locale ? ::uselocale(m_locale) : static_cast<locale_t>(nullptr))
    {
    }
    ~ScopedUtf8Locale()
    {
        if (m_locale) {
            ::uselocale(m_previous);
            ::freelocale(m_locale);
        }
    }
    ScopedUtf8Locale(const ScopedUtf8Locale &) = delete;
    ScopedUtf8Locale &operator=(const ScopedUtf8Locale &) = delete;

private:
    locale_t m_locale;
    locale_t m_previous;
};

// Reading is the other way round. libarchive 3.6 converts a pax "path",
// "linkpath", "uname" or "gname" record that is not marked
// hdrcharset=BINARY from UTF-8 to the current locale, and on the way
// NFC-normalises it when the locale is UTF-8 ("cafe\u0301" comes out as
// "caf\u00e9"). In the C locale the conversion of any non-ASCII record
// fails, and libarchive then keeps the record's bytes as they are (with
// ARCHIVE_WARN): exactly what Go's archive/tar, and so Docker, does. The
// charset is fixed per archive at its first header, so the C locale is held
// around every header read. The one C locale object lives for the process.
class ScopedByteLocale {
public:
    ScopedByteLocale() : m_previous(::uselocale(cLocale())) {}
    ~ScopedByteLocale() { ::uselocale(m_previous); }
    ScopedByteLocale(const ScopedByteLocale &) = delete;
    ScopedByteLocale &operator=(const ScopedByteLocale &) = delete;

private:
    static locale_t cLocale()
    {
        static const locale_t c = ::newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
        return c ? c : LC_GLOBAL_LOCALE;
    }
    locale_t m_previous;
};

} // namespace strata::engine::layer
