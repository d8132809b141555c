// SPDX-License-Identifier: GPL-3.0-or-later
// The facade's image verbs that read the store: images, rmi, history,
// inspect, and the teaching views (layers, tree).
#include "engine/EngineImpl.h"
#include "engine/Error.h"
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

std::string repoOf(const std::string &repoTag)
{
    return repoTag.substr(0, repoTag.rfind(':'));
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
    for (const auto &h : c.history) {
        if (!h.emptyLayer) {
            out.push_back(h.createdBy);
            if (comments)
                comments->push_back(h.comment);
        }
    }
    return out;
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
    image::ImageStore &store = m_impl->images;
    auto held = store.lock();
    const Digest id = store.resolve(ref);
    const image::Image img = store.get(id);
    std::vector<RemovalLine> lines;

    // By name: untag; the image goes only with its last tag.
    const bool byName = !(Digest::isValid(ref) || id.hex().rfind(ref, 0) == 0 ||
                          (ref.rfind("sha256:", 0) == 0 && id.hex().rfind(ref.substr(7), 0) == 0));

    // Containers made from it keep it (moby image_delete.go): a running one
    // always, a stopped one unless forced; forced, the image only loses its tags.
    bool usedByContainer = false;
    for (container::Record c : m_impl->containers.list()) {
        if (c.image != id.str() || !m_impl->refresh(c))
            continue;
        usedByContainer = true;
        const bool running = c.state.running();
        if (running && !(byName && img.tags.size() > 1))
            throw Error(ErrorCode::Conflict, "conflict: unable to delete " + id.shortHex() +
                                                 " (cannot be forced) - image is being used by running container " +
                                                 c.shortId());
        if (!running && !force && !(byName && img.tags.size() > 1)) {
            if (byName)
                throw Error(ErrorCode::Conflict, "conflict: unable to remove repository reference \"" + ref +
                                                     "\" (must force) - container " + c.shortId() +
                                                     " is using its referenced image " + id.shortHex());
            throw Error(ErrorCode::Conflict, "conflict: unable to delete " + id.shortHex() +
                                                 " (must be forced) - image is being used by stopped container " +
                                                 c.shortId());
        }
    }
    auto untagLine = [&](const std::string &t) {
        store.untag(t);
        lines.push_back({false, t});
    };
    auto undigestLine = [&](const std::string &d) {
        store.removeRepoDigest(d);
        lines.push_back({false, d});
    };
    if (byName) {
        const image::Reference r = image::Reference::parse(ref);
        std::string name = r.familiarName() + ":" + (r.tag.empty() ? "latest" : r.tag);
        if (!r.digest.empty()) {
            const std::string digestRef = r.familiarName() + "@" + r.digest;
            if (std::find(img.repoDigests.begin(), img.repoDigests.end(), digestRef) != img.repoDigests.end()) {
                // Just that reference, as Docker.
                undigestLine(digestRef);
            } else {
                // The manifest digest of an image that has no digest reference:
                // every tag of that repository on it.
                for (const auto &t : img.tags)
                    if (repoOf(t) == r.familiarName())
                        untagLine(t);
            }
        } else {
            untagLine(name);
            // moby: when a tag goes and only digest references of that
            // repository remain on the image, they go too.
            const image::Image now = store.get(id);
            const bool repoTagLeft = std::any_of(now.tags.begin(), now.tags.end(),
                                                 [&](const auto &t) { return repoOf(t) == r.familiarName(); });
            if (!repoTagLeft)
                for (const auto &d : now.repoDigests)
                    if (d.substr(0, d.find('@')) == r.familiarName())
                        undigestLine(d);
        }
        const image::Image now = store.get(id);
        if (!now.tags.empty() || !now.repoDigests.empty())
            return lines;
    } else if (img.tags.size() > 1 && !force) {
        throw Error(ErrorCode::Conflict, "conflict: unable to delete " + id.shortHex() +
                                             " (must be forced) - image is referenced in multiple repositories");
    } else {
        for (const auto &t : img.tags)
            untagLine(t);
        for (const auto &d : img.repoDigests)
            undigestLine(d);
    }

    if (usedByContainer)
        return lines; // untagged (when forced); the containers still need its layers

    // Children (images committed/built from this one) keep it alive.
    for (const auto &other : store.list()) {
        if (other.parent == id) {
            if (byName)
                return lines; // untagged; stays as an intermediate image
            throw Error(ErrorCode::Conflict, "conflict: unable to delete " + id.shortHex() +
                                                 " (cannot be forced) - image has dependent child images");
        }
    }
    Digest current = id;
    for (;;) {
        const Digest parent = store.get(current).parent;
        lines.push_back({true, current.str()});
        for (const auto &layer : store.deleteImage(current))
            lines.push_back({true, layer.str()});
        // Prune: an untagged parent with no other child goes too.
        if (!prune || parent.empty() || !store.index().find(parent))
            break;
        const image::Image p = store.get(parent);
        const auto all = store.list();
        const bool otherChild =
            std::any_of(all.begin(), all.end(), [&](const auto &o) { return o.parent == parent; });
        if (!p.tags.empty() || otherChild)
            break;
        current = parent;
    }
    return lines;
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
        dirs.push_back({store.layers().diffDir(l.chainId), l.whiteouts});
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

fs::UnionView Engine::imageTree(const std::string &ref) const
{
    const image::ImageStore &store = m_impl->images;
    const image::Image img = store.get(store.resolve(ref));
    std::vector<fs::LayerDir> dirs;
    for (const auto &l : store.layerChain(img))
        dirs.push_back({store.layers().diffDir(l.chainId), l.whiteouts});
    return fs::UnionView::build(dirs);
}

} // namespace strata::engine
