// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/registry/ImagePush.h"

#include "engine/Error.h"
#include "engine/image/BlobCopy.h"
#include "engine/image/MediaTypes.h"
#include "engine/image/Reference.h"
#include "engine/registry/RegistryClient.h"

#include <algorithm>
#include <map>

namespace strata::engine::registry {
namespace {

using image::Reference;

// Docker's default max-concurrent-uploads: layers beyond it are "Waiting".
constexpr std::size_t kConcurrentUploads = 5;

// An OCI manifest may not list Docker layer types (and the reverse): podman
// and containerd refuse the mix. Such a manifest is pushed as OCI.
bool consistent(const image::Manifest &m)
{
    const bool oci = m.mediaType.empty() || m.mediaType == image::media::kOciManifest;
    return std::all_of(m.layers.begin(), m.layers.end(), [&](const auto &l) {
        return oci == (l.mediaType.rfind("application/vnd.oci.", 0) == 0);
    });
}

std::string ociLayerType(const std::string &type)
{
    if (type == image::media::kDockerLayerGzip)
        return std::string(image::media::kOciLayerGzip);
    if (type == image::media::kDockerLayer)
        return std::string(image::media::kOciLayer);
    return type;
}

// Repositories of the same registry that hold `blob`, from the repo digests
// of the store's images.
std::vector<std::string> mountSources(const image::ImageStore &store, const Reference &target, const Digest &blob)
{
    std::vector<std::string> out;
    for (const auto &img : store.list()) {
        const bool has = std::any_of(img.manifest.layers.begin(), img.manifest.layers.end(),
                                     [&](const auto &l) { return l.digest == blob; });
        if (!has)
            continue;
        for (const auto &d : img.repoDigests) {
            const Reference r = Reference::parse(d);
            if (r.domain == target.domain && r.path() != target.path() &&
                std::find(out.begin(), out.end(), r.path()) == out.end())
                out.push_back(r.path());
        }
    }
    return out;
}

} // namespace

PushResult pushImage(image::ImageStore &store, const std::string &text, const ProgressSink &progress)
{
    const Reference ref = Reference::parse(text);
    if (ref.hasDigest())
        throw Error(ErrorCode::InvalidArgument, "cannot push a digest reference");
    const std::string repoTag = ref.familiarName() + ":" + ref.tag;
    Digest id;
    try {
        id = store.resolve(repoTag);
    } catch (const Error &e) {
        if (e.code() != ErrorCode::NotFound)
            throw;
        throw Error(ErrorCode::NotFound, "An image does not exist locally with the tag: " + ref.familiarName());
    }
    const image::Image img = store.get(id);
    // Layer states go as progress messages without counts (Docker's
    // progress.Update); the two whole-push lines as plain statuses.
    std::map<std::string, std::pair<Digest, int>> blobOf; // layer id -> blob, index
    std::map<std::string, Digest> diffIdOf;               // layer id -> diff_id (the scene's slab)
    auto say = [&](const std::string &layerId, const std::string &status) {
        if (progress)
            progress({layerId, status, 0, 0, !layerId.empty()});
        if (auto it = blobOf.find(layerId); it != blobOf.end())
            store.bus().publish(events::EventKind::LayerTransfer, it->second.first.str(),
                                {{"ref", ref.str()},
                                 {"layer", layerId},
                                 {"index", it->second.second},
                                 {"count", blobOf.size()},
                                 {"status", status},
                                 {"current", 0},
                                 {"total", 0},
                                 {"diff_id", diffIdOf[layerId].str()}});
    };
    say("", "The push refers to repository [" + ref.normalisedName() + "]");

    return withErrorContext(ref.normalisedStr(), [&] {
        RegistryClient client(ref.domain, ref.path(), true);
        std::string manifestBytes = store.blobs().read(img.manifestDigest);
        image::Manifest manifest = img.manifest;
        if (!consistent(manifest)) {
            manifest.mediaType = std::string(image::media::kOciManifest);
            manifest.config.mediaType = std::string(image::media::kOciConfig);
            for (auto &l : manifest.layers)
                l.mediaType = ociLayerType(l.mediaType);
            manifestBytes = manifest.toJson().dump();
        }
        const std::string manifestType =
            manifest.mediaType.empty() ? std::string(image::media::kOciManifest) : manifest.mediaType;

        // Docker lists the layers top first; ids are the diff_ids'.
        const auto chain = store.layerChain(img);
        std::vector<std::string> ids;
        for (const auto &l : chain) {
            ids.push_back(l.diffId.shortHex());
            diffIdOf[ids.back()] = l.diffId;
        }
        for (std::size_t i = 0; i < ids.size() && i < manifest.layers.size(); ++i)
            blobOf[ids[i]] = {manifest.layers[i].digest, static_cast<int>(i)};
        for (auto it = ids.rbegin(); it != ids.rend(); ++it)
            say(*it, "Preparing");
        for (std::size_t k = kConcurrentUploads; k < ids.size(); ++k)
            say(ids[ids.size() - 1 - k], "Waiting");

        for (std::size_t i = manifest.layers.size(); i-- > 0;) {
            const auto &blob = manifest.layers[i];
            const std::string &lid = ids.at(i);
            if (client.hasBlob(blob.digest)) {
                say(lid, "Layer already exists");
                continue;
            }
            bool mounted = false;
            for (const auto &from : mountSources(store, ref, blob.digest)) {
                if (client.mountBlob(blob.digest, from)) {
                    say(lid, "Mounted from " + from);
                    mounted = true;
                    break;
                }
            }
            if (mounted)
                continue;
            const auto total = static_cast<std::uint64_t>(blob.size);
            const image::BlobFile file(store, blob.digest); // a tar-split layer is rebuilt for the upload
            client.uploadBlob(blob.digest, file.path(), [&](std::uint64_t n) {
                if (progress)
                    progress({lid, "Pushing", n, total, true});
            });
            say(lid, "Pushed");
        }
        if (!client.hasBlob(manifest.config.digest))
            client.uploadBlob(manifest.config.digest, store.blobs().pathFor(manifest.config.digest), {});
        client.putManifest(ref.tag, manifestBytes, manifestType);

        PushResult result;
        result.tag = ref.tag;
        result.digest = Digest::ofBytes(manifestBytes).str();
        result.size = manifestBytes.size();
        {
            auto held = store.lock();
            if (!store.blobs().has(Digest::ofBytes(manifestBytes)))
                store.blobs().put(manifestBytes);
            store.addRepoDigest(id, ref.familiarName() + "@" + result.digest);
        }
        store.bus().publish(events::EventKind::ImagePushed, id.str(),
                            {{"name", ref.str()}, {"digest", result.digest}, {"registry", ref.domain},
                             {"size", result.size}});
        say("", result.tag + ": digest: " + result.digest + " size: " + std::to_string(result.size));
        return result;
    });
}

} // namespace strata::engine::registry
