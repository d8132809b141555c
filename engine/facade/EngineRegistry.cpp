// SPDX-License-Identifier: GPL-3.0-or-later
// The facade's registry verbs.
#include "engine/facade/EngineState.h"
#include "engine/registry/ImagePull.h"
#include "engine/registry/ImagePush.h"

namespace strata::engine {

registry::PullResult Engine::pull(const registry::PullRequest &request, const registry::ProgressSink &progress)
{
    return registry::pullImage(m_impl->images, request, progress);
}

registry::PushResult Engine::push(const std::string &ref, const registry::ProgressSink &progress)
{
    return registry::pushImage(m_impl->images, ref, progress);
}

} // namespace strata::engine
