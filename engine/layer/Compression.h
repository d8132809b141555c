// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Recognising what a layer blob is from its first bytes. detectCompression()
// (LayerApplier.h) answers for the three encodings the OCI image spec allows;
// these helpers name the rest so the error can say what was found.

#include <cstddef>
#include <string_view>

namespace strata::engine::layer {

// Enough bytes for every check below: one tar header block.
inline constexpr std::size_t kSniffSize = 512;

// True when the block is a tar header with a valid checksum.
[[nodiscard]] bool looksLikeTarHeader(const void *head, std::size_t size);

struct ForeignFormat {
    std::string_view name; // "bzip2", "zip archive", ... empty when not recognised
    bool compression = false; // a compressor (vs another archive format)
};

// Names formats a layer must not be: other compressors (bzip2, xz, lz4, ...)
// and other archives (zip, cpio, 7z, rar).
[[nodiscard]] ForeignFormat detectForeignFormat(const void *head, std::size_t size);

} // namespace strata::engine::layer
