// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerDiff.h"

#include "engine/Error.h"
#include "engine/container/InitLayerPaths.h"

namespace strata::engine::container {

std::vector<fs::drivers::ContainerChange> diffContainer(const ContainerFs &container)
{
    if (!container.driver)
        throw Error(ErrorCode::Internal, "container " + container.id + " has no union driver");
    return withoutInitFiles(container.driver->changes(container.lowers, container.dir, container.mounts));
}

std::string formatChange(const fs::drivers::ContainerChange &change)
{
    return std::string(1, layer::changeLetter(change.change.kind)) + " /" + change.change.path;
}

} // namespace strata::engine::container
