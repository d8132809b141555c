// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/OciLayoutSave.h"

#include "engine/image/BlobCopy.h"
#include "engine/image/MediaTypes.h"
#include "engine/image/OciAnnotations.h"

namespace strata::engine::image {
namespace {

std::string blobPath(const Digest &d)
{
    return "blobs/sha256/" + d.hex();
}

// The stored manifest when every blob it names is in the store (the usual
// case); else one built from the layers we hold, so the layout is complete.
std::string manifestFor(const ImageStore &store, const SavedImage &image)
{
    std::string stored = store.blobs().read(image.image.manifestDigest);
    const Manifest &m = image.image.manifest;
    bool complete = m.config.digest == image.image.id && m.layers.size() == image.layers.size();
    for (const auto &l : m.layers)
        complete = complete && blobReadable(store, l.digest);
    if (complete)
        return stored;
    Manifest rebuilt;
    rebuilt.mediaType = std::string(media::kOciManifest);
    rebuilt.config = {std::string(media::kOciConfig), image.image.id,
                      static_cast<std::int64_t>(image.image.configBytes.size()), {}, {}};
    for (const auto &l : image.layers)
        rebuilt.layers.push_back({l.mediaType, l.blob, static_cast<std::int64_t>(l.blobSize), {}, {}});
    return rebuilt.toJson().dump();
}

Json platformOf(const ImageConfig &config)
{
    Json p = Json::object();
    p["architecture"] = config.architecture;
    p["os"] = config.os;
    if (!config.variant.empty())
        p["variant"] = config.variant;
    return p;
}

void addBlobs(ArchiveContents &contents, const ImageStore &store, const SavedImage &image, const std::string &manifest)
{
    contents.addFile(blobPath(Digest::ofBytes(manifest)), manifest);
    contents.addFile(blobPath(image.image.id), image.image.configBytes);
    for (const auto &l : Manifest::parse(manifest, "manifest").layers) {
        if (contents.has(blobPath(l.digest)))
            continue;
        const Digest digest = l.digest;
        contents.addStreamedFile(blobPath(digest), blobSize(store, digest),
                                 [&store, digest](layer::ByteSink &out) { copyVerifiedBlob(store, digest, out); });
    }
}

} // namespace

void addOciLayout(ArchiveContents &contents, const ImageStore &store, const std::vector<SavedImage> &images)
{
    Json manifests = Json::array();
    for (const auto &image : images) {
        const std::string manifest = manifestFor(store, image);
        addBlobs(contents, store, image, manifest);
        const Manifest parsed = Manifest::parse(manifest, "manifest");
        Descriptor d;
        d.mediaType = parsed.mediaType.empty() ? std::string(media::kOciManifest) : parsed.mediaType;
        d.digest = Digest::ofBytes(manifest);
        d.size = static_cast<std::int64_t>(manifest.size());
        d.platform = platformOf(image.image.config);
        if (image.tags.empty())
            manifests.push_back(d.toJson());
        for (const auto &tag : image.tags) {
            d.annotations = annotationsForTag(tag);
            manifests.push_back(d.toJson());
        }
    }
    Json index = Json::object();
    index["schemaVersion"] = 2;
    index["mediaType"] = media::kOciIndex;
    index["manifests"] = std::move(manifests);
    contents.addFile("index.json", index.dump());
    contents.addFile("oci-layout", R"({"imageLayoutVersion":")" + std::string(media::kOciLayoutVersion) + R"("})");
}

} // namespace strata::engine::image
