// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writes a layer tar from a change set: added and modified paths are taken
// from `sourceRoot` (file, dir, symlink, hardlink groups, fifo, devices),
// deleted paths become ".wh.NAME" entries, opaque directories get a
// ".wh..wh..opq" entry. Output is deterministic: entries sorted by path,
// PAX format, no atime/ctime, whiteouts dated at the epoch, owners numeric
// only; the same changes over the same files give the same digest.

#include "engine/layer/ByteStream.h"
#include "engine/layer/Change.h"
#include "engine/layer/LayerApplier.h"
#include "engine/util/Digest.h"

#include <cstdint>
#include <filesystem>

namespace strata::engine::layer {

struct WriteOptions {
    Compression compression = Compression::None;
    // When set, every entry's mtime is clamped to this (SOURCE_DATE_EPOCH-like).
    std::int64_t clampMtime = -1;
};

struct WriteResult {
    Digest blobDigest;  // sha256 of the bytes written to the sink
    Digest diffId;      // sha256 of the uncompressed tar
    std::uint64_t blobSize = 0;
    std::uint64_t tarSize = 0;
    std::uint64_t entries = 0;
};

// Throws Error (NotFound when a listed path is missing from sourceRoot, Io).
WriteResult writeLayer(const ChangeSet &changes, const std::filesystem::path &sourceRoot, ByteSink &sink,
                       const WriteOptions &options = {});

// Every path under `root` as Added, parents before children: for import of a
// directory and for export of a flattened container.
[[nodiscard]] ChangeSet allPathsAsAdded(const std::filesystem::path &root);

} // namespace strata::engine::layer
