// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/SaveSet.h"

#include "engine/Error.h"
#include "engine/image/Reference.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace strata::engine::image {
namespace {

using Association = std::pair<Digest, std::string>; // image, tag ("" = by id)

std::vector<Association> associationsOf(const ImageStore &store, const store::ImageIndex &index, const std::string &ref)
{
    std::optional<Reference> parsed;
    // "sha256:<hex>" is an id (Docker's ParseAnyReference), though it would
    // also parse as the name "sha256" with a tag.
    if (ref.rfind("sha256:", 0) != 0) {
        try {
            parsed = Reference::parse(ref, false);
        } catch (const Error &) {
            // not a name: an id or a prefix; resolve() says what is wrong
        }
    }
    if (parsed && !parsed->hasTag() && !parsed->hasDigest()) {
        std::vector<Association> all;
        for (const auto &[tag, id] : index.tags())
            if (tag.substr(0, tag.rfind(':')) == parsed->familiarName())
                all.emplace_back(id, tag);
        if (!all.empty())
            return all;
    }
    const Digest id = store.resolve(ref);
    if (parsed && parsed->hasTag() && !parsed->hasDigest())
        return {{id, parsed->familiarName() + ":" + parsed->tag}};
    return {{id, std::string()}};
}

SavedImage describe(const ImageStore &store, const Digest &id)
{
    SavedImage saved;
    saved.image = store.get(id);
    saved.layers = store.layerChain(saved.image);
    if (auto t = timeutil::parseRfc3339(saved.image.config.created))
        saved.created = std::max<std::int64_t>(0, timeutil::toUnixSeconds(*t));
    return saved;
}

} // namespace

std::vector<SavedImage> resolveSaveSet(const ImageStore &store, const std::vector<std::string> &refs)
{
    const store::ImageIndex index = store.index();
    std::vector<SavedImage> out;
    for (const auto &ref : refs) {
        for (const auto &[id, tag] : associationsOf(store, index, ref)) {
            auto it = std::find_if(out.begin(), out.end(), [&id = id](const SavedImage &s) { return s.image.id == id; });
            if (it == out.end())
                it = out.insert(out.end(), describe(store, id));
            if (!tag.empty() && std::find(it->tags.begin(), it->tags.end(), tag) == it->tags.end())
                it->tags.push_back(tag);
        }
    }
    return out;
}

} // namespace strata::engine::image
