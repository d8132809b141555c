// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The union of an ordered list of layer trees, computed the way overlayfs
// presents it (nearest layer wins, whiteouts hide, opaque directories hide
// everything below them) but as data: which layer provides each path, what it
// shadows, what each layer added, modified and deleted. This is what the GUI
// draws, what `image tree` prints and what `diff` compares.

#include "engine/fs/TreeEntry.h"
#include "engine/layer/Change.h"
#include "engine/layer/Whiteout.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace strata::engine::fs {

struct LayerDir {
    std::filesystem::path dir;
    layer::WhiteoutFormat whiteouts = layer::WhiteoutFormat::OciMarkers;
    // When set, the layer's entries come from this (uncompressed) tar's
    // headers instead of walking `dir`, and each entry's source is the path
    // under `dir` where it is, or will be, unpacked (a host's layer cache).
    std::filesystem::path tar;
    // When set, where the layer's scan is kept (fs/LayerScan.h): read from
    // there when present, written there after a walk of `dir`. Only for a
    // layer that never changes (an image layer), never a container's.
    std::filesystem::path scanCache;
};

// True when the layer's root directory is opaque (".wh..wh..opq" at the top
// of the tar, or the overlay xattr on its root): it hides every path of the
// layers below. overlayfs ignores the opaque xattr on a lower's root, so the
// overlay driver leaves those layers out of the mount instead.
[[nodiscard]] bool hasOpaqueRoot(const LayerDir &layer);

// A layer's effect on the tree below it.
struct LayerChangeEntry {
    layer::Change change;          // path, A/M/D, opaque
    EntryType type = EntryType::File; // of the new version (Deleted: of the hidden one, if known)
    std::uint64_t size = 0;
};

// What a view holds besides the merged tree. MergedOnly leaves versions()
// and changes() empty (so wastedBytes() is 0): `image tree` without --all
// prints the merged tree alone, and at 100,000 paths the rest is more than
// half the view's memory and time.
enum class ViewContents { Full, MergedOnly };

class UnionView {
public:
    // Walks every layer once. Unreadable paths are skipped and listed in
    // problems() rather than failing the whole view.
    static UnionView build(const std::vector<LayerDir> &layers, ViewContents contents = ViewContents::Full);

    // The merged tree: path -> the version that wins.
    [[nodiscard]] const std::map<std::string, TreeEntry> &merged() const { return m_merged; }
    // Every version of every path that any layer holds, bottom to top,
    // including versions hidden by later layers (`image tree --all`).
    [[nodiscard]] const std::map<std::string, std::vector<TreeEntry>> &versions() const { return m_versions; }
    // Per layer (bottom = 0), its changes sorted by path.
    [[nodiscard]] const std::vector<std::vector<LayerChangeEntry>> &changes() const { return m_changes; }
    // Bytes present in lower layers but hidden in the merged view, per path
    // (dive's "wasted space"): shadowed versions and deleted files.
    [[nodiscard]] std::uint64_t wastedBytes() const;
    [[nodiscard]] const std::vector<std::string> &problems() const { return m_problems; }
    [[nodiscard]] std::size_t layerCount() const { return m_changes.size(); }

private:
    class Builder;
    std::map<std::string, TreeEntry> m_merged;
    std::map<std::string, std::vector<TreeEntry>> m_versions;
    std::vector<std::vector<LayerChangeEntry>> m_changes;
    std::vector<std::string> m_problems;
};

// SHA-256 of a regular file's content as "sha256:<hex>"-less hex.
[[nodiscard]] std::string fileSha256Hex(const std::filesystem::path &path);

} // namespace strata::engine::fs
