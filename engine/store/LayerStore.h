// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Unpacked layers, keyed by chain id (image-spec config.md#layer-chainid):
// layers/<chain-hex>/diff holds that layer's own changes, whiteouts spelled
// as recorded in layer.json. A layer appears only complete: it is unpacked
// into a staging directory under tmp/ and renamed into place.

#include "engine/layer/Whiteout.h"
#include "engine/util/Digest.h"
#include "engine/util/Fs.h"
#include "engine/util/UniqueFd.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::store {

class PendingSync;
class StoreLayout;

struct LayerRecord {
    Digest chainId;
    Digest diffId;           // sha256 of the uncompressed tar
    Digest parent;           // chain id of the layer below; empty for a base layer
    Digest blob;             // the stored (possibly compressed) tar in blobs/
    std::string mediaType;   // of the blob
    std::uint64_t blobSize = 0;
    std::uint64_t tarSize = 0;     // uncompressed tar bytes
    std::uint64_t contentBytes = 0; // regular-file bytes in the layer (what `images` sums)
    std::uint64_t entries = 0;
    layer::WhiteoutFormat whiteouts = layer::WhiteoutFormat::OciMarkers;
};

// ChainID(L0) = DiffID(L0); ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)).
[[nodiscard]] Digest chainIdOf(const Digest &parentChain, const Digest &diffId);

class LayerStore {
public:
    explicit LayerStore(const StoreLayout &layout);

    [[nodiscard]] bool has(const Digest &chainId) const;
    // Throws NotFound.
    [[nodiscard]] LayerRecord get(const Digest &chainId) const;
    [[nodiscard]] std::filesystem::path diffDir(const Digest &chainId) const;
    // layers/<chain-hex>: diff/ plus, when the layer keeps its blob as a
    // tar-split (layer/TarSplit.h), tar-split and tar-split.d/.
    [[nodiscard]] std::filesystem::path layerDir(const Digest &chainId) const;
    [[nodiscard]] std::vector<LayerRecord> list() const;
    // Removes the layer directory; missing is fine.
    void remove(const Digest &chainId);

    // A layer being unpacked: fill diffDir(), then commit(). Dropped uncommitted,
    // it leaves nothing behind.
    class Staging {
    public:
        [[nodiscard]] std::filesystem::path diffDir() const { return m_dir.path() / "diff"; }
        // The staging layer directory (diff/ and, for an uncompressed layer, its tar-split).
        [[nodiscard]] std::filesystem::path dir() const { return m_dir.path(); }
        // Records the layer and renames it into place. Returns false (and
        // discards the staging copy) when the chain id is already present.
        // With `deferred`, the layer is published before its data is on the
        // disk: an entry in `deferred` (PendingSync.h) stands for it.
        bool commit(const LayerRecord &record, PendingSync *deferred = nullptr);

    private:
        friend class LayerStore;
        Staging(const LayerStore &store, fsutil::TempDir dir);
        const LayerStore *m_store;
        fsutil::TempDir m_dir;
        // Opened before anything is unpacked: the syncfs in commit() then
        // reports every write error since (the kernel samples the file
        // system's error sequence when a file is opened), including those
        // of writeback started early (layer/WritebackPacer.h).
        util::UniqueFd m_syncFd;
    };
    [[nodiscard]] Staging stage() const;

private:
    std::filesystem::path m_dir;
    std::filesystem::path m_tmp;
};

} // namespace strata::engine::store
