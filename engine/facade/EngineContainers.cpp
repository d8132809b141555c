// SPDX-License-Identifier: GPL-3.0-or-later
// The facade's container verbs that make and start containers: create,
// start, ps, and looking one up.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/container/InitLayer.h"
#include "engine/container/NewContainer.h"
#include "engine/container/StartSpec.h"
#include "engine/security/DevicePolicy.h"
#include "engine/volume/MountSetup.h"

#include <cstdlib>
#include <unistd.h>

namespace strata::engine {

using container::Record;
using container::Status;

namespace {

// Phases of create (and of the first part of run), then of start: the
// union mount and the runtime's (runtime/Phases.h).
constexpr int kCreatePhases = static_cast<int>(runtime::kCreatePhaseCount);
constexpr int kStartPhases = static_cast<int>(runtime::kRunPhases.size()) - kCreatePhases;

std::string phaseName(std::size_t index)
{
    return std::string(runtime::kRunPhases[index].name);
}

std::string joinCommand(const Record &r)
{
    std::string c = r.path;
    for (const auto &a : r.args)
        c += " " + a;
    return c;
}

} // namespace

Engine::Impl::NewContainer Engine::Impl::planContainer(const ContainerCreateOptions &o)
{
    Impl &m = *this;
    const Digest imageId = m.images.resolve(o.image);
    const image::Image img = m.images.get(imageId);
    const std::string network = o.network.empty() ? "default" : o.network;
    const volume::ParsedMountFlags mountRequests = volume::parseMountFlags(o.mountFlags);

    NewContainer n;
    Record &r = n.record;
    {
        auto held = m.images.lock();
        if (!o.name.empty())
            m.containers.checkName(o.name);
        r.id = m.containers.newId();
        r.name = "/" + (o.name.empty() ? m.containers.newName() : o.name);
        // The name is checked again under the lock of the final save.
    }
    r.created = timeutil::formatRfc3339Nano(timeutil::now());
    r.image = imageId.str();
    r.driver = m.driver().name();
    container::applyCreateOptions(r, o, img.config.config, network);
    m.planNetworking(o, img.config.config, r); // --network, -p, -P, --ip, --network-alias (EngineNetworks.cpp)

    // Last of the checks, first of the things made: volumes (undone by the caller on failure).
    volume::MountPlanContext mctx;
    mctx.volumes = &m.volumes;
    mctx.containerMounts = [&m](const std::string &ref) { return m.containers.load(m.containers.resolve(ref)).mounts; };
    mctx.imageVolumes = r.config.volumes;
    n.planned = volume::planMounts(mountRequests, mctx);
    r.mounts = n.planned.points;
    r.hostConfig.binds = n.planned.binds;
    r.hostConfig.mounts = n.planned.mounts;
    r.hostConfig.tmpfs = n.planned.tmpfs;
    r.hostConfig.volumesFrom = n.planned.volumesFrom;
    r.config.volumes = n.planned.configVolumes;
    return n;
}

// The container's directory, layer and init layer, then its record: all
// undone (with the planned volumes) when a step fails.
void Engine::Impl::makeContainer(const NewContainer &n, const std::string &operation)
{
    Impl &m = *this;
    const Record &r = n.record;
    const int count = operation == "run" ? kCreatePhases + kStartPhases : kCreatePhases;
    const auto dir = m.containers.dir(r.id);
    try {
        fsutil::makeDirs(dir, 0710);
        m.driverFor(r).createLayer(dir);
        m.step(operation, phaseName(0), std::string(runtime::kRunPhases[0].description) + " " + (dir / "diff").string(),
               0, count);
        const auto init =
            container::prepareInitLayer(dir, {m.layout.sharedInitLayerDir(), m.layout.tmpDir()}, r.config.hostname,
                                        r.hostConfig.networkMode == "host", container::InitWrite::Fresh);
        m.step(operation, phaseName(1),
               "prepared the init layer " + init.layerDir.string() +
                   " (/etc/hostname, /etc/hosts, /etc/resolv.conf mount points)",
               1, count);
        auto held = m.images.lock();
        m.containers.checkName(r.name, r.id);
        m.containers.save(r);
    } catch (...) {
        try {
            m.driverFor(r).removeLayer(dir);
        } catch (...) {
        }
        fsutil::removeTree(dir);
        for (const auto &v : n.planned.createdVolumes) {
            try {
                m.volumes.remove(v, true);
            } catch (...) {
            }
        }
        throw;
    }
}

// Mounts the union and writes runtime.json: what the shim runs. The union is
// unmounted again if the volumes cannot be prepared.
runtime::RuntimeSpec Engine::Impl::prepareStart(const Record &r, const ContainerStartOptions &o, int base, int count)
{
    Impl &m = *this;
    // Read from the host now, before anything is mounted (Docker checks --device at start).
    container::StartSpecInput in;
    for (const auto &mapping : r.hostConfig.devices)
        in.devices.push_back(security::resolveDevice(mapping));
    in.containerDir = m.containers.dir(r.id);
    const auto &dir = in.containerDir;
    // The init files and the init layer's link are not fsynced at create
    // (see InitLayer.cpp): remake them if a crash lost them.
    std::error_code sizeError;
    const auto hostnameSize = std::filesystem::file_size(container::initFiles(dir).hostname, sizeError);
    if (sizeError || hostnameSize == 0 || !std::filesystem::exists(container::initFiles(dir).resolvConf) ||
        !std::filesystem::exists(container::initFiles(dir).layerDir))
        (void)container::prepareInitLayer(dir, {m.layout.sharedInitLayerDir(), m.layout.tmpDir()}, r.config.hostname,
                                          r.hostConfig.networkMode == "host");
    fs::drivers::UnionDriver &d = m.driverFor(r);
    const fs::drivers::MountInfo mi = d.mount(m.lowersOf(r), dir);
    m.step(o.operation, phaseName(runtime::kMountUnionPhase),
           "mounted the union (" + mi.driver + "): lower " + mi.lowerDir + ", upper " + mi.upperDir + " at " +
               mi.mergedDir,
           base, count);
    in.rootfs = mi.mergedDir.empty() ? dir / "merged" : std::filesystem::path(mi.mergedDir);
    in.rows = o.rows;
    in.cols = o.cols;
    in.stepGate = m.gate != nullptr;
    try {
        runtime::RuntimeSpec spec = container::startSpecOf(r, in);
        // Docker's copy-up, once: an empty volume over an image directory gets its content.
        Record withVolumes = r;
        if (volume::populateVolumes(withVolumes.mounts, spec.rootfs, m.bus, r.id)) {
            auto held = m.images.lock();
            Record fresh = m.containers.load(r.id);
            fresh.mounts = withVolumes.mounts;
            m.containers.save(fresh);
        }
        for (auto &ms : volume::prepareMounts(withVolumes.mounts, m.bus, r.id))
            spec.mounts.push_back(std::move(ms));
        spec.netnsPath = m.attachNetworks(r); // the bridge networks, set up before the command runs
        if (m.awaitsUserModeNetwork(r.id))
            spec.stepGate = true; // rootless: the init waits while slirp4netns joins it (runShim)
        spec.save(dir);
        return spec;
    } catch (...) {
        try {
            d.unmount(dir);
        } catch (const Error &) {
        }
        throw;
    }
}

// Runs the shim through the runtime's phases (each one a step) and returns
// once the command was exec'd (or is held for the attach). A command that
// cannot start leaves the container Created with its exit code and error,
// as Docker does.
runtime::StartResult Engine::Impl::runShim(const std::string &id, const ContainerStartOptions &o, int base, int count)
{
    Impl &m = *this;
    const auto dir = m.containers.dir(id);
    runtime::StartOptions so;
    so.holdUntilAttach = o.holdUntilAttach;
    so.forkInProcess = std::getenv("STRATA_SHIM") == nullptr; // a named shim is exec'd, as asked
    // Where the shim is forked here the attach comes next (attachContainer)
    // over a connection made before the fork, and the command need not be
    // held; a step gate keeps the hold, so the exec step still pauses before
    // the command runs (and stdin stays the prompt's until then).
    so.attachAtBirth = m.gate == nullptr;
    int lastPhase = -1;
    so.onPhase = [&](const runtime::PhaseReport &p) {
        lastPhase = p.index;
        if (p.name == "create-namespaces" && p.pid > 0)
            m.startUserModeNetwork(id, p.pid); // rootless only; a no-op otherwise
        m.step(o.operation, p.name, p.description + (p.detail.empty() ? "" : " (" + p.detail + ")"),
               base + 1 + p.index, count);
    };
    runtime::StartResult res;
    try {
        res = runtime::startShim(dir, runtime::defaultShimPath(), so);
    } catch (const runtime::StartError &e) {
        m.releaseNetworks(id);
        auto held = m.images.lock();
        Record r = m.containers.load(id);
        r.state.exitCode = e.exitCode();
        r.state.error = e.message();
        try {
            m.driverFor(r).unmount(dir);
        } catch (const Error &) {
        }
        m.containers.save(r);
        throw;
    }
    // The exec phase ends the runtime's reports (the shim has become the
    // command); the engine reports it once startShim returned.
    const int execIndex = static_cast<int>(runtime::StartPhase::Exec);
    const bool held = o.holdUntilAttach && !res.attachConnection;
    if (res.attachConnection)
        m.attachedAtBirth[id] = std::move(res.attachConnection);
    if (lastPhase < execIndex) {
        const auto &exec = runtime::kStartPhases[static_cast<std::size_t>(execIndex)];
        m.step(o.operation, std::string(exec.name),
               held ? "the command (pid " + std::to_string(res.pid) +
                                       ") is exec'd as PID 1 the moment the terminal attaches"
                                 : std::string(exec.description) + " (pid " + std::to_string(res.pid) + ")",
               base + 1 + execIndex, count);
    }
    return res;
}

// Records the start: one write, Running.
void Engine::Impl::recordRunning(const std::string &id, const runtime::StartResult &res,
                                 const std::vector<std::string> &args)
{
    Impl &m = *this;
    auto held = m.images.lock();
    Record r = m.containers.load(id);
    r.state.pid = res.pid;
    r.state.startedAt = res.state.startedAt.empty() ? timeutil::formatRfc3339Nano(timeutil::now()) : res.state.startedAt;
    r.state.exitCode = 0;
    r.state.error.clear();
    r.hasBeenStartedBefore = true;
    r.hasBeenManuallyStopped = false;
    m.bus.publish(events::EventKind::ProcessStarted, r.id, {{"name", r.plainName()}, {"pid", res.pid}, {"args", args}});
    m.setStatus(r, Status::Running);
}

std::string Engine::resolveContainer(const std::string &ref) const
{
    return m_impl->containers.resolve(ref);
}

container::Record Engine::container(const std::string &ref)
{
    return m_impl->loadFresh(ref);
}

std::string Engine::createContainer(const ContainerCreateOptions &o)
{
    Impl &m = *m_impl;
    const Impl::NewContainer n = m.planContainer(o);
    m.makeContainer(n, o.operation);
    const Record &r = n.record;
    m.bus.publish(events::EventKind::ContainerCreated, r.id,
                  {{"name", r.plainName()}, {"image", o.image}, {"driver", r.driver}});
    return r.id;
}

void Engine::startContainer(const std::string &ref, const ContainerStartOptions &o)
{
    const auto lifecycle = m_impl->lockContainer(ref);
    m_impl->startHeld(ref, o);
}

void Engine::Impl::startHeld(const std::string &ref, const ContainerStartOptions &o)
{
    Impl &m = *this;
    const Record r = m.loadFresh(ref);
    if (r.state.status == Status::Running)
        return; // Docker: starting a running container is a no-op
    container::checkTransition(r.state, container::Verb::Start, r.id, ref);
    const int base = o.operation == "run" ? kCreatePhases : 0;
    const int count = base + kStartPhases;
    const runtime::RuntimeSpec spec = m.prepareStart(r, o, base, count);
    const runtime::StartResult res = m.runShim(r.id, o, base, count);
    m.recordRunning(r.id, res, spec.args);
}

std::vector<ContainerSummary> Engine::containers(bool all)
{
    Impl &m = *m_impl;
    std::vector<ContainerSummary> out;
    std::vector<Record> records = m.containers.list();
    for (Record &r : records) {
        if (!m.refresh(r))
            continue;
        if (!all && !r.state.running() && r.state.status != Status::Restarting)
            continue;
        ContainerSummary s;
        s.id = r.id;
        s.name = r.plainName();
        s.image = r.config.image;
        s.imageId = Digest::parse(r.image);
        s.command = joinCommand(r);
        auto t = timeutil::parseRfc3339(r.created);
        s.created = t ? timeutil::toUnixSeconds(*t) : 0;
        s.state = r.state;
        s.labels = r.config.labels;
        s.mounts = r.mounts;
        m.describeNetworking(r, s); // EngineNetworks.cpp
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace strata::engine
