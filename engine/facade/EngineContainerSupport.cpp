// SPDX-License-Identifier: GPL-3.0-or-later
// What every container verb leans on: the union driver of a container, its
// lowers, reconciling the record with what the shim recorded, removal, and
// the step gate.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/container/InitLayer.h"

namespace strata::engine {

namespace drv = fs::drivers;
using container::Record;
using container::Status;

drv::UnionDriver &Engine::Impl::driver(const std::string &name)
{
    const std::string wanted = name.empty() ? options.driver : name;
    if (auto alias = m_byName.find(wanted); alias != m_byName.end())
        return *alias->second;
    auto it = m_drivers.find(wanted);
    if (it == m_drivers.end()) {
        auto d = drv::makeDriver(wanted, {&bus, layout.tmpDir(), layout.layersDir() / "l"});
        drv::UnionDriver &made = *d;
        it = m_drivers.emplace(wanted, std::move(d)).first;
        // The probed default also answers to its name: one probe per process.
        if (wanted.empty() && !m_drivers.count(made.name()))
            m_byName[made.name()] = &made;
    }
    return *it->second;
}

drv::UnionDriver &Engine::Impl::driverFor(const Record &record)
{
    return driver(record.driver);
}

drv::Lowers Engine::Impl::lowersOf(const Record &record) const
{
    const image::Image img = images.get(Digest::parse(record.image));
    drv::Lowers lowers;
    for (const auto &l : images.layerChain(img))
        lowers.push_back({images.layers().diffDir(l.chainId), l.whiteouts, l.chainId.str()});
    lowers.push_back({container::initFiles(containers.dir(record.id)).layerDir, layer::WhiteoutFormat::OciMarkers,
                      record.id + "-init"});
    return lowers;
}

std::vector<std::string> Engine::Impl::excludedPaths(const Record &record)
{
    std::vector<std::string> out;
    for (const auto &m : record.mounts)
        out.push_back(m.destination);
    return out;
}

void Engine::Impl::setStatus(Record &record, Status to, bool save)
{
    const Status from = record.state.status;
    record.state.status = to;
    if (save)
        containers.save(record);
    if (from != to)
        bus.publish(events::EventKind::ContainerStateChanged, record.id,
                    {{"name", record.plainName()}, {"from", container::toString(from)}, {"to", container::toString(to)}});
}

bool Engine::Impl::refresh(Record &record)
{
    const auto live = [](Status s) { return s == Status::Running || s == Status::Paused || s == Status::Restarting; };
    if (record.state.status == Status::Removing && container::ContainerLock::idle(containers.dir(record.id))) {
        // Every rm holds the lifecycle lock: `removing` with nobody holding
        // it was abandoned (a crash, kill -9). Docker calls that dead, and
        // rm -f finishes it.
        auto held = images.lock();
        if (!containers.exists(record.id))
            return false;
        record = containers.load(record.id);
        if (record.state.status == Status::Removing) {
            record.state.error = "removal was interrupted; strata rm -f finishes it";
            setStatus(record, Status::Dead);
        }
        return true;
    }
    if (!live(record.state.status))
        return true;
    const auto dir = containers.dir(record.id);
    runtime::ShimState st;
    try {
        st = runtime::readState(dir);
    } catch (const Error &e) {
        // Missing, or unreadable: shim-state.json is written without fsync
        // (fsutil::writeFileReplace), so only a power loss can spoil it, and
        // then no shim survived either.
        if (e.code() != ErrorCode::NotFound && e.code() != ErrorCode::Internal)
            throw;
        st.status = runtime::ShimStatus::Exited;
        st.exitCode = 255; // the bundle lost its state: the container cannot be running
    }
    if (!st.finished()) {
        const Status want = st.paused ? Status::Paused : Status::Running;
        if (want != record.state.status && st.status == runtime::ShimStatus::Running) {
            auto held = images.lock();
            setStatus(record, want);
        }
        return true;
    }

    // It exited since the record was written: record how, once, under the lock.
    auto held = images.lock();
    if (!containers.exists(record.id))
        return false;
    record = containers.load(record.id);
    if (!live(record.state.status))
        return true;
    record.state.exitCode = st.exitCode;
    record.state.finishedAt = st.finishedAt.empty() ? timeutil::formatRfc3339Nano(timeutil::now()) : st.finishedAt;
    record.state.pid = 0;
    record.state.error = st.status == runtime::ShimStatus::Failed ? st.error : "";
    drv::UnionDriver &d = driverFor(record);
    std::filesystem::path mountedUnion; // --rm: the deletion takes it down (no wait for the kernel here)
    try {
        const auto lowers = lowersOf(record);
        d.sync(lowers, dir, excludedPaths(record));
        if (record.hostConfig.autoRemove)
            mountedUnion = d.releaseForRemoval(dir);
        else
            d.unmount(dir);
    } catch (const Error &) {
        // The layer stays as it is; a later start mounts it again.
    }
    releaseNetworks(record.id); // veths, addresses, published ports (EngineNetworks.cpp)
    bus.publish(events::EventKind::ProcessExited, record.id,
                {{"name", record.plainName()}, {"exitCode", st.exitCode}, {"signal", st.signal}});
    if (record.hostConfig.autoRemove) {
        // No record write for two transitions: Exited and Removing are
        // announced, and the directory is renamed into staging right after
        // (a crash before that leaves the running record, whose exit the
        // next refresh records and removes again, as here).
        setStatus(record, Status::Exited, false);
        destroy(record, true, mountedUnion, false); // --rm takes the anonymous volumes too
        return false;
    }
    setStatus(record, Status::Exited);
    return true;
}

container::ContainerLock Engine::Impl::lockContainer(const std::string &ref)
{
    return container::ContainerLock(containers.dir(containers.resolve(ref)));
}

Record Engine::Impl::loadFresh(const std::string &ref)
{
    Record r = containers.load(containers.resolve(ref));
    if (!refresh(r))
        throw Error(ErrorCode::NotFound, "No such container: " + ref);
    return r;
}

void Engine::Impl::destroy(Record &record, bool removeVolumes, const std::filesystem::path &mountedUnion,
                           bool recordRemoving)
{
    setStatus(record, Status::Removing, recordRemoving);
    releaseNetworks(record.id);
    try {
        // removeLayer unmounts first and refuses to delete through a union
        // that stays mounted, so `rm -f` never leaves merged/ mounted; a
        // union left to the deletion is unmounted by it, just as strictly.
        if (mountedUnion.empty())
            driverFor(record).removeLayer(containers.dir(record.id));
        containers.removeDir(record.id, mountedUnion);
    } catch (Error &e) {
        record.state.error = e.what();
        setStatus(record, Status::Dead);
        throw;
    }
    bus.publish(events::EventKind::ContainerRemoved, record.id, {{"name", record.plainName()}});
    if (!removeVolumes)
        return;
    for (const auto &mp : record.mounts) {
        if (mp.type != "volume" || !mp.anonymous)
            continue;
        try {
            volumes.remove(mp.name, true);
        } catch (const Error &e) {
            // Still mounted by another container (--volumes-from): Docker keeps it.
            if (e.code() != ErrorCode::Conflict)
                throw;
        }
    }
}

void Engine::Impl::step(const std::string &operation, const std::string &name, const std::string &description,
                        int index, int count)
{
    bus.publish(events::EventKind::StepReached, operation,
                {{"phase", name}, {"description", description}, {"index", index}, {"count", count}});
    if (gate)
        gate->reach({operation, name, description, index, count});
}

} // namespace strata::engine
