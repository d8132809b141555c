// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Images in the store: blobs + unpacked layers + the index, behind one class
// that resolves names the way Docker does and keeps the three consistent.
// Every mutating call takes the store lock itself; callers that need several
// calls to be one transaction hold lock() around them (it is re-entrant).

#include "engine/events/EventBus.h"
#include "engine/image/OciTypes.h"
#include "engine/layer/ByteStream.h"
#include "engine/store/BlobStore.h"
#include "engine/store/ImageIndex.h"
#include "engine/store/LayerStore.h"
#include "engine/store/PendingSync.h"
#include "engine/store/StoreLayout.h"
#include "engine/store/StoreLock.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::image {

struct Image {
    Digest id;                 // config digest
    Digest manifestDigest;
    Manifest manifest;
    ImageConfig config;
    std::string configBytes;   // exactly as stored (hashes to id)
    std::vector<std::string> tags; // familiar "repo:tag", sorted
    std::vector<std::string> repoDigests; // familiar "repo@sha256:…" from registries, sorted
    Digest parent;
    timeutil::TimePoint added{};
};

struct LayerIngest {
    std::string mediaType;              // of the blob as it will be stored
    std::optional<Digest> expectedBlob; // from a manifest: verified
    std::optional<Digest> expectedDiffId; // from the config: verified
    Digest parentChain;                 // chain id of the layer below
    int index = 0;                      // for events: position and count
    int count = 1;
    // load, pull, import: published before its data is on the disk, an
    // entry in pending-sync/ standing for it (store/PendingSync.h) until the
    // syncer that syncDeferred() starts has synced the file system.
    bool deferDurability = false;
};

class ImageStore {
public:
    ImageStore(store::StoreLayout layout, events::EventBus &bus);

    [[nodiscard]] const store::StoreLayout &layout() const { return m_layout; }
    [[nodiscard]] store::BlobStore &blobs() { return m_blobs; }
    [[nodiscard]] const store::BlobStore &blobs() const { return m_blobs; }
    [[nodiscard]] store::LayerStore &layers() { return m_layers; }
    [[nodiscard]] const store::LayerStore &layers() const { return m_layers; }
    [[nodiscard]] events::EventBus &bus() const { return m_bus; }

    [[nodiscard]] std::unique_ptr<store::StoreLock> lock() const;
    [[nodiscard]] store::ImageIndex index() const;

    // Resolves "name[:tag]", "name@sha256:…" (a manifest digest of a tagged
    // image), "sha256:<id>", a full id or a unique id prefix. Throws
    // NotFound "No such image: <ref>" or InvalidArgument for a malformed
    // reference / an ambiguous prefix.
    [[nodiscard]] Digest resolve(const std::string &ref) const;
    [[nodiscard]] Image get(const Digest &id) const;
    // Every readable image; `damaged` (if given) gets one line per image
    // record that could not be read and was skipped.
    [[nodiscard]] std::vector<Image> list(std::vector<std::string> *damaged = nullptr) const;
    // Images containers are made from (set by the engine): GC keeps them.
    void setPinnedImagesQuery(std::function<std::vector<Digest>()> query) { m_pinned = std::move(query); }
    // The image's layers bottom to top (NotFound if one is missing).
    [[nodiscard]] std::vector<store::LayerRecord> layerChain(const Image &image) const;

    // Streams one layer blob in: stores the blob and unpacks it, in one pass,
    // verifying expected digests. Reuses an existing layer with the same
    // chain id (the bytes are still read and verified).
    store::LayerRecord ingestLayer(layer::ByteSource &source, const LayerIngest &what);
    // Starts the detached syncer for the layers ingested with
    // deferDurability so far, without waiting for it (also at destruction).
    void syncDeferred() noexcept { m_pending.detach(); }

    // Stores config + manifest for layers already in the store and registers
    // the image with `tags` (familiar "repo:tag"; a tag moved away from
    // another image leaves that one dangling). Returns the image id.
    Digest registerImage(const std::string &configBytes, const std::vector<store::LayerRecord> &layers,
                         const std::vector<std::string> &tags, const Digest &parent = {},
                         std::optional<std::string> manifestBytes = std::nullopt);

    // Points a tag at an image (Docker's `tag`). Emits ImageTagged.
    void tag(const Digest &id, const std::string &repoTag);
    // Removes one tag; returns true if it existed. Emits ImageUntagged.
    bool untag(const std::string &repoTag);
    // Records that a registry knows the image as "repo@sha256:<manifest>"
    // (pull, push). Emits RefAdded.
    void addRepoDigest(const Digest &id, const std::string &repoDigest);
    // Removes one digest reference; true if it existed. Emits ImageUntagged.
    bool removeRepoDigest(const std::string &repoDigest);
    // Deletes the image record (tags included) and garbage-collects blobs and
    // layers no image references any more. Emits ImageDeleted. Returns the
    // chain ids of the layers that went with it (Docker prints them).
    std::vector<Digest> deleteImage(const Digest &id);
    // Removes blobs and layers referenced by no image; returns the chain ids
    // of the removed layers.
    std::vector<Digest> garbageCollect();

private:
    void saveIndex(const store::ImageIndex &index) const;
    // images.json and each image's manifest + config parsed once per process
    // (ImageStoreCache.h): `run` asks for them five times.
    struct Cache;


    store::StoreLayout m_layout;
    store::BlobStore m_blobs;
    store::LayerStore m_layers;
    store::PendingSync m_pending;
    events::EventBus &m_bus;
    std::function<std::vector<Digest>()> m_pinned;
    std::shared_ptr<Cache> m_cache;
};

// syncDeferred() at scope exit, whatever happened: a verb that ingests
// layers with deferDurability holds one for its work.
class DeferredSyncScope {
public:
    explicit DeferredSyncScope(ImageStore &store) : m_store(store) {}
    ~DeferredSyncScope() { m_store.syncDeferred(); }
    DeferredSyncScope(const DeferredSyncScope &) = delete;
    DeferredSyncScope &operator=(const DeferredSyncScope &) = delete;

private:
    ImageStore &m_store;
};

// "busybox" -> "busybox:latest"; keeps a given tag; rejects digests and
// malformed names (InvalidArgument, Docker's wording).
[[nodiscard]] std::string normaliseTag(const std::string &ref);

} // namespace strata::engine::image
