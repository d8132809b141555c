// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading a container layer as changes: for `docker diff` (Docker's overlay2
// listing rules, see UnionDriver::changes) and for commit (the whole layer
// as a change set for layer::writeLayer).

#include "engine/fs/drivers/ExcludedPaths.h"
#include "engine/fs/drivers/UnionDriver.h"

#include <filesystem>
#include <vector>

namespace strata::engine::fs::drivers {

[[nodiscard]] std::vector<ContainerChange> dockerDiff(const Lowers &lowers, const std::filesystem::path &upper,
                                                      layer::WhiteoutFormat format, const ExcludedPaths &excluded);

[[nodiscard]] layer::ChangeSet layerChangeSet(const Lowers &lowers, const std::filesystem::path &upper,
                                              layer::WhiteoutFormat format, const ExcludedPaths &excluded);

} // namespace strata::engine::fs::drivers
