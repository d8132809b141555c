// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a layer directory holds, read once from the disk as data: every
// name with what lstat says of it, directory by directory, in the order the
// union view walks them (fs::UnionView). An image layer never changes once
// stored, so its scan can be kept beside it (LayerDir::scanCache) and read
// back as one file: a 100,000-file layer then costs one read instead of
// 100,000 fstatat calls and 100 directory listings, and the view built from
// it is the same by construction (the same data, walked by the same code).

#include "engine/layer/Whiteout.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::fs {

struct LayerScanNode {
    enum Flag : std::uint32_t {
        Marker = 1,          // a whiteout or opaque marker name: never stat'ed
        WhiteoutDevice = 2,  // a character device 0/0 (overlay whiteout)
        Opaque = 4,          // directory: holds the opaque marker (or the overlay xattr, overlay layers)
        OnlyMarkers = 8,     // directory: holds nothing but markers at any depth (MarkersBelowSymlink.h)
        Unreadable = 16,     // directory: could not be opened or listed
    };
    std::uint32_t mode = 0; // st_mode: type and permission bits
    std::uint32_t uid = 0, gid = 0;
    std::int32_t error = 0;     // errno of a failed lstat (then nothing else is set)
    std::int64_t mtime = 0;     // seconds
    std::uint64_t size = 0;     // st_size
    std::int32_t linkId = -1;   // non-directories with more than one link: one id per inode in this layer
    std::uint32_t flags = 0;
    std::uint32_t name = 0, nameLength = 0;     // in LayerScan::text
    std::uint32_t target = 0, targetLength = 0; // symlinks: the target, in LayerScan::text
    std::uint32_t firstChild = 0, childCount = 0; // directories: children are contiguous, sorted by name
};

struct LayerScan {
    layer::WhiteoutFormat whiteouts = layer::WhiteoutFormat::OciMarkers;
    std::vector<LayerScanNode> nodes; // nodes[0] is the layer's root directory
    std::string text;                 // names and symlink targets
    bool complete = true;             // false when anything could not be read (never kept)

    [[nodiscard]] std::string_view name(const LayerScanNode &n) const { return {text.data() + n.name, n.nameLength}; }
    [[nodiscard]] std::string_view target(const LayerScanNode &n) const
    {
        return {text.data() + n.target, n.targetLength};
    }
};

// True when directory `dir` carries overlayfs' opaque xattr ("y").
[[nodiscard]] bool hasOverlayOpaqueXattr(const std::string &dir);

// Reads the layer directory `dir` (the union view's walk, without the union).
[[nodiscard]] LayerScan scanLayer(const std::filesystem::path &dir, layer::WhiteoutFormat whiteouts);

// The scan kept at `cache`, when there is one of this format; otherwise
// scans `dir` and, when the scan is complete, keeps it there (written
// atomically; a store that cannot be written is only slower).
[[nodiscard]] LayerScan loadOrScanLayer(const std::filesystem::path &dir, layer::WhiteoutFormat whiteouts,
                                        const std::filesystem::path &cache);

} // namespace strata::engine::fs
