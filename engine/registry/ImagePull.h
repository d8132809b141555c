// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `docker pull`: an image from a registry into the store.
//
// The manifest (through an index, for the requested or the host's
// platform) and the config come first; layers whose chain id the store
// holds are "Already exists"; the rest download in parallel (three at a
// time, as Docker) to temporary files, each verified by digest, retried
// and resumed on transient failures, and are unpacked in order as soon as
// they and the layers below are there, through ImageStore::ingestLayer
// (which checks each diff_id against the config). The image is registered
// with the tag (or the digest reference) and its repo digest.
//
// Atomic: the pull holds the store lock inside a StoreTransaction, so a
// failure at any point leaves the store as it was. Errors name the
// reference, the registry and what went wrong.

#include "engine/image/ImageStore.h"
#include "engine/registry/Transfer.h"

namespace strata::engine::registry {

PullResult pullImage(image::ImageStore &store, const PullRequest &request, const ProgressSink &progress);

} // namespace strata::engine::registry
