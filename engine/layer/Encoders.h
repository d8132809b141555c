// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Compressors for layer output, through zlib and libzstd directly: libarchive
// cannot put a gzip/zstd filter behind a stream it hands back to us
// uncompressed, and we need the uncompressed bytes to hash the diff_id.
// Both are deterministic: gzip header with mtime 0 and no name (as
// `gzip -n`), zstd single-threaded with fixed parameters.

#include "engine/layer/LayerApplier.h"

#include <cstddef>
#include <functional>
#include <memory>

namespace strata::engine::layer {

class Encoder {
public:
    using Emit = std::function<void(const void *, std::size_t)>;
    virtual ~Encoder() = default;
    virtual void write(const void *data, std::size_t size) = 0;
    // Flushes the end of the stream (gzip trailer, zstd epilogue).
    virtual void finish() = 0;
};

// An encoder for `c` (Compression::None passes bytes through) calling `emit`
// with each piece of output.
[[nodiscard]] std::unique_ptr<Encoder> makeEncoder(Compression c, Encoder::Emit emit);

} // namespace strata::engine::layer
