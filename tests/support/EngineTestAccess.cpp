// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineTestAccess.h"

// The one include of the facade's private state outside engine/facade/.
#include "engine/facade/EngineState.h"

namespace strata::engine {

image::ImageStore &EngineTestAccess::images(Engine &engine)
{
    return engine.m_impl->images;
}

container::ContainerStore &EngineTestAccess::containers(Engine &engine)
{
    return engine.m_impl->containers;
}

} // namespace strata::engine
