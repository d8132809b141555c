// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/StoreCheck.h"

#include "engine/Error.h"
#include "engine/image/BlobCopy.h"
#include "engine/image/ImageStore.h"
#include "engine/layer/TarSplit.h"
#include "engine/util/Fs.h"

#include <nlohmann/json.hpp>

#include <set>
#include <vector>

namespace strata::engine::image {
namespace {

namespace stdfs = std::filesystem;

void checkBlobs(ImageStore &store, bool repair, StoreCheckReport &report, std::set<Digest> &good)
{
    for (const Digest &d : store.blobs().list()) {
        ++report.blobs;
        try {
            store.blobs().verify(d);
            good.insert(d);
        } catch (const Error &e) {
            if (!repair) {
                report.problems.push_back(e.what());
                continue;
            }
            store.blobs().remove(d);
            report.repaired.push_back(std::string(e.what()) + ": removed");
        }
    }
}

// What is wrong with one layer directory, "" when it checks out.
std::string layerProblem(const ImageStore &store, const std::string &hex, const std::set<Digest> &goodLayers)
{
    const Digest chainId = Digest::fromHex(hex);
    store::LayerRecord rec;
    try {
        rec = store.layers().get(chainId);
    } catch (const Error &e) {
        return e.what();
    }
    if (rec.chainId != chainId)
        return "layer " + chainId.str() + ": its record names " + rec.chainId.str();
    if (store::chainIdOf(rec.parent, rec.diffId) != chainId)
        return "layer " + chainId.str() + ": chain id does not follow from parent " + rec.parent.str() +
               " and diff id " + rec.diffId.str();
    if (!rec.parent.empty() && !goodLayers.count(rec.parent))
        return "layer " + chainId.str() + ": parent layer " + rec.parent.str() + " is missing or damaged";
    std::error_code ec;
    if (!stdfs::is_directory(store.layers().diffDir(chainId), ec))
        return "layer " + chainId.str() + ": its diff directory is missing";
    if (keepsTarSplit(store, rec)) {
        // The blob is rebuilt from the tree: the files must still hold it.
        try {
            auto in = layer::openTarSplit(store.layers().layerDir(chainId));
            Sha256 hash;
            std::vector<char> buffer(1 << 20);
            while (const std::size_t n = in->read(buffer.data(), buffer.size()))
                hash.update(buffer.data(), n);
            if (const Digest actual = hash.finish(); actual != rec.blob)
                return "layer " + chainId.str() + ": its tar-split rebuilds " + actual.str() + ", not blob " +
                       rec.blob.str();
        } catch (const Error &e) {
            return "layer " + chainId.str() + ": " + e.what();
        }
    }
    return {};
}

void checkLayers(ImageStore &store, bool repair, StoreCheckReport &report, std::set<Digest> &good,
                 std::set<Digest> &goodBlobs)
{
    // Every directory under layers/ that names a layer, bottom layers first
    // (a parent is judged before its children), to a fixed point.
    std::vector<std::string> hexes;
    std::error_code ec;
    const stdfs::path dir = store.layout().layersDir();
    for (const auto &e : stdfs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (Digest::isValid("sha256:" + name))
            hexes.push_back(name);
    }
    report.layers = static_cast<int>(hexes.size());
    std::set<std::string> pending(hexes.begin(), hexes.end());
    for (bool progress = true; progress && !pending.empty();) {
        progress = false;
        for (auto it = pending.begin(); it != pending.end();) {
            const std::string problem = layerProblem(store, *it, good);
            if (problem.empty()) {
                good.insert(Digest::fromHex(*it));
                if (const auto rec = store.layers().get(Digest::fromHex(*it)); keepsTarSplit(store, rec))
                    goodBlobs.insert(rec.blob);
                it = pending.erase(it);
                progress = true;
            } else {
                ++it;
            }
        }
    }
    for (const auto &hex : pending) {
        const std::string problem = layerProblem(store, hex, good);
        if (!repair) {
            report.problems.push_back(problem);
            continue;
        }
        store.layers().remove(Digest::fromHex(hex));
        report.repaired.push_back(problem + ": removed");
    }
}

// What is wrong with one image, "" when whole.
std::string imageProblem(const ImageStore &store, const Digest &id, const std::set<Digest> &goodBlobs,
                         const std::set<Digest> &goodLayers)
{
    Image img;
    try {
        img = store.get(id);
    } catch (const Error &e) {
        return "image " + id.str() + ": " + e.what();
    }
    for (const auto &l : img.manifest.layers)
        if (!goodBlobs.count(l.digest))
            return "image " + id.str() + ": layer blob " + l.digest.str() + " is missing or damaged";
    Digest parent;
    for (const auto &diffId : img.config.diffIds) {
        parent = store::chainIdOf(parent, diffId);
        if (!goodLayers.count(parent))
            return "image " + id.str() + ": layer " + parent.str() + " is missing or damaged";
    }
    return {};
}

} // namespace

void checkImageStore(ImageStore &store, bool repair, StoreCheckReport &report)
{
    auto held = store.lock();
    std::set<Digest> goodBlobs, goodLayers;
    checkBlobs(store, repair, report, goodBlobs);
    checkLayers(store, repair, report, goodLayers, goodBlobs);

    store::ImageIndex index;
    try {
        index = store.index();
    } catch (const Error &e) {
        report.problems.push_back(std::string(e.what()) + " (no image can be listed; not repairable)");
        return;
    }
    bool rewrite = false;
    for (const auto &line : index.damaged()) {
        if (repair) {
            report.repaired.push_back(line + ": dropped from the index");
            rewrite = true;
        } else {
            report.problems.push_back(line);
        }
    }
    std::vector<Digest> ids;
    for (const auto &[id, rec] : index.images())
        ids.push_back(id);
    report.images = static_cast<int>(ids.size());
    for (const Digest &id : ids) {
        const std::string problem = imageProblem(store, id, goodBlobs, goodLayers);
        if (problem.empty())
            continue;
        if (!repair) {
            report.problems.push_back(problem);
            continue;
        }
        index.removeImage(id);
        rewrite = true;
        report.repaired.push_back(problem + ": image removed");
    }
    std::vector<std::string> strayTags;
    for (const auto &[tag, id] : index.tags())
        if (!index.find(id))
            strayTags.push_back(tag);
    for (const auto &tag : strayTags) {
        const std::string line = "tag " + tag + " points at an image that is not in the store";
        if (!repair) {
            report.problems.push_back(line);
            continue;
        }
        index.removeTag(tag);
        rewrite = true;
        report.repaired.push_back(line + ": removed");
    }
    if (rewrite)
        index.save(store.layout().imageIndexFile(), store.layout().tmpDir());
}

} // namespace strata::engine::image
