// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The files of a host's image, layer by layer, for `image layers` and
// `image tree` against a host. Three ways, cheapest first:
//  1. every layer already in the LayerCache (and the config kept);
//  2. a local host (unix socket) whose overlay GraphDriver directories are
//     readable: its own layer directories, read in place;
//  3. `GET /images/{id}/get` (docker-save format) read as it streams in
//     (no spool): each entry that hashes to a missing diff_id is kept in
//     the cache as a tar, the one hashing to the image id is the config.
// Nothing is written to Strata's store.

#include "engine/image/OciTypes.h"
#include "engine/remote/ApiClient.h"
#include "engine/remote/LayerCache.h"

#include <vector>

namespace strata::engine::remote {

struct HostImageFiles {
    Digest id;
    image::ImageConfig config;
    std::vector<HostLayerDir> layers; // bottom to top, one per config.diffIds
    const char *source = "";          // "cache", "graphdriver" or "export" (tests, benchmarks)
};

// `allowLocalDirs` false skips way 2 (tests of the export path).
[[nodiscard]] HostImageFiles hostImageFiles(ApiClient &api, const std::string &ref, LayerCache &cache,
                                            bool allowLocalDirs = true);

} // namespace strata::engine::remote
