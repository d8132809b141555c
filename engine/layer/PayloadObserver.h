// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the applier tells a tar-split recorder (TarSplit.h) while it unpacks:
// which byte range of the tar became which file, and which paths it is about
// to remove. With that, an uncompressed layer's blob need not be kept as a
// second full copy: its file contents are read back from the tree on save.

#include <cstdint>
#include <string>

namespace strata::engine::layer {

class PayloadObserver {
public:
    virtual ~PayloadObserver() = default;
    // The `size` data bytes at tar offset `offset` are about to become the
    // whole content of the regular file `path` (a real path, relative to the
    // root), which nothing else writes to afterwards.
    virtual void fileWriting(std::int64_t offset, std::int64_t size, const std::string &path) = 0;
    // `path` (and, for a directory, everything below it) is about to be
    // removed; `rootFd` is the tree's root.
    virtual void beforeRemove(int rootFd, const std::string &path) = 0;
};

} // namespace strata::engine::layer
