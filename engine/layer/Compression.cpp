// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/Compression.h"

#include "engine/layer/LayerApplier.h"

#include <array>
#include <cstring>

namespace strata::engine::layer {
namespace {

bool startsWith(const unsigned char *p, std::size_t size, std::string_view magic)
{
    return size >= magic.size() && std::memcmp(p, magic.data(), magic.size()) == 0;
}

// Octal field as tar writes it: optional spaces, digits, NUL or space.
long parseOctal(const unsigned char *field, std::size_t len)
{
    long value = 0;
    std::size_t i = 0;
    while (i < len && field[i] == ' ')
        ++i;
    bool any = false;
    for (; i < len && field[i] >= '0' && field[i] <= '7'; ++i, any = true)
        value = value * 8 + (field[i] - '0');
    return any ? value : -1;
}

} // namespace

const char *toString(Compression c)
{
    switch (c) {
    case Compression::None: return "none";
    case Compression::Gzip: return "gzip";
    case Compression::Zstd: return "zstd";
    }
    return "none";
}

Compression detectCompression(const void *head, std::size_t size)
{
    const auto *p = static_cast<const unsigned char *>(head);
    if (startsWith(p, size, "\x1f\x8b"))
        return Compression::Gzip;
    if (startsWith(p, size, "\x28\xb5\x2f\xfd"))
        return Compression::Zstd;
    // RFC 8878 3.1.2: a skippable frame (magic 0x184D2A5?, little-endian)
    // may open a zstd stream; libzstd's decoder steps over it.
    if (size >= 4 && (p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d && p[3] == 0x18)
        return Compression::Zstd;
    return Compression::None;
}

bool looksLikeTarHeader(const void *head, std::size_t size)
{
    if (size < 512)
        return false;
    const auto *p = static_cast<const unsigned char *>(head);
    // The checksum field (offset 148, 8 bytes) is summed as if it held spaces.
    long sum = 0;
    for (std::size_t i = 0; i < 512; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : p[i];
    return sum != 8 * ' ' && parseOctal(p + 148, 8) == sum;
}

ForeignFormat detectForeignFormat(const void *head, std::size_t size)
{
    struct Magic {
        std::string_view bytes;
        std::string_view name;
        bool compression;
    };
    static const std::array<Magic, 14> magics{{
        {"BZh", "bzip2", true},
        {std::string_view("\xfd" "7zXZ\0", 6), "xz", true},
        {std::string_view("\x5d\0\0", 3), "lzma", true},
        {"\x04\x22\x4d\x18", "lz4", true},
        {"\x1f\x9d", "compress (.Z)", true},
        {"LZIP", "lzip", true},
        {"\x89LZO", "lzop", true},
        {"PK\x03\x04", "zip archive", false},
        {"PK\x05\x06", "zip archive", false},
        {"070707", "cpio archive", false},
        {"07070", "cpio archive", false},
        {"\xc7\x71", "cpio archive", false},
        {"7z\xbc\xaf\x27\x1c", "7z archive", false},
        {"Rar!", "rar archive", false},
    }};
    const auto *p = static_cast<const unsigned char *>(head);
    for (const auto &m : magics)
        if (startsWith(p, size, m.bytes))
            return {m.name, m.compression};
    return {};
}

} // namespace strata::engine::layer
