// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The files Docker's init layer provides (/etc/hostname, /etc/hosts,
// /etc/resolv.conf): they belong to the container's set-up, not to what the
// container did, so `docker diff` never lists them and `docker commit` never
// carries them. Whether the runtime writes them into the read-write layer or
// keeps them in a layer of their own, these filters give Docker's answer.

#include "engine/fs/drivers/UnionDriver.h"
#include "engine/layer/Change.h"

#include <string>
#include <vector>

namespace strata::engine::container {

// Relative paths: "etc/hostname", "etc/hosts", "etc/resolv.conf".
[[nodiscard]] const std::vector<std::string> &initLayerPaths();

// Removes the init-layer files, and a directory change that was listed only
// because one of them lies beneath it: a "C /etc" with nothing else changed
// under /etc. (A container that only chmod-ed /etc loses that line too; the
// price of not knowing where the runtime put the files.)
[[nodiscard]] std::vector<fs::drivers::ContainerChange> withoutInitFiles(std::vector<fs::drivers::ContainerChange> changes);
[[nodiscard]] layer::ChangeSet withoutInitFiles(layer::ChangeSet changes);

} // namespace strata::engine::container
