// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Engine.h"

#include "engine/Error.h"
#include "engine/facade/EngineState.h"
#include "engine/builtin/BuiltinImages.h"
#include "engine/fs/DriverProbe.h"
#include "engine/image/ImageStore.h"
#include "engine/network/UserModeNetwork.h"

#include <sys/utsname.h>
#include <unistd.h>

namespace strata::engine {

Engine::Engine(EngineOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Engine::~Engine() = default;

Engine::Impl::Impl(EngineOptions o)
    : options(std::move(o)),
      layout(options.root.empty() ? store::StoreLayout::defaultRoot() : options.root),
      images((layout.create(), layout), bus),
      containers(layout.containersDir(), layout.tmpDir(), layout.stagingLockFile())
{
    if (options.journal) {
        journal = std::make_unique<events::Journal>(layout.journalDir());
        bus.subscribe([j = journal.get()](const events::Event &e) { j->append(e); });
    }
    // GC keeps what any container is made from.
    images.setPinnedImagesQuery([this] {
        std::vector<Digest> ids;
        for (const auto &r : containers.list())
            if (Digest::isValid(r.image))
                ids.push_back(Digest::parse(r.image));
        return ids;
    });
    // A volume is in use while any container (running or not) mounts it.
    volumes.setUsersQuery([this](const std::string &name) {
        std::vector<std::string> ids;
        for (const auto &r : containers.list())
            for (const auto &mp : r.mounts)
                if (mp.type == "volume" && mp.name == name) {
                    ids.push_back(r.id);
                    break;
                }
        return ids;
    });
    if (!endpoints.empty())
        releaseStaleEndpoints();
    if (!staging.lostLayers().empty())
        dropLostLayers();
}

events::EventBus &Engine::events()
{
    return m_impl->bus;
}

void Engine::setStepGate(events::StepGate *gate)
{
    m_impl->gate = gate;
}

const std::filesystem::path &Engine::root() const
{
    return m_impl->layout.root();
}

EngineInfo Engine::info() const
{
    EngineInfo info;
    info.root = root().string();
    const fs::DriverChoice driver = fs::chooseDriver(m_impl->options.driver, m_impl->layout.tmpDir());
    info.driver = driver.name;
    info.driverReason = driver.reason;
    info.rootless = ::geteuid() != 0;
    try {
        const runtime::RuntimeCapabilities caps = runtime::capabilities();
        info.runtimeMode = caps.mode;
        info.rootless = caps.mode == "rootless";
        info.runtimeNotes = caps.notes;
    } catch (const Error &e) {
        info.runtimeMode = "unsupported";
        info.runtimeNotes = {e.what()};
    }
    const network::NetworkModeInfo net = network::hostNetworkMode(info.rootless);
    info.networkMode = net.mode;
    info.networkReason = net.why;
    for (const auto &c : m_impl->containers.list()) {
        ++info.containers;
        if (c.state.status == container::Status::Paused)
            ++info.containersPaused;
        else if (c.state.status == container::Status::Running)
            ++info.containersRunning;
        else
            ++info.containersStopped;
    }
    info.images = static_cast<int>(m_impl->images.index().images().size());
    struct utsname u {};
    if (::uname(&u) == 0) {
        info.kernel = u.release;
        info.os = u.sysname;
        info.architecture = u.machine;
    }
    info.version = STRATA_VERSION;
    return info;
}

Digest Engine::resolveImage(const std::string &ref) const
{
    return m_impl->images.resolve(ref);
}

void Engine::ensureBuiltinImages(bool restore)
{
    builtin::ensureBuiltinImages(m_impl->images, restore ? builtin::Seeding::Restore : builtin::Seeding::FirstUse);
}

void Engine::tag(const std::string &source, const std::string &target)
{
    const Digest id = m_impl->images.resolve(source);
    m_impl->images.tag(id, target);
}

} // namespace strata::engine
