// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/LostLayers.h"

#include "engine/Error.h"
#include "engine/image/ImageStore.h"

namespace strata::engine::image {

LostLayerDrop planLostLayerDrop(const ImageStore &store, const std::vector<Digest> &lost)
{
    LostLayerDrop drop;
    drop.layers.insert(lost.begin(), lost.end());
    const std::vector<store::LayerRecord> all = store.layers().list();
    for (bool grew = true; grew;) { // every layer above a doomed one, to a fixed point
        grew = false;
        for (const auto &l : all)
            if (!l.parent.empty() && drop.layers.count(l.parent) && drop.layers.insert(l.chainId).second)
                grew = true;
    }
    const store::ImageIndex index = store.index();
    for (const auto &[id, rec] : index.images()) {
        ImageConfig config;
        try {
            config = ImageConfig::parse(store.blobs().read(id), "image config " + id.str());
        } catch (const Error &) {
            continue; // a damaged image: `system check` reports it
        }
        Digest chain;
        for (const auto &diffId : config.diffIds) {
            chain = store::chainIdOf(chain, diffId);
            if (!drop.layers.count(chain))
                continue;
            LostLayerDrop::DroppedImage img{id, index.tagsOf(id), chain};
            for (auto &d : index.digestRefsOf(id))
                img.names.push_back(std::move(d));
            drop.images.push_back(std::move(img));
            break;
        }
    }
    return drop;
}

void dropLostLayers(ImageStore &store, const LostLayerDrop &drop)
{
    auto held = store.lock();
    if (!drop.images.empty()) {
        store::ImageIndex index = store.index();
        for (const auto &img : drop.images)
            index.removeImage(img.id);
        index.save(store.layout().imageIndexFile(), store.layout().tmpDir());
        for (const auto &img : drop.images)
            store.bus().publish(events::EventKind::ImageDeleted, img.id.str(), {{"reason", "lost-layer"}});
    }
    for (const auto &chainId : drop.layers) {
        if (!std::filesystem::exists(store.layers().layerDir(chainId)))
            continue;
        store.layers().remove(chainId);
        store.bus().publish(events::EventKind::LayerRemoved, chainId.str(), {{"reason", "lost-layer"}});
    }
    store.garbageCollect();
}

std::string describeDroppedImage(const LostLayerDrop::DroppedImage &image)
{
    std::string names;
    for (const auto &n : image.names)
        names += (names.empty() ? "" : ", ") + n;
    const std::string shortId = image.id.str().substr(0, 7 + 12);
    return names.empty() ? shortId : names + " (" + shortId + ")";
}

} // namespace strata::engine::image
