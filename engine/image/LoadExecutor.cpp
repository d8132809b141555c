// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/LoadExecutor.h"

#include "engine/Error.h"
#include "engine/image/BlobCopy.h"

#include <algorithm>
#include <map>
#include <set>

namespace strata::engine::image {
namespace {

struct LayerJob {
    const PlannedImage *image = nullptr;
    std::size_t index = 0; // position in the image, bottom = 0
    Digest parentChain;
};

// Ingests one layer; errors name the image only when the archive has several.
store::LayerRecord ingest(ImageStore &store, layer::ByteSource &data, const LayerJob &job, bool several);

LayerIngest ingestSpec(const LayerJob &job)
{
    const PlannedLayer &layer = job.image->layers[job.index];
    LayerIngest what;
    what.mediaType = layer.mediaType;
    what.expectedBlob = layer.blob;
    what.expectedDiffId = layer.diffId;
    what.parentChain = job.parentChain;
    what.index = static_cast<int>(job.index);
    what.count = static_cast<int>(job.image->layers.size());
    what.deferDurability = true; // loadArchive syncs after its work (DeferredSyncScope)
    return what;
}

// Layers to ingest, grouped by the archive entry that holds them (in plan
// order within an entry). A chain id already in the store is skipped, as
// `docker load` does, unless the manifest we keep names a blob we lack.
std::map<std::string, std::vector<LayerJob>> layerJobs(const ImageStore &store, const std::vector<PlannedImage> &plans)
{
    std::map<std::string, std::vector<LayerJob>> jobs;
    std::set<Digest> planned;
    for (const auto &image : plans) {
        Digest parent;
        for (std::size_t i = 0; i < image.layers.size(); ++i) {
            const PlannedLayer &layer = image.layers[i];
            const Digest chain = store::chainIdOf(parent, layer.diffId);
            const bool have = store.layers().has(chain) && (!layer.blob || blobReadable(store, *layer.blob));
            if (!have && planned.insert(chain).second)
                jobs[layer.entry].push_back({&image, i, parent});
            parent = chain;
        }
    }
    return jobs;
}

std::vector<store::LayerRecord> chainOf(const ImageStore &store, const PlannedImage &image)
{
    std::vector<store::LayerRecord> records;
    Digest parent;
    for (const auto &layer : image.layers) {
        parent = store::chainIdOf(parent, layer.diffId);
        records.push_back(store.layers().get(parent));
    }
    return records;
}

store::LayerRecord ingest(ImageStore &store, layer::ByteSource &data, const LayerJob &job, bool several)
{
    if (!several)
        return store.ingestLayer(data, ingestSpec(job));
    return withErrorContext(job.image->where, [&] { return store.ingestLayer(data, ingestSpec(job)); });
}

} // namespace

std::vector<LoadedImage> executeLoad(ImageStore &store, ArchiveView &view, const std::vector<PlannedImage> &plans)
{
    const auto jobs = layerJobs(store, plans);
    const bool several = plans.size() > 1;
    std::set<std::string> entries;
    for (const auto &[entry, list] : jobs)
        entries.insert(entry);
    std::map<std::string, Digest> storedBlob; // entry -> the blob its bytes were stored as
    view.stream(entries, [&](const std::string &entry, layer::ByteSource &data) {
        const LayerJob &first = jobs.at(entry).front();
        storedBlob[entry] = ingest(store, data, first, several).blob;
    });
    for (const auto &[entry, list] : jobs) {
        for (std::size_t k = 1; k < list.size(); ++k) {
            auto again = openBlob(store, storedBlob.at(entry));
            ingest(store, *again, list[k], several);
        }
    }

    std::vector<LoadedImage> loaded;
    const store::ImageIndex before = store.index();
    for (const auto &image : plans) {
        Digest parent;
        const bool parentKnown = std::any_of(plans.begin(), plans.end(), [&](const auto &p) { return p.id == image.parent; });
        if (!image.parent.empty() && (parentKnown || before.find(image.parent)))
            parent = image.parent;
        const Digest id = store.registerImage(image.configBytes, chainOf(store, image), image.tags, parent,
                                              image.manifestBytes);
        store.bus().publish(events::EventKind::ImageLoaded, id.str(),
                            {{"name", image.tags.empty() ? std::string() : image.tags.front()},
                             {"tags", image.tags},
                             {"layers", image.layers.size()}});
        loaded.push_back({id, image.tags});
    }
    return loaded;
}

} // namespace strata::engine::image
