// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ImageStore.h"

#include "engine/Error.h"
#include "engine/image/LayerBlobKeeper.h"
#include "engine/image/MediaTypes.h"
#include "engine/image/Reference.h"
#include "engine/layer/LayerApplier.h"
#include "engine/util/FileVersion.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <unordered_map>
#include <unistd.h>

namespace strata::engine::image {
namespace {

bool isHexPrefix(const std::string &s)
{
    return !s.empty() && s.size() <= 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

[[noreturn]] void noSuchImage(const std::string &ref)
{
    throw Error(ErrorCode::NotFound, "No such image: " + ref);
}

std::string mediaTypeFor(layer::Compression c)
{
    switch (c) {
    case layer::Compression::Gzip: return std::string(media::kOciLayerGzip);
    case layer::Compression::Zstd: return std::string(media::kOciLayerZstd);
    case layer::Compression::None: break;
    }
    return std::string(media::kOciLayer);
}

} // namespace

std::string normaliseTag(const std::string &ref)
{
    const Reference r = Reference::parse(ref);
    if (!r.digest.empty())
        throw Error(ErrorCode::InvalidArgument, "refusing to create a tag with a digest reference");
    return r.familiarName() + ":" + (r.tag.empty() ? "latest" : r.tag);
}

// What this process has read of the store: images.json as of one version of
// the file (util/FileVersion.h), and the manifest and config of each image
// it was asked for: content-addressed blobs that never change for a given
// id and manifest digest.
struct ImageStore::Cache {
    struct Parsed {
        Digest manifestDigest;
        Manifest manifest;
        std::string configBytes;
        ImageConfig config;
    };
    std::mutex mutex;
    std::optional<util::FileVersion> indexVersion;
    store::ImageIndex index;
    std::map<Digest, std::shared_ptr<const Parsed>> images;
};

ImageStore::ImageStore(store::StoreLayout layout, events::EventBus &bus)
    : m_layout(std::move(layout)), m_blobs(m_layout), m_layers(m_layout), m_pending(m_layout.root()), m_bus(bus),
      m_cache(std::make_shared<Cache>())
{
}

std::unique_ptr<store::StoreLock> ImageStore::lock() const
{
    return std::make_unique<store::StoreLock>(m_layout.lockFile());
}

store::ImageIndex ImageStore::index() const
{
    const auto file = m_layout.imageIndexFile();
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        return store::ImageIndex::load(file); // missing (an empty index) or unreadable: load says which
    const auto version = util::FileVersion::of(st);
    {
        const std::lock_guard lock(m_cache->mutex);
        if (m_cache->indexVersion == version)
            return m_cache->index;
    }
    // Read after the stat: a newer file than `version` may be read and kept
    // under it, never an older one, so a later stat at worst reads it again.
    store::ImageIndex idx = store::ImageIndex::load(file);
    const std::lock_guard lock(m_cache->mutex);
    m_cache->indexVersion = version;
    m_cache->index = idx;
    return idx;
}

void ImageStore::saveIndex(const store::ImageIndex &index) const
{
    index.save(m_layout.imageIndexFile(), m_layout.tmpDir());
}

Digest ImageStore::resolve(const std::string &ref) const
{
    const store::ImageIndex idx = index();
    if (Digest::isValid(ref)) {
        const Digest id = Digest::parse(ref);
        if (idx.find(id))
            return id;
        noSuchImage(ref);
    }
    std::optional<Reference> parsed;
    try {
        parsed = Reference::parse(ref);
    } catch (const Error &) {
        if (!isHexPrefix(ref) && !(ref.rfind("sha256:", 0) == 0 && isHexPrefix(ref.substr(7))))
            throw;
    }
    if (parsed && !parsed->digest.empty()) {
        // name@digest: a digest reference from a registry, else the manifest
        // digest of an image carrying that name.
        if (auto it = idx.digestRefs().find(parsed->familiarName() + "@" + parsed->digest); it != idx.digestRefs().end())
            return it->second;
        for (const auto &[id, rec] : idx.images())
            if (rec.manifest.str() == parsed->digest)
                for (const auto &t : idx.tagsOf(id))
                    if (t.substr(0, t.rfind(':')) == parsed->familiarName())
                        return id;
        noSuchImage(ref);
    }
    if (parsed) {
        const std::string repoTag = parsed->familiarName() + ":" + (parsed->tag.empty() ? "latest" : parsed->tag);
        if (auto id = idx.resolveTag(repoTag))
            return *id;
    }
    // An id prefix, as Docker accepts "5cb" for "5cb4..." when it is unique.
    const std::string prefix = ref.rfind("sha256:", 0) == 0 ? ref.substr(7) : ref;
    if (isHexPrefix(prefix)) {
        std::vector<Digest> hits;
        for (const auto &[id, rec] : idx.images())
            if (id.hex().compare(0, prefix.size(), prefix) == 0)
                hits.push_back(id);
        if (hits.size() == 1)
            return hits.front();
        if (hits.size() > 1)
            throw Error(ErrorCode::InvalidArgument, "image id prefix \"" + ref + "\" is ambiguous: " +
                                                        std::to_string(hits.size()) + " images match");
    }
    noSuchImage(ref);
}

namespace {

// get() with images.json already read: list() reads it once, not once per
// image (1,000 images took 7.6 s of CPU re-reading it).
Image readImage(const store::BlobStore &blobs, const store::ImageIndex &idx, const Digest &id,
                std::vector<std::string> tags, std::vector<std::string> repoDigests)
{
    const store::ImageRecord *rec = idx.find(id);
    if (!rec)
        noSuchImage(id.str());
    Image img;
    img.id = id;
    img.manifestDigest = rec->manifest;
    img.parent = rec->parent;
    img.added = rec->added;
    img.tags = std::move(tags);
    img.repoDigests = std::move(repoDigests);
    img.manifest = Manifest::parse(blobs.read(rec->manifest), "manifest " + rec->manifest.str());
    img.configBytes = blobs.read(id);
    img.config = ImageConfig::parse(img.configBytes, "image config " + id.str());
    return img;
}

// The names (tags or repo digests) of every image, in one pass over the
// index and in the order tagsOf gives them: a listing asking tagsOf per
// image walked every tag once per image (1,000 x 1,000 for 1,000 tagged images).
std::unordered_map<Digest, std::vector<std::string>> namesById(const std::map<std::string, Digest> &names)
{
    std::unordered_map<Digest, std::vector<std::string>> out;
    for (const auto &[name, id] : names)
        out[id].push_back(name);
    return out;
}

std::vector<std::string> namesOf(const std::unordered_map<Digest, std::vector<std::string>> &byId, const Digest &id)
{
    const auto it = byId.find(id);
    return it == byId.end() ? std::vector<std::string>{} : it->second;
}

} // namespace

Image ImageStore::get(const Digest &id) const
{
    const store::ImageIndex idx = index();
    const store::ImageRecord *rec = idx.find(id);
    if (!rec)
        noSuchImage(id.str());
    std::shared_ptr<const Cache::Parsed> parsed;
    {
        const std::lock_guard lock(m_cache->mutex);
        if (auto it = m_cache->images.find(id); it != m_cache->images.end() && it->second->manifestDigest == rec->manifest)
            parsed = it->second;
    }
    if (!parsed) {
        const Image read = readImage(m_blobs, idx, id, {}, {});
        auto made = std::make_shared<Cache::Parsed>(Cache::Parsed{read.manifestDigest, read.manifest, read.configBytes,
                                                                  read.config});
        const std::lock_guard lock(m_cache->mutex);
        m_cache->images[id] = made;
        parsed = std::move(made);
    }
    Image img;
    img.id = id;
    img.manifestDigest = rec->manifest;
    img.parent = rec->parent;
    img.added = rec->added;
    img.tags = idx.tagsOf(id);
    img.repoDigests = idx.digestRefsOf(id);
    img.manifest = parsed->manifest;
    img.configBytes = parsed->configBytes;
    img.config = parsed->config;
    return img;
}

std::vector<Image> ImageStore::list(std::vector<std::string> *damaged) const
{
    std::vector<Image> out;
    // Keep the index alive for the loop: images() refers into it, and a
    // temporary in a range-for initialiser dies before the body runs.
    const store::ImageIndex idx = index();
    if (damaged)
        *damaged = idx.damaged();
    const auto tags = namesById(idx.tags());
    const auto repoDigests = namesById(idx.digestRefs());
    for (const auto &[id, rec] : idx.images()) {
        // One damaged image (a blob gone or corrupt) is skipped, never failing the whole store.
        try {
            out.push_back(readImage(m_blobs, idx, id, namesOf(tags, id), namesOf(repoDigests, id)));
        } catch (const Error &e) {
            if (damaged)
                damaged->push_back("image " + id.str() + ": " + e.what());
        }
    }
    return out;
}

std::vector<store::LayerRecord> ImageStore::layerChain(const Image &image) const
{
    std::vector<store::LayerRecord> chain;
    Digest parent;
    for (const auto &diffId : image.config.diffIds) {
        const Digest chainId = store::chainIdOf(parent, diffId);
        chain.push_back(m_layers.get(chainId));
        parent = chainId;
    }
    return chain;
}

store::LayerRecord ImageStore::ingestLayer(layer::ByteSource &source, const LayerIngest &what)
{
    auto held = lock();
    store::LayerStore::Staging staging = m_layers.stage();
    LayerBlobKeeper tee(source, m_blobs, staging.dir(), ::geteuid() == 0);

    layer::ApplyOptions options;
    options.mode = layer::ApplyMode::Diff;
    options.whiteouts = layer::WhiteoutFormat::OciMarkers;
    options.preserveOwnership = ::geteuid() == 0;
    options.preserveXattrs = ::geteuid() == 0;
    options.allowDevices = ::geteuid() == 0;
    options.payloads = &tee;
    // Only a layer synced before it is published gains from early writeback
    // (layer/WritebackPacer.h); a deferred one is the syncer's, after the command.
    options.startWriteback = !what.deferDurability;
    if (what.deferDurability)
        m_pending.watchWriteErrors();
    const std::string subject = what.expectedDiffId ? what.expectedDiffId->str() : "";
    m_bus.publish(events::EventKind::LayerExtractStarted, subject, {{"index", what.index}, {"count", what.count}});
    options.onProgress = [&](const layer::ApplyProgress &p) {
        m_bus.publish(events::EventKind::LayerProgress, subject,
                      {{"index", what.index}, {"files", p.entries}, {"bytes", p.bytes}});
    };
    options.onWhiteout = [&](const std::string &path, bool opaque) {
        m_bus.publish(opaque ? events::EventKind::OpaqueApplied : events::EventKind::WhiteoutApplied, subject,
                      {{"index", what.index}, {"path", path}});
    };
    const layer::ApplyResult r = withErrorContext("layer " + std::to_string(what.index + 1), [&] {
        return layer::applyLayer(tee, staging.diffDir(), options);
    });
    if (what.expectedDiffId && *what.expectedDiffId != r.diffId)
        throw Error(ErrorCode::DigestMismatch, "layer " + std::to_string(what.index + 1) + ": content hashes to diff_id " +
                                                   r.diffId.str() + ", the config says " + what.expectedDiffId->str());
    const Digest blobDigest = withErrorContext("layer " + std::to_string(what.index + 1), [&] {
        return tee.commit(r.blobDigest, what.expectedBlob);
    });
    m_bus.publish(events::EventKind::BlobVerified, blobDigest.str(), {{"size", r.blobSize}});

    store::LayerRecord rec;
    rec.chainId = store::chainIdOf(what.parentChain, r.diffId);
    rec.diffId = r.diffId;
    rec.parent = what.parentChain;
    rec.blob = blobDigest;
    rec.mediaType = what.mediaType.empty() ? mediaTypeFor(r.compression) : what.mediaType;
    rec.blobSize = r.blobSize;
    rec.tarSize = r.tarSize;
    rec.contentBytes = r.contentBytes;
    rec.entries = r.entries;
    rec.whiteouts = options.whiteouts;
    if (!staging.commit(rec, what.deferDurability ? &m_pending : nullptr)) {
        m_bus.publish(events::EventKind::LayerReused, r.diffId.str(),
                      {{"chain_id", rec.chainId.str()}, {"index", what.index}});
        return m_layers.get(rec.chainId);
    }
    m_bus.publish(events::EventKind::LayerExtracted, r.diffId.str(),
                  {{"chain_id", rec.chainId.str()},
                   {"index", what.index},
                   {"count", what.count},
                   {"files", r.entries},
                   {"bytes", r.contentBytes},
                   {"whiteouts", r.whiteouts + r.opaques},
                   {"compression", layer::toString(r.compression)}});
    return rec;
}

Digest ImageStore::registerImage(const std::string &configBytes, const std::vector<store::LayerRecord> &layers,
                                 const std::vector<std::string> &tags, const Digest &parent,
                                 std::optional<std::string> manifestBytes)
{
    auto held = lock();
    const ImageConfig config = ImageConfig::parse(configBytes, "image config");
    if (config.diffIds.size() != layers.size())
        throw Error(ErrorCode::InvalidArchive, "image config lists " + std::to_string(config.diffIds.size()) +
                                                   " layers, the manifest " + std::to_string(layers.size()));
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layers[i].diffId != config.diffIds[i])
            throw Error(ErrorCode::DigestMismatch, "layer " + std::to_string(i + 1) + " has diff_id " +
                                                       layers[i].diffId.str() + ", the config says " +
                                                       config.diffIds[i].str());
    const Digest id = m_blobs.put(configBytes);
    if (!manifestBytes) {
        Manifest m;
        m.mediaType = std::string(media::kOciManifest);
        m.config = {std::string(media::kOciConfig), id, static_cast<std::int64_t>(configBytes.size()), {}, {}};
        for (const auto &l : layers)
            m.layers.push_back({l.mediaType, l.blob, static_cast<std::int64_t>(l.blobSize), {}, {}});
        manifestBytes = m.toJson().dump();
    }
    const Digest manifest = m_blobs.put(*manifestBytes);

    store::ImageIndex idx = index();
    const bool existed = idx.find(id) != nullptr;
    store::ImageRecord rec = existed ? *idx.find(id) : store::ImageRecord{id, manifest, parent, timeutil::now()};
    if (!existed || rec.parent.empty())
        rec.parent = parent;
    idx.putImage(rec);
    for (const auto &t : tags)
        idx.setTag(normaliseTag(t), id);
    saveIndex(idx);
    for (const auto &t : tags)
        m_bus.publish(events::EventKind::RefAdded, id.str(), {{"name", normaliseTag(t)}});
    return id;
}

void ImageStore::tag(const Digest &id, const std::string &repoTag)
{
    auto held = lock();
    store::ImageIndex idx = index();
    if (!idx.find(id))
        noSuchImage(id.str());
    const std::string name = normaliseTag(repoTag);
    idx.setTag(name, id);
    saveIndex(idx);
    m_bus.publish(events::EventKind::ImageTagged, id.str(), {{"name", name}});
}

bool ImageStore::untag(const std::string &repoTag)
{
    auto held = lock();
    store::ImageIndex idx = index();
    const std::string name = normaliseTag(repoTag);
    const auto id = idx.resolveTag(name);
    if (!id)
        return false;
    idx.removeTag(name);
    saveIndex(idx);
    m_bus.publish(events::EventKind::ImageUntagged, id->str(), {{"name", name}});
    return true;
}

void ImageStore::addRepoDigest(const Digest &id, const std::string &repoDigest)
{
    auto held = lock();
    store::ImageIndex idx = index();
    if (!idx.find(id))
        noSuchImage(id.str());
    idx.setDigestRef(repoDigest, id);
    saveIndex(idx);
    m_bus.publish(events::EventKind::RefAdded, id.str(), {{"name", repoDigest}});
}

bool ImageStore::removeRepoDigest(const std::string &repoDigest)
{
    auto held = lock();
    store::ImageIndex idx = index();
    auto it = idx.digestRefs().find(repoDigest);
    if (it == idx.digestRefs().end())
        return false;
    const Digest id = it->second;
    idx.removeDigestRef(repoDigest);
    saveIndex(idx);
    m_bus.publish(events::EventKind::ImageUntagged, id.str(), {{"name", repoDigest}});
    return true;
}

std::vector<Digest> ImageStore::deleteImage(const Digest &id)
{
    auto held = lock();
    store::ImageIndex idx = index();
    if (!idx.find(id))
        noSuchImage(id.str());
    idx.removeImage(id);
    saveIndex(idx);
    m_bus.publish(events::EventKind::ImageDeleted, id.str());
    return garbageCollect();
}

std::vector<Digest> ImageStore::garbageCollect()
{
    auto held = lock();
    std::set<Digest> liveBlobs;
    std::set<Digest> liveLayers;
    std::vector<std::string> damaged;
    std::set<Digest> listed;
    for (const auto &img : list(&damaged)) {
        listed.insert(img.id);
        liveBlobs.insert(img.id);
        liveBlobs.insert(img.manifestDigest);
        for (const auto &l : img.manifest.layers)
            liveBlobs.insert(l.digest);
        try {
            for (const auto &l : layerChain(img)) {
                liveLayers.insert(l.chainId);
                liveBlobs.insert(l.blob);
            }
        } catch (const Error &e) {
            damaged.push_back(e.what());
        }
    }
    // Never remove what might still be used: with a damaged image (whose
    // layers cannot be named) or a container whose image is not listed, the
    // collection waits for `system check --repair`.
    if (m_pinned)
        for (const auto &id : m_pinned())
            if (!listed.count(id))
                damaged.push_back("a container's image " + id.str() + " is not in the store");
    if (!damaged.empty())
        return {};
    std::vector<store::LayerRecord> doomed;
    std::map<Digest, Digest> parentOf;
    for (auto &l : m_layers.list()) {
        parentOf[l.chainId] = l.parent;
        if (!liveLayers.count(l.chainId))
            doomed.push_back(std::move(l));
    }
    auto depth = [&](Digest d) {
        int n = 0;
        for (auto it = parentOf.find(d); it != parentOf.end() && !it->second.empty(); it = parentOf.find(it->second))
            ++n;
        return n;
    };
    // Top of a chain first, as Docker reports released layers.
    std::stable_sort(doomed.begin(), doomed.end(),
                     [&](const auto &a, const auto &b) { return depth(a.chainId) > depth(b.chainId); });
    std::vector<Digest> removed;
    for (const auto &l : doomed) {
        m_layers.remove(l.chainId);
        m_bus.publish(events::EventKind::LayerRemoved, l.chainId.str(), {{"diff_id", l.diffId.str()}});
        removed.push_back(l.chainId);
    }
    for (const auto &b : m_blobs.list()) {
        if (!liveBlobs.count(b)) {
            m_blobs.remove(b);
            m_bus.publish(events::EventKind::BlobRemoved, b.str());
        }
    }
    return removed;
}

} // namespace strata::engine::image
