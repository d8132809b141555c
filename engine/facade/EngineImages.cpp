// SPDX-License-Identifier: GPL-3.0-or-later
// The facade's image verbs that read the store: images, rmi, history,
// inspect, and the teaching views (layers, tree).
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/image/LayerHistory.h"
#include "engine/image/Reference.h"

#include <algorithm>
#include <set>

namespace strata::engine {
namespace {

std::int64_t createdSeconds(const std::string &rfc3339)
{
    auto t = timeutil::parseRfc3339(rfc3339);
    return t ? timeutil::toUnixSeconds(*t) : 0;
}

std::uint64_t imageSize(const image::ImageStore &store, const image::Image &img)
{
    std::uint64_t size = 0;
    for (const auto &l : store.layerChain(img))
        size += l.contentBytes;
    return size;
}

std::map<std::string, std::string> labelsOf(const image::ImageConfig &c)
{
    std::map<std::string, std::string> labels;
    if (auto it = c.config.find("Labels"); it != c.config.end() && it->is_object())
        for (const auto &[k, v] : it->items())
            if (v.is_string())
                labels[k] = v.get<std::string>();
    return labels;
}

std::set<Digest> parentsOfOthers(const std::vector<image::Image> &all)
{
    std::set<Digest> parents;
    for (const auto &img : all)
        if (!img.parent.empty())
            parents.insert(img.parent);
    return parents;
}

// Docker lists the history entries that made layers against the layers in
// order; empty_layer entries have none.
std::vector<std::string> createdByPerLayer(const image::ImageConfig &c, std::vector<std::string> *comments)
{
    std::vector<std::string> out;
    for (const auto &h : image::layerHistory(c)) {
        out.push_back(h.createdBy);
        if (comments)
            comments->push_back(h.comment);
    }
    return out;
}

// An image layer for the union view: it never changes, so its scan is kept
// beside it and read back by the next view (fs/LayerScan.h).
fs::LayerDir imageLayerDir(const image::ImageStore &store, const store::LayerRecord &layer)
{
    fs::LayerDir dir{store.layers().diffDir(layer.chainId), layer.whiteouts};
    dir.scanCache = store.layers().layerDir(layer.chainId) / "layer-scan";
    return dir;
}

} // namespace

std::vector<ImageSummary> Engine::images() const
{
    const auto all = m_impl->images.list();
    const std::set<Digest> parents = parentsOfOthers(all);
    std::map<std::string, int> used; // image id -> containers made from it
    for (const auto &c : m_impl->containers.list())
        ++used[c.image];
    std::vector<ImageSummary> out;
    for (const auto &img : all) {
        ImageSummary s;
        s.id = img.id;
        s.parent = img.parent;
        s.repoTags = img.tags;
        // Only digests a registry gave the image (pull, push): an image never
        // pushed has none, as in Docker.
        s.repoDigests = img.repoDigests;
        s.created = createdSeconds(img.config.created);
        try {
            s.size = imageSize(m_impl->images, img);
        } catch (const Error &) {
            continue; // a layer gone or damaged: skipped here, reported by `system check`
        }
        s.labels = labelsOf(img.config);
        s.containers = used[img.id.str()];
        s.intermediate = img.tags.empty() && parents.count(img.id);
        s.dangling = img.tags.empty() && !s.intermediate;
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.created != b.created ? a.created > b.created : a.id < b.id;
    });
    return out;
}

std::vector<RemovalLine> Engine::removeImage(const std::string &ref, bool force, bool prune)
{
    // Containers made from the image keep it; refreshed first (an --rm one that exited is gone).
    auto usersOf = [this](const Digest &id) {
        std::vector<image::ImageUser> users;
        for (container::Record c : m_impl->containers.list())
            if (c.image == id.str() && m_impl->refresh(c))
                users.push_back({c.shortId(), c.state.running()});
        return users;
    };
    return image::removeImage(m_impl->images, ref, force, prune, usersOf);
}

std::vector<HistoryRow> Engine::history(const std::string &ref) const
{
    const image::ImageStore &store = m_impl->images;
    const image::Image img = store.get(store.resolve(ref));
    const auto layers = store.layerChain(img);

    std::vector<HistoryRow> rows;
    std::size_t layerIndex = 0;
    for (const auto &h : img.config.history) {
        HistoryRow row;
        row.created = createdSeconds(h.created);
        row.createdBy = h.createdBy;
        row.comment = h.comment;
        row.emptyLayer = h.emptyLayer;
        if (!h.emptyLayer && layerIndex < layers.size())
            row.size = layers[layerIndex++].contentBytes;
        rows.push_back(row);
    }
    // Rows that end a local ancestor image carry its id, as Docker shows.
    Digest ancestor = img.id;
    while (!ancestor.empty() && store.index().find(ancestor)) {
        const image::Image a = store.get(ancestor);
        const std::size_t n = a.config.history.size();
        if (n > 0 && n <= rows.size())
            rows[n - 1].id = a.id.str();
        ancestor = a.parent;
    }
    if (!rows.empty())
        rows.back().id = img.id.str();
    std::reverse(rows.begin(), rows.end());
    return rows;
}

std::vector<LayerView> Engine::imageLayers(const std::string &ref) const
{
    const image::ImageStore &store = m_impl->images;
    const image::Image img = store.get(store.resolve(ref));
    const auto chain = store.layerChain(img);
    std::vector<fs::LayerDir> dirs;
    for (const auto &l : chain)
        dirs.push_back(imageLayerDir(store, l));
    const fs::UnionView view = fs::UnionView::build(dirs);
    std::vector<std::string> comments;
    const auto createdBy = createdByPerLayer(img.config, &comments);

    std::vector<LayerView> out;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        LayerView v;
        v.index = static_cast<int>(i);
        v.diffId = chain[i].diffId;
        v.chainId = chain[i].chainId;
        v.blob = chain[i].blob;
        v.size = chain[i].contentBytes;
        v.createdBy = i < createdBy.size() ? createdBy[i] : "";
        v.comment = i < comments.size() ? comments[i] : "";
        v.changes = view.changes()[i];
        out.push_back(std::move(v));
    }
    return out;
}

fs::UnionView Engine::imageTree(const std::string &ref, fs::ViewContents contents) const
{
    const image::ImageStore &store = m_impl->images;
    const image::Image img = store.get(store.resolve(ref));
    std::vector<fs::LayerDir> dirs;
    for (const auto &l : store.layerChain(img))
        dirs.push_back(imageLayerDir(store, l));
    return fs::UnionView::build(dirs, contents);
}

} // namespace strata::engine
