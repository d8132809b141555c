// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerFs.h"

#include "engine/Error.h"

namespace strata::engine::container {

MountedUnion::MountedUnion(const ContainerFs &container) : m_container(container)
{
    if (!container.driver)
        throw Error(ErrorCode::Internal, "container " + container.id + " has no union driver");
    if (!container.driver->isMounted(container.dir)) {
        m_root = container.driver->mount(container.lowers, container.dir).mergedDir;
        m_mountedHere = true;
    } else {
        m_root = container.merged();
    }
}

MountedUnion::~MountedUnion()
{
    if (!m_mountedHere)
        return;
    try {
        m_container.driver->unmount(m_container.dir);
    } catch (...) {
        // The next mount() or removeLayer() takes it down; a destructor must not throw.
    }
}

} // namespace strata::engine::container
