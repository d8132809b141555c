// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Bounds on what one layer may make the engine do, so a small hostile blob
// cannot fill the disk (a gzip or zstd bomb), the inode table (millions of
// empty entries), or the address space of a later copy (a sparse file that
// claims a petabyte), nor drive path resolution arbitrarily deep. Docker sets
// none of these; the defaults are far above any real image (the largest
// public images are tens of GiB and a few hundred thousand files) and each
// can be raised through the environment of the process that reads the layer.

#include <cstddef>
#include <cstdint>
#include <string>

namespace strata::engine::layer {

struct ReadLimits {
    std::uint64_t maxTarBytes = std::uint64_t{256} << 30; // uncompressed bytes of one layer: 256 GiB
    std::uint64_t maxEntries = 10'000'000;               // tar entries in one layer
    std::uint64_t maxFileSize = std::uint64_t{64} << 30;  // one file's size, sparse holes included: 64 GiB
    std::size_t maxNameBytes = 4096;                     // an entry name or link target (PATH_MAX)
    std::size_t maxDepth = 1024;                         // components in an entry name

    // The defaults, each overridden by its variable when set to a positive
    // integer: STRATA_LAYER_MAX_BYTES, STRATA_LAYER_MAX_ENTRIES,
    // STRATA_LAYER_MAX_FILE_SIZE, STRATA_LAYER_MAX_NAME, STRATA_LAYER_MAX_DEPTH.
    // A malformed value is an InvalidArgument naming the variable.
    static ReadLimits fromEnvironment();
};

// InvalidArchive: "<what> exceeds the cap of <limit> (<variable> raises it)";
// the caller's context names the archive and the layer.
[[noreturn]] void capExceeded(const std::string &what, std::uint64_t limit, const char *variable);

} // namespace strata::engine::layer
