// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/LoadPlan.h"

#include "engine/Error.h"
#include "engine/image/ImageStore.h"

#include <algorithm>

namespace strata::engine::image {

void mergePlannedImage(std::vector<PlannedImage> &plans, PlannedImage image)
{
    auto same = std::find_if(plans.begin(), plans.end(), [&](const PlannedImage &p) { return p.id == image.id; });
    if (same == plans.end()) {
        plans.push_back(std::move(image));
        return;
    }
    for (auto &t : image.tags)
        if (std::find(same->tags.begin(), same->tags.end(), t) == same->tags.end())
            same->tags.push_back(std::move(t));
}

std::string archiveTag(const std::string &name, const std::string &where)
{
    try {
        return normaliseTag(name);
    } catch (const Error &e) {
        throw Error(ErrorCode::InvalidArchive, where + ": invalid image name \"" + name + "\": " + e.message());
    }
}

} // namespace strata::engine::image
