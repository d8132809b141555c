// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Applies a layer tar (uncompressed, gzip or zstd; detected from the bytes) to
// a directory, hashing it on the way: the digest of the raw stream (the blob)
// and of the uncompressed tar (the diff_id) come out of the same single pass.
//
// Path safety, by the OCI layer spec: every entry name is normalised and must
// stay inside `root`; ".." traversal, absolute names, writes through a
// symlink whose target leaves the root, hardlinks to outside or to targets
// missing from the tree, and whiteouts that escape are refused with
// ErrorCode::UnsafePath naming the entry. An absolute symlink target inside
// the layer means "from the layer's root", as it would inside a container.

#include "engine/layer/ByteStream.h"
#include "engine/layer/PayloadObserver.h"
#include "engine/layer/ReadLimits.h"
#include "engine/layer/Whiteout.h"
#include "engine/util/Digest.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace strata::engine::layer {

enum class ApplyMode {
    // Extract one layer into its own, initially empty, directory (the store's
    // layers/<chain>/diff): whiteouts are recorded in `whiteouts` format.
    Diff,
    // Apply on top of an existing tree (export, flatten, userspace driver):
    // whiteouts delete what they hide; an opaque marker empties the directory
    // of everything not written by this same layer.
    Flatten,
};

enum class Compression { None, Gzip, Zstd };
[[nodiscard]] const char *toString(Compression c);

struct ApplyProgress {
    std::uint64_t entries = 0;
    std::uint64_t bytes = 0; // uncompressed bytes consumed so far
};

struct ApplyOptions {
    ApplyMode mode = ApplyMode::Diff;
    WhiteoutFormat whiteouts = WhiteoutFormat::OciMarkers;
    bool preserveOwnership = false; // chown to the tar's uid/gid (needs root)
    bool preserveXattrs = false;    // set xattrs from the tar where permitted
    bool allowDevices = false;      // create char/block devices (needs root); else refuse them
    // Caps on bytes, entries, file sizes, names and depth (ReadLimits.h).
    ReadLimits limits = ReadLimits::fromEnvironment();
    // Called at most every ~1000 entries / 50 ms: for progress, not per file.
    std::function<void(const ApplyProgress &)> onProgress;
    // Called once per whiteout (`opaque` false, path = hidden path) and per
    // opaque directory (`opaque` true, path = the directory); paths relative.
    std::function<void(const std::string &path, bool opaque)> onWhiteout;
    // Told which tar bytes became which file (Diff mode; may be null).
    PayloadObserver *payloads = nullptr;
    // Start writing the new files to the disk while unpacking (WritebackPacer.h):
    // for a caller that syncs the file system once the layer is unpacked.
    bool startWriteback = false;
};

struct ApplyResult {
    Digest blobDigest;        // sha256 of the bytes as read (compressed)
    Digest diffId;            // sha256 of the uncompressed tar
    std::uint64_t blobSize = 0;
    std::uint64_t tarSize = 0;    // uncompressed tar bytes
    std::uint64_t entries = 0;    // tar entries applied (whiteouts included)
    std::uint64_t contentBytes = 0; // regular-file bytes written
    std::uint64_t whiteouts = 0;
    std::uint64_t opaques = 0;
    Compression compression = Compression::None;
};

// Reads the whole stream (trailing bytes after the tar end are hashed too, so
// digests match the blob) and applies it to `root`, which must exist.
// Throws Error: InvalidArchive (truncated, not a tar, bad checksum),
// Unsupported (unknown compression), UnsafePath (see above), Io.
// On error the directory may hold part of the layer: callers extract into a
// staging directory and discard it.
ApplyResult applyLayer(ByteSource &source, const std::filesystem::path &root, const ApplyOptions &options);

// Detects the compression of a blob from its first bytes (magic numbers).
[[nodiscard]] Compression detectCompression(const void *head, std::size_t size);

} // namespace strata::engine::layer
