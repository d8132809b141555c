// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The images Strata makes itself, with no network: strata/busybox (a rootfs
// around the host's busybox-static) and strata/demo-web (three layers that
// show shadowing and a whiteout). Recipes are resources/baseimage/*.json,
// compiled in.

#include "engine/image/ImageStore.h"

#include <string>

namespace strata::engine::builtin {

enum class Seeding {
    FirstUse, // only for a root that never had them: a user's rmi sticks
    Restore,  // make any that are missing now (lessons that need them)
};

// Builds every built-in image whose name is not in the store yet.
// Throws NotFound (with a hint) when /bin/busybox is missing.
void ensureBuiltinImages(image::ImageStore &store, Seeding seeding = Seeding::FirstUse);

// Builds one image from a recipe (JSON text) and tags it; returns its id.
Digest buildFromRecipe(image::ImageStore &store, const std::string &recipeJson);

} // namespace strata::engine::builtin
