// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/OciLayout.h"

#include "engine/Error.h"
#include "engine/image/MediaTypes.h"
#include "engine/image/OciAnnotations.h"
#include "engine/image/OciPlatform.h"

namespace strata::engine::image {
namespace {

constexpr const char *kIndexFile = "index.json";
constexpr const char *kLayoutFile = "oci-layout";
constexpr int kMaxIndexDepth = 4;

[[noreturn]] void invalid(const std::string &where, const std::string &what)
{
    throw Error(ErrorCode::InvalidArchive, where + ": " + what);
}

std::string blobPath(const Digest &d)
{
    return "blobs/sha256/" + d.hex();
}

// The blob's entry, present and of the size the descriptor promises.
ArchiveEntryInfo blobEntry(const ArchiveView &view, const Descriptor &d, const std::string &where)
{
    const auto entry = view.resolve(blobPath(d.digest));
    if (!entry)
        invalid(where, "blob " + d.digest.str() + " is missing from the archive");
    if (entry->size != d.size)
        invalid(where, "blob " + d.digest.str() + " is " + std::to_string(entry->size) + " bytes, its descriptor says " +
                           std::to_string(d.size));
    return *entry;
}

std::string readBlob(ArchiveView &view, const Descriptor &d, const std::string &where)
{
    blobEntry(view, d, where);
    std::string bytes = view.read(blobPath(d.digest));
    if (const Digest actual = Digest::ofBytes(bytes); actual != d.digest)
        throw Error(ErrorCode::DigestMismatch, where + ": blob " + d.digest.str() + " hashes to " + actual.str());
    return bytes;
}

void checkLayoutFile(ArchiveView &view)
{
    if (!view.resolve(kLayoutFile))
        invalid(kLayoutFile, "missing from the archive (image-layout.md requires it)");
    const Json j = parseJson(view.read(kLayoutFile), kLayoutFile);
    auto it = j.is_object() ? j.find("imageLayoutVersion") : j.end();
    if (!j.is_object() || it == j.end() || !it->is_string())
        invalid(kLayoutFile, "\"imageLayoutVersion\" must be a string");
    const std::string version = it->get<std::string>();
    if (version.rfind("1.", 0) != 0)
        throw Error(ErrorCode::Unsupported, std::string(kLayoutFile) + ": image layout version \"" + version +
                                                "\" is not supported (1.x is)");
}

Descriptor selectManifest(ArchiveView &view, const Descriptor &d, const std::string &where, int depth)
{
    if (media::isManifest(d.mediaType))
        return d;
    if (!media::isIndex(d.mediaType))
        throw Error(ErrorCode::Unsupported, where + ": unsupported media type \"" + d.mediaType + "\"");
    if (depth >= kMaxIndexDepth)
        invalid(where, "image indexes nested too deeply");
    const std::string here = where + ": index " + d.digest.str();
    const Index index = Index::parse(readBlob(view, d, where), here);
    std::vector<const Descriptor *> candidates;
    for (const auto &m : index.manifests)
        if ((media::isManifest(m.mediaType) || media::isIndex(m.mediaType)) &&
            !(m.platform && isAttestationPlatform(*m.platform)))
            candidates.push_back(&m);
    if (candidates.empty())
        invalid(here, "lists no image manifests");
    for (const Descriptor *c : candidates)
        if (c->platform && matchesHost(*c->platform))
            return selectManifest(view, *c, here, depth + 1);
    if (candidates.size() == 1)
        return selectManifest(view, *candidates.front(), here, depth + 1);
    std::string offered;
    for (const Descriptor *c : candidates)
        offered += (offered.empty() ? "" : ", ") + platformString(c->platform.value_or(Json()));
    throw Error(ErrorCode::NotFound, here + ": no image for " + hostPlatformString() + " (it has " + offered + ")");
}

PlannedLayer planLayer(const ArchiveView &view, const Descriptor &d, const Digest &diffId, const std::string &where)
{
    if (!media::isLayer(d.mediaType))
        throw Error(ErrorCode::Unsupported, where + ": unsupported layer media type \"" + d.mediaType + "\"");
    PlannedLayer layer;
    layer.entry = blobEntry(view, d, where).path;
    layer.diffId = diffId;
    layer.blob = d.digest;
    layer.mediaType = d.mediaType;
    return layer;
}

PlannedImage planManifest(ArchiveView &view, const Descriptor &md, const std::string &where)
{
    PlannedImage image;
    image.where = where;
    std::string bytes = readBlob(view, md, where);
    const Manifest manifest = Manifest::parse(bytes, where + ": manifest " + md.digest.str());
    image.configBytes = readBlob(view, manifest.config, where + ": config");
    image.id = manifest.config.digest;
    image.config = ImageConfig::parse(image.configBytes, where + ": config " + image.id.str());
    if (image.config.diffIds.size() != manifest.layers.size())
        invalid(where, "the config lists " + std::to_string(image.config.diffIds.size()) + " layers, the manifest " +
                           std::to_string(manifest.layers.size()));
    for (std::size_t i = 0; i < manifest.layers.size(); ++i)
        image.layers.push_back(planLayer(view, manifest.layers[i], image.config.diffIds[i],
                                         where + ": layer " + std::to_string(i + 1)));
    image.manifestBytes = std::move(bytes);
    return image;
}

} // namespace

std::vector<PlannedImage> planOciLayout(ArchiveView &view)
{
    checkLayoutFile(view);
    if (!view.resolve(kIndexFile))
        invalid(kIndexFile, "missing from the archive");
    const Index index = Index::parse(view.read(kIndexFile), kIndexFile);
    if (index.manifests.empty())
        invalid(kIndexFile, "lists no images");
    std::vector<PlannedImage> plans;
    for (std::size_t i = 0; i < index.manifests.size(); ++i) {
        const Descriptor &entry = index.manifests[i];
        const std::string where = std::string(kIndexFile) + ": manifest " + std::to_string(i + 1);
        PlannedImage image = planManifest(view, selectManifest(view, entry, where, 0), where);
        if (auto name = imageNameFromAnnotations(entry.annotations))
            image.tags.push_back(archiveTag(*name, where));
        mergePlannedImage(plans, std::move(image));
    }
    return plans;
}

} // namespace strata::engine::image
