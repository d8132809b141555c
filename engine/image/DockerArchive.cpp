// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/DockerArchive.h"

#include "engine/Error.h"
#include "engine/image/ArchivePaths.h"

namespace strata::engine::image {
namespace {

constexpr const char *kManifest = "manifest.json";

[[noreturn]] void invalid(const std::string &where, const std::string &what)
{
    throw Error(ErrorCode::InvalidArchive, where + ": " + what);
}

std::string stringMember(const Json &item, const char *key, const std::string &where)
{
    auto it = item.find(key);
    if (it == item.end() || !it->is_string())
        invalid(where, std::string("\"") + key + "\" must be a string");
    return it->get<std::string>();
}

std::vector<std::string> stringArray(const Json &item, const char *key, const std::string &where, bool nullable)
{
    std::vector<std::string> out;
    auto it = item.find(key);
    if (nullable && (it == item.end() || it->is_null()))
        return out; // Docker writes "RepoTags": null for an untagged image
    if (it == item.end() || !it->is_array())
        invalid(where, std::string("\"") + key + "\" must be an array of strings");
    for (const auto &v : *it) {
        if (!v.is_string())
            invalid(where, std::string("\"") + key + "\" must be an array of strings");
        out.push_back(v.get<std::string>());
    }
    return out;
}

// The hex a config file is named after: "<hex>.json" (Docker 20.10, podman)
// or "blobs/sha256/<hex>" (Docker 25); empty when the name is not a digest.
std::string digestInName(const std::string &path)
{
    std::string base = path.substr(path.rfind('/') + 1);
    if (base.size() > 5 && base.compare(base.size() - 5, 5, ".json") == 0)
        base.resize(base.size() - 5);
    return isSha256Hex(base) ? base : std::string();
}

std::string readConfig(ArchiveView &view, const std::string &path, Digest &id)
{
    if (!view.resolve(path))
        invalid(path, "image config is missing from the archive");
    std::string bytes = view.read(path);
    id = Digest::ofBytes(bytes);
    const std::string named = digestInName(path);
    if (!named.empty() && named != id.hex())
        throw Error(ErrorCode::DigestMismatch, path + ": content hashes to " + id.str() + ", the file name says sha256:" +
                                                   named);
    return bytes;
}

PlannedLayer planLayer(const ArchiveView &view, const std::string &path, const Digest &diffId, const std::string &where)
{
    const auto entry = view.resolve(path);
    if (!entry)
        invalid(where, "\"" + path + "\" is missing from the archive");
    PlannedLayer layer;
    layer.entry = entry->path;
    layer.diffId = diffId;
    // Docker 25 names layer blobs by digest inside an OCI tree: hold them to it.
    if (entry->path.rfind("blobs/sha256/", 0) == 0 && isSha256Hex(entry->path.substr(13)))
        layer.blob = Digest::fromHex(entry->path.substr(13));
    return layer;
}

PlannedImage planImage(ArchiveView &view, const Json &item, std::size_t index)
{
    PlannedImage image;
    image.where = std::string(kManifest) + ": image " + std::to_string(index + 1);
    if (!item.is_object())
        invalid(image.where, "expected a JSON object");
    const std::string configPath = stringMember(item, "Config", image.where);
    const std::vector<std::string> layers = stringArray(item, "Layers", image.where, false);
    image.configBytes = readConfig(view, configPath, image.id);
    image.config = ImageConfig::parse(image.configBytes, configPath);
    if (image.config.diffIds.size() != layers.size())
        invalid(image.where, "the config lists " + std::to_string(image.config.diffIds.size()) + " layers, " +
                                 kManifest + " " + std::to_string(layers.size()));
    for (std::size_t i = 0; i < layers.size(); ++i)
        image.layers.push_back(planLayer(view, layers[i], image.config.diffIds[i],
                                         image.where + ": layer " + std::to_string(i + 1)));
    for (const auto &t : stringArray(item, "RepoTags", image.where, true))
        image.tags.push_back(archiveTag(t, image.where));
    if (auto p = item.find("Parent"); p != item.end() && p->is_string() && Digest::isValid(p->get<std::string>()))
        image.parent = Digest::parse(p->get<std::string>());
    return image;
}

} // namespace

std::vector<PlannedImage> planDockerArchive(ArchiveView &view)
{
    const Json manifest = parseJson(view.read(kManifest), kManifest);
    if (!manifest.is_array())
        invalid(kManifest, "expected a JSON array of images");
    if (manifest.empty())
        invalid(kManifest, "lists no images");
    std::vector<PlannedImage> plans;
    for (std::size_t i = 0; i < manifest.size(); ++i)
        mergePlannedImage(plans, planImage(view, manifest[i], i));
    return plans;
}

} // namespace strata::engine::image
