// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Unpacked layers of a real host's images, kept outside Strata's store
// ($XDG_CACHE_HOME/strata/remote-layers) so that `image tree -H` reads a
// host's image once: layers by diff_id (content-addressed, so shared by
// every host and image that has them), image configs by image id. An entry
// appears only complete: unpacked into tmp/ and renamed into place.
//
//   sha256/<diff-hex>/diff/     the layer's own changes, OCI whiteout markers
//   sha256/<diff-hex>/layer.json {"blob", "content_bytes"}
//   configs/<id-hex>.json       the image config, as the host exported it

#include "engine/layer/ByteStream.h"
#include "engine/layer/Whiteout.h"
#include "engine/util/Digest.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace strata::engine::remote {

// One layer's files on disk, from the cache or a local host's own storage.
struct HostLayerDir {
    Digest diffId;
    Digest blob; // the tar as it arrived (uncompressed in an export: = diffId)
    std::uint64_t contentBytes = 0;
    std::filesystem::path dir;
    layer::WhiteoutFormat whiteouts = layer::WhiteoutFormat::OciMarkers;
};

class LayerCache {
public:
    // $XDG_CACHE_HOME/strata/remote-layers, else ~/.cache/strata/remote-layers.
    static std::filesystem::path defaultRoot();
    explicit LayerCache(std::filesystem::path root = defaultRoot());

    [[nodiscard]] std::optional<HostLayerDir> find(const Digest &diffId) const;
    // Unpacks a layer tar; DigestMismatch when it does not hash to `diffId`.
    // Another process adding the same layer meanwhile is fine (first wins).
    HostLayerDir add(const Digest &diffId, layer::ByteSource &tar);

    [[nodiscard]] std::optional<std::string> config(const Digest &imageId) const;
    void putConfig(const Digest &imageId, const std::string &bytes);

    // Where exports are spooled (same file system as the entries).
    [[nodiscard]] std::filesystem::path tmpDir() const;

private:
    std::filesystem::path m_root;
};

} // namespace strata::engine::remote
