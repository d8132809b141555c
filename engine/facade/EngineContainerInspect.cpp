// SPDX-License-Identifier: GPL-3.0-or-later
// `container inspect` in Docker's JSON shape (API 1.41 ContainerJSON).
#include "engine/facade/EngineState.h"
#include "engine/container/ContainerInspect.h"

namespace strata::engine {

using container::Record;

image::Json Engine::inspectContainer(const std::string &ref)
{
    Impl &m = *m_impl;
    const Record r = m.loadFresh(ref);
    return container::inspectJson(r, m.containers.dir(r.id), [&] { return m.lowersOf(r); }, m.networkSettings(r));
}

} // namespace strata::engine
