// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writing the docker-archive format as `docker save` 20.10 lays it out
// (moby image/tarexport/save.go), which every `docker load` and `podman
// load` reads:
//
//   <v1-id>/VERSION       "1.0"
//   <v1-id>/json          the legacy v1 image JSON of this layer
//   <v1-id>/layer.tar     the layer, uncompressed (its sha256 is the diff_id);
//                         a symlink "../<other>/layer.tar" when the same
//                         diff_id was already written under another id
//   <config-hex>.json     the image config, byte for byte
//   manifest.json         [{"Config","RepoTags","Layers"[,"Parent"]}]
//   repositories          {"repo":{"tag":"<top v1-id>"}}, when anything is tagged
//
// v1 ids are computed as Docker does (image/v1 CreateID): the sha256 of the
// layer's v1 JSON plus "layer_id" (its chain id) and "parent" (the previous
// v1 id); lower layers carry only created = epoch, so images sharing a base
// share its directory and it is written once.

#include "engine/image/ArchiveContents.h"
#include "engine/image/SaveSet.h"

#include <vector>

namespace strata::engine::image {

void addDockerArchive(ArchiveContents &contents, const ImageStore &store, const std::vector<SavedImage> &images);

} // namespace strata::engine::image
