// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Whiteout entries (image-spec layer.md#whiteouts) in the three ways a layer
// can be applied:
//  - Diff + OciMarkers: the ".wh.NAME" / ".wh..wh..opq" files are kept as
//    empty regular files; the union view reads them later.
//  - Diff + OverlayDevices: NAME becomes a 0/0 character device and an
//    opaque directory gets trusted.overlay.opaque=y, overlayfs's spelling.
//  - Flatten: NAME is removed; an opaque marker removes every child of its
//    directory that this same layer did not write.
// The spec: whiteouts "MUST only apply to resources in lower/parent layers",
// and entries may come in any order, so in Flatten mode a path this layer
// wrote (or an ancestor of one) survives its whiteout whether the marker comes
// before or after it: containerd's unpackedPaths (pkg/archive/tar.go),
// umoci's upperPaths (oci/layer/tar_extract.go, the comment in ociWhiteout).

#include "engine/layer/EntryWriter.h"
#include "engine/layer/LayerApplier.h"
#include "engine/layer/LayerTree.h"
#include "engine/layer/TarEntry.h"

#include <string>

namespace strata::engine::layer {

class WhiteoutApplier {
public:
    WhiteoutApplier(LayerTree &tree, EntryWriter &writer, const ApplyOptions &options)
        : m_tree(tree), m_writer(writer), m_options(options)
    {
    }

    // Handles `entry` when its name (normalised) is a whiteout or an opaque
    // marker and returns true; false for any other entry. Throws UnsafePath
    // for whiteouts that name "." or ".." (containerd's validateWhiteout).
    bool apply(const TarEntry &entry, const std::string &name);

    [[nodiscard]] std::uint64_t whiteouts() const { return m_whiteouts; }
    [[nodiscard]] std::uint64_t opaques() const { return m_opaques; }

private:
    void overlayWhiteout(const std::string &dir, const std::string &hidden);
    void overlayOpaque(const std::string &dir);
    void flattenWhiteout(const std::string &dir, const std::string &hidden);
    void flattenOpaque(const std::string &dir);
    // Removes the real path `path` (child `name` of parentFd) unless this layer
    // wrote it; a written directory is walked and its unwritten children removed.
    void prune(int parentFd, const std::string &name, const std::string &path);
    void pruneChildren(int dirFd, const std::string &path);

    LayerTree &m_tree;
    EntryWriter &m_writer;
    const ApplyOptions &m_options;
    std::uint64_t m_whiteouts = 0;
    std::uint64_t m_opaques = 0;
};

} // namespace strata::engine::layer
