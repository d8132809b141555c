// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Layers of a real host's images, kept outside Strata's store
// ($XDG_CACHE_HOME/strata/remote-layers) so that `image tree -H` reads a
// host's image once: layers by diff_id (content-addressed, so shared by
// every host and image that has them), image configs by image id. An entry
// appears only complete: made under tmp/ and renamed into place.
//
//   sha256/<diff-hex>/layer.tar  the layer's uncompressed tar, as the host sent it
//   sha256/<diff-hex>/diff/      its files, unpacked only when contents are wanted
//   sha256/<diff-hex>/layer.json {"blob", "content_bytes"}
//   configs/<id-hex>.json        the image config, as the host exported it
//
// Keeping the tar makes the first `image tree` cost one file write instead
// of one file creation per path (the tree needs only the headers). The
// cache is bounded: after an export the least recently used entries go
// until it holds at most STRATA_HOST_CACHE_MAX bytes (default 10 GiB), and
// `system prune` empties it.

#include "engine/layer/ByteStream.h"
#include "engine/layer/Whiteout.h"
#include "engine/util/Digest.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::remote {

// One layer's files on disk, from the cache or a local host's own storage.
struct HostLayerDir {
    Digest diffId;
    Digest blob; // the tar as it arrived (uncompressed in an export: = diffId)
    std::uint64_t contentBytes = 0;
    std::filesystem::path dir;  // its files (may not exist yet when `tar` is set)
    std::filesystem::path tar;  // the cached tar ("" for a host's own directories)
    layer::WhiteoutFormat whiteouts = layer::WhiteoutFormat::OciMarkers;
    [[nodiscard]] bool unpacked() const;
};

// What the cache holds (`system df`).
struct LayerCacheUsage {
    std::uint64_t layers = 0, configs = 0, bytes = 0;
};

class LayerCache {
public:
    // $XDG_CACHE_HOME/strata/remote-layers, else ~/.cache/strata/remote-layers.
    static std::filesystem::path defaultRoot();
    // STRATA_HOST_CACHE_MAX (bytes), else 10 GiB. An unparsable value is an error naming it.
    static std::uint64_t maxBytes();
    explicit LayerCache(std::filesystem::path root = defaultRoot());

    // Marks the entry used (its directory's mtime: the LRU order).
    [[nodiscard]] std::optional<HostLayerDir> find(const Digest &diffId) const;
    // Keeps a layer tar; DigestMismatch when it does not hash to `diffId`.
    // Another process adding the same layer meanwhile is fine (first wins).
    HostLayerDir add(const Digest &diffId, layer::ByteSource &tar);
    // The same for a tar whose diff_id is only known once it is read (an
    // export streamed without its manifest, which podman writes last): kept
    // when it hashes to one of `wanted`, else dropped (nullopt).
    std::optional<HostLayerDir> addIfWanted(const std::vector<Digest> &wanted, layer::ByteSource &tar);
    // The layer's files, unpacked from its tar into diff/ on first use.
    HostLayerDir unpack(const HostLayerDir &layer);

    [[nodiscard]] std::optional<std::string> config(const Digest &imageId) const;
    void putConfig(const Digest &imageId, const std::string &bytes);

    // Where layers are staged before they are renamed into place (same file system).
    [[nodiscard]] std::filesystem::path tmpDir() const;

    [[nodiscard]] LayerCacheUsage usage() const;
    // Removes least recently used layers, except `keep` (the image being
    // shown), until at most `limit` bytes stay. Returns the bytes freed.
    std::uint64_t trim(std::uint64_t limit, const std::vector<Digest> &keep = {});
    // Removes everything (system prune). Returns the bytes freed.
    std::uint64_t clear();

private:
    struct Staged;
    Staged stage(layer::ByteSource &tar);
    HostLayerDir keep(Staged &staged);

    std::filesystem::path m_root;
};

} // namespace strata::engine::remote
