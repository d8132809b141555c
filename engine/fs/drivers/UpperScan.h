// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Copy-up as events. With overlayfs the kernel copies a file up the moment a
// process writes it, and tells no one; so after each command the engine
// compares the upper dir with what it reported last time (upper-state.json)
// and emits one event per new entry: CopiedUp (with the layer it came from
// and both hashes), WhiteoutCreated, OpaqueDirCreated, UpperPathAdded.
// Directories a copy-up created as parents are not events of their own.
// More than kBulkEventThreshold new entries: one UpperChangesSummarised.

#include "engine/fs/drivers/ContainerPaths.h"
#include "engine/fs/drivers/ExcludedPaths.h"
#include "engine/fs/drivers/UnionDriver.h"

namespace strata::engine::fs::drivers {

SyncResult scanUpperForNewChanges(const Lowers &lowers, const ContainerPaths &paths, layer::WhiteoutFormat format,
                                  const ExcludedPaths &excluded, events::EventBus &bus);

} // namespace strata::engine::fs::drivers
