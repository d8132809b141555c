// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ImageRemoval.h"

#include "engine/Error.h"
#include "engine/image/Reference.h"

#include <algorithm>

namespace strata::engine::image {
namespace {

std::string repoOf(const std::string &repoTag)
{
    return repoTag.substr(0, repoTag.rfind(':'));
}

} // namespace

std::vector<RemovalLine> removeImage(ImageStore &store, const std::string &ref, bool force, bool prune,
                                     const std::function<std::vector<ImageUser>(const Digest &)> &usersOf)
{
    auto held = store.lock();
    const Digest id = store.resolve(ref);
    const Image img = store.get(id);
    std::vector<RemovalLine> lines;

    // By name: untag; the image goes only with its last tag.
    const bool byName = !(Digest::isValid(ref) || id.hex().rfind(ref, 0) == 0 ||
                          (ref.rfind("sha256:", 0) == 0 && id.hex().rfind(ref.substr(7), 0) == 0));

    // Containers made from it keep it (moby image_delete.go): a running one
    // always, a stopped one unless forced; forced, the image only loses its tags.
    bool usedByContainer = false;
    for (const ImageUser &c : usersOf(id)) {
        usedByContainer = true;
        const bool running = c.running;
        if (running && !(byName && img.tags.size() > 1))
            throw Error(ErrorCode::Conflict, "conflict: unable to delete " + id.shortHex() +
                                                 " (cannot be forced) - image is being used by running container " +
                                                 c.shortId);
        if (!running && !force && !(byName && img.tags.size() > 1)) {
            if (byName)
                throw Error(ErrorCode::Conflict, "conflict: unable to remove repository reference \"" + ref +
                                                     "\" (must force) - container " + c.shortId +
                                                     " is using its referenced image " + id.shortHex());
            throw Error(ErrorCode::Conflict, "conflict: unable to delete " + id.shortHex() +
                                                 " (must be forced) - image is being used by stopped container " +
                                                 c.shortId);
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
        const Reference r = Reference::parse(ref);
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
            const Image now = store.get(id);
            const bool repoTagLeft = std::any_of(now.tags.begin(), now.tags.end(),
                                                 [&](const auto &t) { return repoOf(t) == r.familiarName(); });
            if (!repoTagLeft)
                for (const auto &d : now.repoDigests)
                    if (d.substr(0, d.find('@')) == r.familiarName())
                        undigestLine(d);
        }
        const Image now = store.get(id);
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
        const Image p = store.get(parent);
        const auto all = store.list();
        const bool otherChild =
            std::any_of(all.begin(), all.end(), [&](const auto &o) { return o.parent == parent; });
        if (!p.tags.empty() || otherChild)
            break;
        current = parent;
    }
    return lines;
}

} // namespace strata::engine::image
