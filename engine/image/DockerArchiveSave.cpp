// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/DockerArchiveSave.h"

#include "engine/image/BlobCopy.h"

#include <map>

namespace strata::engine::image {
namespace {

using SortedJson = nlohmann::json; // keys sorted, as Go marshals a map: stable bytes

// Fields of Docker's image.V1Image that the top layer's json copies from the config.
constexpr const char *kV1Fields[] = {"comment", "created",      "container", "container_config", "docker_version",
                                     "author",  "config",       "architecture", "variant",        "os"};

SortedJson v1Object(const SavedImage &image, std::size_t index, const Json &config)
{
    SortedJson o = SortedJson::object();
    if (index + 1 < image.layers.size()) {
        o["created"] = "1970-01-01T00:00:00Z"; // what save.go gives every lower layer
        return o;
    }
    for (const char *key : kV1Fields)
        if (auto it = config.find(key); it != config.end())
            o[key] = SortedJson::parse(it->dump());
    return o;
}

struct V1Layer {
    std::string id;     // 64 hex
    std::string json;   // the "<id>/json" file
};

std::vector<V1Layer> v1Layers(const SavedImage &image)
{
    const Json config = parseJson(image.image.configBytes, "image config");
    std::vector<V1Layer> out;
    std::string parent;
    for (std::size_t i = 0; i < image.layers.size(); ++i) {
        SortedJson o = v1Object(image, i, config);
        SortedJson forId = o;
        forId["layer_id"] = image.layers[i].chainId.str();
        if (!parent.empty())
            forId["parent"] = "sha256:" + parent;
        const std::string id = Digest::ofBytes(forId.dump()).hex();
        o["id"] = id;
        if (!parent.empty())
            o["parent"] = parent;
        if (!image.image.config.os.empty())
            o["os"] = image.image.config.os;
        out.push_back({id, o.dump()});
        parent = id;
    }
    return out;
}

class Writer {
public:
    Writer(ArchiveContents &contents, const ImageStore &store) : m_contents(contents), m_store(store) {}

    Json addImage(const SavedImage &image, const std::vector<SavedImage> &all)
    {
        const std::vector<V1Layer> v1 = v1Layers(image);
        Json layers = Json::array();
        for (std::size_t i = 0; i < v1.size(); ++i) {
            addLayer(v1[i], image.layers[i], image.created);
            layers.push_back(v1[i].id + "/layer.tar");
        }
        const std::string config = image.image.id.hex() + ".json";
        m_contents.addFile(config, image.image.configBytes, image.created);
        Json entry = Json::object();
        entry["Config"] = config;
        entry["RepoTags"] = image.tags.empty() ? Json() : Json(image.tags); // null when untagged, as Docker writes
        entry["Layers"] = std::move(layers);
        for (const auto &other : all)
            if (!image.image.parent.empty() && other.image.id == image.image.parent)
                entry["Parent"] = image.image.parent.str();
        for (const auto &tag : image.tags) {
            const std::size_t colon = tag.rfind(':');
            m_repositories[tag.substr(0, colon)][tag.substr(colon + 1)] = v1.empty() ? "" : v1.back().id;
        }
        return entry;
    }

    void finish(Json manifest)
    {
        m_contents.addFile("manifest.json", manifest.dump() + "\n");
        if (!m_repositories.empty())
            m_contents.addFile("repositories", m_repositories.dump() + "\n");
    }

private:
    void addLayer(const V1Layer &v1, const store::LayerRecord &layer, std::int64_t mtime)
    {
        if (m_contents.has(v1.id))
            return; // a base shared with an image already written
        m_contents.addDirectory(v1.id, mtime);
        m_contents.addFile(v1.id + "/VERSION", "1.0", mtime);
        m_contents.addFile(v1.id + "/json", v1.json, mtime);
        const std::string tar = v1.id + "/layer.tar";
        if (auto seen = m_byDiffId.find(layer.diffId); seen != m_byDiffId.end()) {
            m_contents.addSymlink(tar, "../" + seen->second + "/layer.tar", mtime);
            return;
        }
        m_byDiffId[layer.diffId] = v1.id;
        const ImageStore &store = m_store;
        m_contents.addStreamedFile(
            tar, layerTarSize(layer), [&store, layer](layer::ByteSink &out) { copyLayerTar(store, layer, out); }, mtime);
    }

    ArchiveContents &m_contents;
    const ImageStore &m_store;
    std::map<Digest, std::string> m_byDiffId; // diff_id -> v1 id whose layer.tar holds it
    SortedJson m_repositories = SortedJson::object();
};

} // namespace

void addDockerArchive(ArchiveContents &contents, const ImageStore &store, const std::vector<SavedImage> &images)
{
    Writer writer(contents, store);
    Json manifest = Json::array();
    for (const auto &image : images)
        manifest.push_back(writer.addImage(image, images));
    writer.finish(std::move(manifest));
}

} // namespace strata::engine::image
