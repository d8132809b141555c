// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `rmi`: untagging and deleting an image with Docker's rules (moby's
// image_delete.go): by name only the name goes (the image with its last
// name); containers made from it keep it (a running one always, a stopped
// one unless forced); children keep it; prune takes untagged parents along.

#include "engine/image/ImageStore.h"

#include <functional>
#include <string>
#include <vector>

namespace strata::engine::image {

// One line of `rmi` output: "Untagged: x" or "Deleted: sha256:…".
struct RemovalLine {
    bool deleted = false;
    std::string what;
};

// A container made from the image (the image module knows no containers).
struct ImageUser {
    std::string shortId;
    bool running = false;
};

// usersOf(id): the containers made from image id, now.
[[nodiscard]] std::vector<RemovalLine> removeImage(ImageStore &store, const std::string &ref, bool force, bool prune,
                                                   const std::function<std::vector<ImageUser>(const Digest &)> &usersOf);

} // namespace strata::engine::image
