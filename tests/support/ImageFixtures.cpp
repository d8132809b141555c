// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/ImageFixtures.h"

#include "engine/image/Reference.h"
#include "engine/util/Platform.h"

#include <archive.h>
#include <archive_entry.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

namespace strata::test {
namespace {

using Json = nlohmann::ordered_json;
using engine::Digest;

const char *kOciManifest = "application/vnd.oci.image.manifest.v1+json";
const char *kOciIndex = "application/vnd.oci.image.index.v1+json";
const char *kOciConfig = "application/vnd.oci.image.config.v1+json";

la_ssize_t appendTo(archive *, void *out, const void *buffer, size_t size)
{
    static_cast<std::string *>(out)->append(static_cast<const char *>(buffer), size);
    return static_cast<la_ssize_t>(size);
}

// Compresses bytes as they are (libarchive's raw format), so the blob
// decompresses to exactly `data`.
std::string compress(const std::string &data, LayerCompression c)
{
    std::unique_ptr<archive, int (*)(archive *)> a(archive_write_new(), archive_write_free);
    archive_write_set_format_raw(a.get());
    switch (c) {
    case LayerCompression::Gzip:
        archive_write_add_filter_gzip(a.get());
        archive_write_set_filter_option(a.get(), "gzip", "timestamp", nullptr);
        break;
    case LayerCompression::Zstd: archive_write_add_filter_zstd(a.get()); break;
    case LayerCompression::Bzip2: archive_write_add_filter_bzip2(a.get()); break;
    case LayerCompression::None: return data;
    }
    archive_write_set_bytes_in_last_block(a.get(), 1);
    std::string out;
    if (archive_write_open(a.get(), &out, nullptr, appendTo, nullptr) != ARCHIVE_OK)
        throw std::runtime_error(archive_error_string(a.get()));
    std::unique_ptr<archive_entry, void (*)(archive_entry *)> e(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname(e.get(), "data");
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(data.size()));
    archive_write_header(a.get(), e.get());
    archive_write_data(a.get(), data.data(), data.size());
    archive_write_close(a.get());
    return out;
}

std::string mediaTypeOf(LayerCompression c)
{
    switch (c) {
    case LayerCompression::Gzip: return "application/vnd.oci.image.layer.v1.tar+gzip";
    case LayerCompression::Zstd: return "application/vnd.oci.image.layer.v1.tar+zstd";
    case LayerCompression::Bzip2: return "application/vnd.oci.image.layer.v1.tar+bzip2";
    case LayerCompression::None: break;
    }
    return "application/vnd.oci.image.layer.v1.tar";
}

Json descriptor(const std::string &mediaType, const std::string &bytes)
{
    return Json{{"mediaType", mediaType}, {"digest", Digest::ofBytes(bytes).str()}, {"size", bytes.size()}};
}

std::string chainOf(const std::string &parent, const Digest &diffId)
{
    return parent.empty() ? diffId.str() : Digest::ofBytes(parent + " " + diffId.str()).str();
}

std::string ociManifest(const FixtureImage &image)
{
    Json m = {{"schemaVersion", 2}, {"mediaType", kOciManifest}, {"config", descriptor(kOciConfig, image.config)}};
    m["layers"] = Json::array();
    for (const auto &l : image.layers)
        m["layers"].push_back(descriptor(l.mediaType, l.blob));
    return m.dump();
}

} // namespace

FixtureLayer makeLayer(const TarBuilder &files, LayerCompression compression)
{
    FixtureLayer layer;
    layer.tar = files.tar();
    layer.blob = compress(layer.tar, compression);
    layer.mediaType = mediaTypeOf(compression);
    return layer;
}

std::vector<Digest> FixtureImage::diffIds() const
{
    std::vector<Digest> out;
    for (const auto &l : layers)
        out.push_back(l.diffId());
    return out;
}

FixtureImage makeImage(std::vector<FixtureLayer> layers, std::vector<std::string> tags, const std::string &architecture,
                       const std::string &cmd)
{
    Json config = {{"created", "2024-01-02T03:04:05Z"},
                   {"architecture", architecture.empty() ? engine::platform::hostArchitecture() : architecture},
                   {"os", "linux"},
                   {"config", {{"Cmd", {cmd}}, {"Env", {"PATH=/bin"}}}}};
    config["rootfs"] = {{"type", "layers"}, {"diff_ids", Json::array()}};
    config["history"] = Json::array();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        config["rootfs"]["diff_ids"].push_back(layers[i].diffId().str());
        config["history"].push_back({{"created", "2024-01-02T03:04:05Z"}, {"created_by", "layer " + std::to_string(i)}});
    }
    return FixtureImage{std::move(layers), config.dump(), std::move(tags)};
}

ArchiveFiles &ArchiveFiles::put(const std::string &path, std::string data)
{
    m_entries.push_back({path, std::move(data), {}, {}});
    return *this;
}

ArchiveFiles &ArchiveFiles::symlink(const std::string &path, const std::string &target)
{
    m_entries.push_back({path, {}, target, {}});
    return *this;
}

ArchiveFiles &ArchiveFiles::hardlink(const std::string &path, const std::string &target)
{
    m_entries.push_back({path, {}, {}, target});
    return *this;
}

ArchiveFiles &ArchiveFiles::remove(const std::string &path)
{
    std::erase_if(m_entries, [&](const Entry &e) { return e.path == path; });
    return *this;
}

std::string &ArchiveFiles::at(const std::string &path)
{
    for (auto &e : m_entries)
        if (e.path == path)
            return e.data;
    throw std::out_of_range("no archive entry " + path);
}

bool ArchiveFiles::has(const std::string &path) const
{
    for (const auto &e : m_entries)
        if (e.path == path)
            return true;
    return false;
}

std::string ArchiveFiles::tar() const
{
    TarBuilder b;
    std::set<std::string> dirs;
    for (const auto &e : m_entries) {
        for (std::size_t s = e.path.find('/'); s != std::string::npos; s = e.path.find('/', s + 1))
            if (dirs.insert(e.path.substr(0, s)).second)
                b.dir(e.path.substr(0, s));
        if (!e.symlink.empty())
            b.symlink(e.path, e.symlink);
        else if (!e.hardlink.empty())
            b.hardlink(e.path, e.hardlink);
        else
            b.file(e.path, e.data);
    }
    return b.tar();
}

std::string ArchiveFiles::gzip() const
{
    return compress(tar(), LayerCompression::Gzip);
}

void ArchiveFiles::writeTo(const std::filesystem::path &dir) const
{
    namespace fs = std::filesystem;
    for (const auto &e : m_entries) {
        const fs::path p = dir / e.path;
        fs::create_directories(p.parent_path());
        if (!e.symlink.empty()) {
            fs::create_symlink(e.symlink, p);
        } else if (!e.hardlink.empty()) {
            fs::create_hard_link(dir / e.hardlink, p);
        } else {
            std::ofstream out(p, std::ios::binary);
            out << e.data;
        }
    }
}

ArchiveFiles dockerArchiveFiles(const std::vector<FixtureImage> &images, DockerLayout layout)
{
    ArchiveFiles files;
    Json manifest = Json::array();
    Json repositories = Json::object();
    std::map<Digest, std::string> byDiffId; // where a layer's bytes were first written
    std::set<std::string> written;
    for (const auto &image : images) {
        Json layers = Json::array();
        std::string parent;
        std::string parentV1;
        for (const auto &l : image.layers) {
            const std::string chain = chainOf(parent, l.diffId());
            const std::string v1 = Digest::ofBytes("v1 " + chain + " " + parentV1).hex();
            std::string path = v1 + "/layer.tar";
            if (layout == DockerLayout::Docker25) {
                path = "blobs/sha256/" + l.blobDigest().hex();
                if (!files.has(path))
                    files.put(path, l.blob);
            } else if (written.insert(v1).second) {
                files.put(v1 + "/VERSION", "1.0");
                files.put(v1 + "/json", Json{{"id", v1}, {"parent", parentV1}}.dump());
                if (layout == DockerLayout::Podman) {
                    const std::string top = l.diffId().hex() + ".tar";
                    if (!files.has(top))
                        files.put(top, l.blob);
                    files.symlink(path, "../" + top);
                    path = top;
                } else if (auto seen = byDiffId.find(l.diffId()); seen != byDiffId.end()) {
                    files.symlink(path, "../" + seen->second);
                } else {
                    files.put(path, l.blob);
                    byDiffId[l.diffId()] = path;
                }
            } else if (layout == DockerLayout::Podman) {
                path = l.diffId().hex() + ".tar";
            }
            layers.push_back(path);
            parent = chain;
            parentV1 = v1;
        }
        const std::string config =
            layout == DockerLayout::Docker25 ? "blobs/sha256/" + image.id().hex() : image.id().hex() + ".json";
        if (!files.has(config))
            files.put(config, image.config);
        manifest.push_back({{"Config", config}, {"RepoTags", image.tags.empty() ? Json() : Json(image.tags)},
                            {"Layers", layers}});
        for (const auto &t : image.tags)
            repositories[t.substr(0, t.rfind(':'))][t.substr(t.rfind(':') + 1)] = parentV1;
    }
    if (layout == DockerLayout::Docker25) {
        Json index = {{"schemaVersion", 2}, {"mediaType", kOciIndex}, {"manifests", Json::array()}};
        for (const auto &image : images) {
            const std::string m = ociManifest(image);
            files.put("blobs/sha256/" + Digest::ofBytes(m).hex(), m);
            index["manifests"].push_back(descriptor(kOciManifest, m));
        }
        files.put("index.json", index.dump());
        files.put("oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
    }
    files.put("manifest.json", manifest.dump());
    if (!repositories.empty())
        files.put("repositories", repositories.dump());
    return files;
}

std::string dockerLayerPath(const ArchiveFiles &files, std::size_t image, std::size_t index)
{
    for (const auto &e : files.entries())
        if (e.path == "manifest.json")
            return Json::parse(e.data).at(image).at("Layers").at(index).get<std::string>();
    throw std::out_of_range("no manifest.json");
}

ArchiveFiles ociLayoutFiles(const std::vector<FixtureImage> &images, const OciOptions &options)
{
    ArchiveFiles files;
    auto putBlob = [&](const std::string &bytes) {
        const std::string path = "blobs/sha256/" + Digest::ofBytes(bytes).hex();
        if (!files.has(path))
            files.put(path, bytes);
    };
    Json index = {{"schemaVersion", 2}, {"manifests", Json::array()}};
    for (const auto &image : images) {
        for (const auto &l : image.layers)
            putBlob(l.blob);
        putBlob(image.config);
        const std::string manifest = ociManifest(image);
        putBlob(manifest);
        Json entry = descriptor(kOciManifest, manifest);
        if (options.nestedIndex) {
            const std::string host = engine::platform::hostArchitecture();
            const std::string other = host == "arm64" ? "amd64" : "arm64";
            FixtureImage foreign = makeImage(image.layers, {}, other);
            putBlob(foreign.config);
            const std::string foreignManifest = ociManifest(foreign);
            putBlob(foreignManifest);
            Json nested = {{"schemaVersion", 2}, {"mediaType", kOciIndex}, {"manifests", Json::array()}};
            Json d = descriptor(kOciManifest, foreignManifest);
            d["platform"] = {{"architecture", other}, {"os", "linux"}};
            nested["manifests"].push_back(d);
            d = descriptor(kOciManifest, manifest);
            d["platform"] = {{"architecture", host}, {"os", "linux"}};
            nested["manifests"].push_back(d);
            d = descriptor(kOciManifest, "attestation that is not in the archive");
            d["platform"] = {{"architecture", "unknown"}, {"os", "unknown"}};
            nested["manifests"].push_back(d);
            putBlob(nested.dump());
            entry = descriptor(kOciIndex, nested.dump());
        }
        if (image.tags.empty())
            index["manifests"].push_back(entry);
        for (const auto &t : image.tags) {
            const auto ref = engine::image::Reference::parse(t);
            Json tagged = entry;
            if (options.fullRefName)
                tagged["annotations"] = {{"org.opencontainers.image.ref.name", t}};
            else
                tagged["annotations"] = {{"io.containerd.image.name", ref.normalisedStr()},
                                         {"org.opencontainers.image.ref.name", ref.tag}};
            index["manifests"].push_back(tagged);
        }
    }
    files.put("index.json", index.dump());
    files.put("oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
    return files;
}

} // namespace strata::test
