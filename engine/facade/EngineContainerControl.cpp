// SPDX-License-Identifier: GPL-3.0-or-later
// The facade's verbs that change a container's state after it started:
// stop, kill, restart, pause, unpause, rm, wait, rename.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/container/Signals.h"

#include <csignal>
#include <thread>

namespace strata::engine {

using container::Record;
using container::Status;
using container::Verb;

namespace {

constexpr int kDefaultStopTimeout = 10; // seconds, Docker's default

} // namespace

void Engine::stopContainer(const std::string &ref, std::optional<int> timeout)
{
    Impl &m = *m_impl;
    Record r = m.loadFresh(ref);
    if (!r.state.running())
        return; // Docker: stopping a stopped container succeeds and does nothing
    {
        // Not held through the wait below: `kill` must get through while stop waits.
        const auto lifecycle = m.lockContainer(r.id);
        m.markManuallyStopped(r.id);
    }
    m.stopProcess(r, timeout);
}

void Engine::Impl::markManuallyStopped(const std::string &id)
{
    auto held = images.lock();
    Record r = containers.load(id);
    r.hasBeenManuallyStopped = true;
    containers.save(r);
}

void Engine::Impl::stopProcess(Record &record, std::optional<int> timeout)
{
    const int t = timeout.value_or(kDefaultStopTimeout);
    (void)runtime::stop(containers.dir(record.id), std::chrono::seconds(t < 0 ? 0 : t));
    (void)refresh(record);
}

void Engine::killContainer(const std::string &ref, const std::string &signal)
{
    Impl &m = *m_impl;
    const int sig = container::parseSignal(signal.empty() ? "KILL" : signal);
    const auto lifecycle = m.lockContainer(ref);
    Record r = m.loadFresh(ref);
    container::checkTransition(r.state, Verb::Kill, r.id, ref);
    const auto dir = m.containers.dir(r.id);
    runtime::signal(dir, sig);
    if (sig == SIGKILL) {
        // Docker's kill waits for a SIGKILLed container to be gone.
        (void)runtime::waitExit(dir, std::chrono::seconds(10));
    }
    (void)m.refresh(r);
}

void Engine::restartContainer(const std::string &ref, std::optional<int> timeout)
{
    Impl &m = *m_impl;
    // One lock for the whole verb, held through the stop's wait too (unlike
    // `stop`): nothing else may start or remove it between its steps.
    const auto lifecycle = m.lockContainer(ref);
    Record r = m.loadFresh(ref);
    container::checkTransition(r.state, Verb::Restart, r.id, ref);
    if (r.state.status == Status::Paused)
        (void)m.setFrozenHeld(r.id, false);
    r = m.loadFresh(r.id);
    if (r.state.running()) {
        m.markManuallyStopped(r.id);
        m.stopProcess(r, timeout);
    }
    m.startHeld(r.id, {});
}

runtime::FreezeResult Engine::Impl::setFrozen(const std::string &ref, bool frozen)
{
    const auto lifecycle = lockContainer(ref);
    return setFrozenHeld(ref, frozen);
}

runtime::FreezeResult Engine::Impl::setFrozenHeld(const std::string &ref, bool frozen)
{
    Record r = loadFresh(ref);
    container::checkTransition(r.state, frozen ? Verb::Pause : Verb::Unpause, r.id, ref);
    const auto dir = containers.dir(r.id);
    const runtime::FreezeResult res = frozen ? runtime::freeze(dir) : runtime::thaw(dir);
    auto held = images.lock();
    r = containers.load(r.id);
    setStatus(r, frozen ? Status::Paused : Status::Running);
    return res;
}

runtime::FreezeResult Engine::pauseContainer(const std::string &ref)
{
    return m_impl->setFrozen(ref, true);
}

runtime::FreezeResult Engine::unpauseContainer(const std::string &ref)
{
    return m_impl->setFrozen(ref, false);
}

void Engine::removeContainer(const std::string &ref, bool force, bool removeVolumes)
{
    Impl &m = *m_impl;
    const auto lifecycle = m.lockContainer(ref);
    Record r = m.loadFresh(ref);
    const auto dir = m.containers.dir(r.id);
    const bool stepping = m.gate != nullptr;
    const int count = 3;
    if (force) {
        container::checkTransition(r.state, Verb::ForceRemove, r.id, ref);
        if (r.state.running()) {
            runtime::signal(dir, SIGKILL);
            (void)runtime::waitExit(dir, std::chrono::seconds(10));
            if (!m.refresh(r))
                return; // it was --rm: already gone
        }
    } else {
        container::checkTransition(r.state, Verb::Remove, r.id, ref);
    }
    m.step("rm", "stopped", "the container is not running (status " + std::string(container::toString(r.state.status)) + ")",
           0, count);
    auto held = m.images.lock();
    r = m.containers.load(r.id);
    if (stepping) {
        m.driverFor(r).unmount(dir);
        m.step("rm", "unmount-union", "the union at " + (dir / "merged").string() + " is unmounted", 1, count);
    }
    m.destroy(r, removeVolumes);
    m.step("rm", "remove-layer", "deleted the read-write layer, the init layer and " + dir.string(), 2, count);
}

int Engine::waitContainer(const std::string &ref)
{
    Impl &m = *m_impl;
    Record r = m.loadFresh(ref);
    if (r.state.running()) {
        const auto st = runtime::waitExit(m.containers.dir(r.id), std::chrono::milliseconds(-1));
        const int code = st ? st->exitCode : r.state.exitCode;
        if (!m.refresh(r))
            return code; // --rm: the record is gone, the code is the shim's
    }
    return r.state.exitCode;
}

void Engine::renameContainer(const std::string &ref, const std::string &newName)
{
    Impl &m = *m_impl;
    auto held = m.images.lock();
    Record r = m.loadFresh(ref);
    container::checkTransition(r.state, Verb::Rename, r.id, ref);
    const std::string wanted = newName.empty() || newName[0] != '/' ? "/" + newName : newName;
    if (wanted == r.name)
        throw Error(ErrorCode::InvalidArgument,
                    "Renaming a container with the same name as its current name");
    try {
        m.containers.checkName(wanted, r.id);
    } catch (Error &e) {
        if (e.code() == ErrorCode::Conflict)
            e.withContext("Error when allocating new name");
        throw;
    }
    const std::string old = r.plainName();
    r.name = wanted;
    m.containers.save(r);
    m.bus.publish(events::EventKind::ContainerRenamed, r.id, {{"name", r.plainName()}, {"oldName", old}});
}

} // namespace strata::engine
