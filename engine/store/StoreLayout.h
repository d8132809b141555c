// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where everything lives under a store root. Only engine/store and the
// drivers that mount layers know these paths; front ends never do.
//
//   root/blobs/sha256/<hex>          content-addressed blobs
//   root/layers/<chain-hex>/diff     an unpacked layer (its own changes only)
//   root/layers/<chain-hex>/layer.json
//   root/images.json                 image index: images + tags (one atomic file)
//   root/containers/<id>/...         reserved for containers
//   root/volumes/<name>/_data        reserved for volumes
//   root/journal/events.jsonl        event journal
//   root/tmp/                        staging (same file system, for renames)
//   root/lock                        flock serialising writers
//   root/tmp.lock                    shared flock of every Engine (tmp/ sweep)
//   root/builtin-seeded              the built-in images were made once

#include <filesystem>
#include <string>

namespace strata::engine::store {

class StoreLayout {
public:
    explicit StoreLayout(std::filesystem::path root);

    // $XDG_DATA_HOME/strata, else ~/.local/share/strata.
    static std::filesystem::path defaultRoot();

    // Creates the directory skeleton; idempotent.
    void create() const;

    [[nodiscard]] const std::filesystem::path &root() const { return m_root; }
    [[nodiscard]] std::filesystem::path blobsDir() const { return m_root / "blobs" / "sha256"; }
    [[nodiscard]] std::filesystem::path layersDir() const { return m_root / "layers"; }
    // The init layer every container links to (container/InitLayer.h).
    [[nodiscard]] std::filesystem::path sharedInitLayerDir() const { return layersDir() / "init"; }
    [[nodiscard]] std::filesystem::path containersDir() const { return m_root / "containers"; }
    [[nodiscard]] std::filesystem::path volumesDir() const { return m_root / "volumes"; }
    [[nodiscard]] std::filesystem::path journalDir() const { return m_root / "journal"; }
    [[nodiscard]] std::filesystem::path tmpDir() const { return m_root / "tmp"; }
    [[nodiscard]] std::filesystem::path imageIndexFile() const { return m_root / "images.json"; }
    [[nodiscard]] std::filesystem::path lockFile() const { return m_root / "lock"; }
    // Shared-locked by every Engine on this root; exclusive = no other user (StagingArea).
    [[nodiscard]] std::filesystem::path stagingLockFile() const { return m_root / "tmp.lock"; }
    // Present once the built-in images were made for this root.
    [[nodiscard]] std::filesystem::path builtinSeededMarker() const { return m_root / "builtin-seeded"; }

private:
    std::filesystem::path m_root;
};

} // namespace strata::engine::store
