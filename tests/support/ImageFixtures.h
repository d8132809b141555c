// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small images assembled in code, and the archives `docker save`, `podman
// save` and OCI tools would write for them, as editable lists of entries:
// a suite builds a good archive, then breaks exactly one thing (a byte of a
// layer, a blob, a JSON document) and checks what load says.

#include "engine/util/Digest.h"
#include "tests/support/TarBuilder.h"

#include <filesystem>
#include <string>
#include <vector>

namespace strata::test {

enum class LayerCompression { None, Gzip, Zstd, Bzip2 };

struct FixtureLayer {
    std::string tar;       // the uncompressed layer tar
    std::string blob;      // as it goes into an archive (maybe compressed)
    std::string mediaType; // OCI media type of `blob`
    [[nodiscard]] engine::Digest diffId() const { return engine::Digest::ofBytes(tar); }
    [[nodiscard]] engine::Digest blobDigest() const { return engine::Digest::ofBytes(blob); }
};

[[nodiscard]] FixtureLayer makeLayer(const TarBuilder &files, LayerCompression compression = LayerCompression::None);

struct FixtureImage {
    std::vector<FixtureLayer> layers;
    std::string config;            // the config bytes (rootfs.diff_ids of `layers`)
    std::vector<std::string> tags; // "repo:tag" as archives write them
    [[nodiscard]] engine::Digest id() const { return engine::Digest::ofBytes(config); }
    [[nodiscard]] std::vector<engine::Digest> diffIds() const;
};

// A config for `layers` with one history entry each; `architecture` empty = the host's.
[[nodiscard]] FixtureImage makeImage(std::vector<FixtureLayer> layers, std::vector<std::string> tags,
                                     const std::string &architecture = {}, const std::string &cmd = "sh");

// The entries of an outer archive, in the order they will be written.
class ArchiveFiles {
public:
    struct Entry {
        std::string path;
        std::string data;
        std::string symlink;  // target when a symlink
        std::string hardlink; // target when a hard link
    };

    ArchiveFiles &put(const std::string &path, std::string data);
    ArchiveFiles &symlink(const std::string &path, const std::string &target);
    ArchiveFiles &hardlink(const std::string &path, const std::string &target);
    ArchiveFiles &remove(const std::string &path);
    // The data of `path`; throws std::out_of_range when there is no such entry.
    [[nodiscard]] std::string &at(const std::string &path);
    [[nodiscard]] bool has(const std::string &path) const;
    [[nodiscard]] const std::vector<Entry> &entries() const { return m_entries; }

    [[nodiscard]] std::string tar() const;
    [[nodiscard]] std::string gzip() const;
    void writeTo(const std::filesystem::path &dir) const;

private:
    std::vector<Entry> m_entries;
};

enum class DockerLayout {
    Docker2010, // <v1-id>/layer.tar (+ VERSION, json), <config-hex>.json; repeated diff_ids as symlinks
    Podman,     // <diff-id>.tar at the top, <v1-id>/layer.tar symlinks to it
    Docker25,   // blobs/sha256/<hex> for layers and config (+ the OCI index)
};

[[nodiscard]] ArchiveFiles dockerArchiveFiles(const std::vector<FixtureImage> &images,
                                              DockerLayout layout = DockerLayout::Docker2010);
// The path of layer `index` of `image` inside the archive dockerArchiveFiles wrote.
[[nodiscard]] std::string dockerLayerPath(const ArchiveFiles &files, std::size_t image, std::size_t index);

struct OciOptions {
    bool nestedIndex = false;   // each image behind an index with arm64 + this image + an attestation
    bool fullRefName = false;   // ref.name "repo:tag" (podman) instead of image.name + bare tag (Docker 25)
};
[[nodiscard]] ArchiveFiles ociLayoutFiles(const std::vector<FixtureImage> &images, const OciOptions &options = {});

} // namespace strata::test
