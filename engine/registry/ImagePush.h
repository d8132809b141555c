// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `docker push NAME[:TAG]`: a tagged image's layers, config and manifest to
// its registry. Blobs the registry has are "Layer already exists"; blobs
// another repository of the same registry is known (by a repo digest) to
// hold are mounted from there when the registry allows ("Mounted from
// library/busybox"); the rest upload. The manifest pushed is the one the
// store keeps, so the digest the registry answers is the image's own; the
// image then records that repo digest.

#include "engine/image/ImageStore.h"
#include "engine/registry/Transfer.h"

namespace strata::engine::registry {

PushResult pushImage(image::ImageStore &store, const std::string &ref, const ProgressSink &progress);

} // namespace strata::engine::registry
