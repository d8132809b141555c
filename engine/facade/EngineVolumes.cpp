// SPDX-License-Identifier: GPL-3.0-or-later
// `volume create|ls|inspect|rm|prune`: the facade over volume::VolumeStore.
#include "engine/facade/EngineState.h"

namespace strata::engine {

std::string Engine::createVolume(const VolumeCreateOptions &options)
{
    volume::CreateVolumeRequest request;
    request.name = options.name;
    request.driver = options.driver;
    // `docker volume create` sends empty maps, so inspect shows {} (not null).
    request.labels = options.labels;
    request.options = std::map<std::string, std::string>{};
    return m_impl->volumes.create(request).name;
}

std::vector<VolumeSummary> Engine::volumes() const
{
    std::vector<VolumeSummary> out;
    for (const auto &v : m_impl->volumes.list()) {
        VolumeSummary s;
        s.name = v.name;
        s.driver = v.driver;
        s.mountpoint = v.mountpoint.string();
        s.labels = v.labels.value_or(std::map<std::string, std::string>{});
        s.anonymous = v.anonymous;
        s.usedBy = m_impl->volumes.users(v.name);
        out.push_back(std::move(s));
    }
    return out;
}

image::Json Engine::inspectVolume(const std::string &name) const
{
    return m_impl->volumes.get(name).toInspect();
}

void Engine::removeVolume(const std::string &name, bool force)
{
    m_impl->volumes.remove(name, force);
}

VolumePruneReport Engine::pruneVolumes()
{
    const volume::PruneResult r = m_impl->volumes.prune();
    return {r.removed, r.reclaimedBytes};
}

} // namespace strata::engine
