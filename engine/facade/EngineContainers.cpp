// SPDX-License-Identifier: GPL-3.0-or-later
// The facade's container verbs that make and start containers: create,
// start, ps, and looking one up.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/container/InitLayer.h"
#include "engine/container/ContainerCaps.h"
#include "engine/security/DevicePolicy.h"
#include "engine/security/SecurityOpt.h"
#include "engine/volume/MountSetup.h"

#include <cstdlib>
#include <unistd.h>

namespace strata::engine {

using container::Record;
using container::Status;

namespace {

// Phases of create (and of the first part of run).
constexpr int kCreatePhases = 2;
// Phases of start: mount the union, then the runtime's.
constexpr int kStartPhases = 1 + static_cast<int>(runtime::kStartPhases.size());

std::vector<std::string> stringsOf(const image::Json &config, const char *key)
{
    std::vector<std::string> out;
    if (auto it = config.find(key); it != config.end() && it->is_array())
        for (const auto &v : *it)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

std::string keyOf(const std::string &kv)
{
    return kv.substr(0, kv.find('='));
}

// Image Env, then -e: same key replaces; "-e K" takes K from the caller's
// environment and is dropped when unset (docker/cli opts.ValidateEnv).
std::vector<std::string> mergeEnv(std::vector<std::string> env, const std::vector<std::string> &extra)
{
    for (std::string kv : extra) {
        if (kv.find('=') == std::string::npos) {
            const char *v = std::getenv(kv.c_str());
            if (!v)
                continue;
            kv += "=" + std::string(v);
        }
        const std::string key = keyOf(kv);
        bool replaced = false;
        for (auto &e : env)
            if (keyOf(e) == key) {
                e = kv;
                replaced = true;
            }
        if (!replaced)
            env.push_back(kv);
    }
    return env;
}

std::string hostHostname()
{
    char buf[256] = {};
    ::gethostname(buf, sizeof buf - 1);
    return buf;
}

std::string joinCommand(const Record &r)
{
    std::string c = r.path;
    for (const auto &a : r.args)
        c += " " + a;
    return c;
}

} // namespace

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
    const Digest imageId = m.images.resolve(o.image);
    const image::Image img = m.images.get(imageId);
    const image::Json &ic = img.config.config;
    const std::string network = o.network.empty() ? "default" : o.network;
    const volume::ParsedMountFlags mountRequests = volume::parseMountFlags(o.mountFlags);

    Record r;
    {
        auto held = m.images.lock();
        if (!o.name.empty())
            m.containers.checkName(o.name);
        r.id = m.containers.newId();
        r.name = "/" + (o.name.empty() ? m.containers.newName() : o.name);
        // Reserve the name at once: save an incomplete record? No: the name
        // check and the final save happen under the same lock below.
    }
    r.created = timeutil::formatRfc3339Nano(timeutil::now());
    r.image = imageId.str();
    r.driver = m.driver().name();

    container::Config &c = r.config;
    c.image = o.image;
    c.env = mergeEnv(stringsOf(ic, "Env"), o.env);
    bool hasPath = false;
    for (const auto &e : c.env)
        hasPath = hasPath || keyOf(e) == "PATH";
    if (!hasPath)
        c.env.insert(c.env.begin(), std::string("PATH=") + runtime::defaultPath());
    if (o.entrypoint) {
        c.entrypointSet = true;
        if (!o.entrypoint->empty())
            c.entrypoint = {*o.entrypoint};
        c.cmd = o.cmd; // an --entrypoint drops the image's CMD (as Docker)
    } else {
        c.entrypoint = stringsOf(ic, "Entrypoint");
        c.cmd = o.cmd.empty() ? stringsOf(ic, "Cmd") : o.cmd;
    }
    std::vector<std::string> argv = c.entrypoint;
    argv.insert(argv.end(), c.cmd.begin(), c.cmd.end());
    if (argv.empty())
        throw Error(ErrorCode::InvalidArgument, "No command specified");
    r.path = argv.front();
    r.args.assign(argv.begin() + 1, argv.end());

    c.hostname = !o.hostname.empty() ? o.hostname : network == "host" ? hostHostname() : r.shortId();
    c.user = o.user.empty() ? ic.value("User", "") : o.user;
    c.workingDir = o.workdir.empty() ? ic.value("WorkingDir", "") : o.workdir;
    c.tty = o.tty;
    c.openStdin = o.openStdin;
    c.attachStdout = c.attachStderr = o.attachStdout;
    c.attachStdin = o.openStdin && o.attachStdout;
    c.stdinOnce = c.attachStdin;
    if (auto it = ic.find("Labels"); it != ic.end() && it->is_object())
        for (const auto &[k, v] : it->items())
            if (v.is_string())
                c.labels[k] = v.get<std::string>();
    for (const auto &[k, v] : o.labels)
        c.labels[k] = v;
    if (auto it = ic.find("Volumes"); it != ic.end() && it->is_object())
        for (const auto &[k, v] : it->items())
            c.volumes.push_back(k);

    container::HostConfig &h = r.hostConfig;
    m.planNetworking(o, ic, r); // --network, -p, -P, --ip, --network-alias (EngineNetworks.cpp)
    h.autoRemove = o.autoRemove;
    h.capAdd = o.capAdd;
    h.capDrop = o.capDrop;
    (void)container::effectiveCapabilities(h.capAdd, h.capDrop); // validates the names now, as Docker does
    for (const auto &d : o.devices)
        h.devices.push_back(security::parseDeviceFlag(d));
    h.securityOpt = o.securityOpt;
    h.memory = o.memory.empty() ? 0 : runtime::parseMemoryBytes(o.memory);
    h.nanoCpus = o.cpus.empty() ? 0 : runtime::parseNanoCpus(o.cpus);
    h.pidsLimit = o.pidsLimit > 0 ? o.pidsLimit : 0;
    (void)security::seccompProfileFor(h.securityOpt); // refuses a bad option or profile now, as Docker does
    h.maskedPaths = runtime::dockerDefaultMaskedPaths();
    h.readonlyPaths = runtime::dockerDefaultReadonlyPaths();

    // Last of the checks, first of the things made: volumes (undone below on failure).
    volume::MountPlanContext mctx;
    mctx.volumes = &m.volumes;
    mctx.containerMounts = [&m](const std::string &ref) { return m.containers.load(m.containers.resolve(ref)).mounts; };
    mctx.imageVolumes = c.volumes;
    const volume::ContainerMounts planned = volume::planMounts(mountRequests, mctx);
    r.mounts = planned.points;
    h.binds = planned.binds;
    h.mounts = planned.mounts;
    h.tmpfs = planned.tmpfs;
    h.volumesFrom = planned.volumesFrom;
    c.volumes = planned.configVolumes;

    const int count = o.operation == "run" ? kCreatePhases + kStartPhases : kCreatePhases;
    const auto dir = m.containers.dir(r.id);
    try {
        fsutil::makeDirs(dir, 0710);
        fs::drivers::UnionDriver &d = m.driverFor(r);
        d.createLayer(dir);
        m.step(o.operation, "add-rw-layer",
               "added the container's empty read-write layer " + (dir / "diff").string(), 0, count);
        const auto init = container::prepareInitLayer(dir, c.hostname, network == "host");
        m.step(o.operation, "prepare-init-layer",
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
        for (const auto &v : planned.createdVolumes) {
            try {
                m.volumes.remove(v, true);
            } catch (...) {
            }
        }
        throw;
    }
    m.bus.publish(events::EventKind::ContainerCreated, r.id,
                  {{"name", r.plainName()}, {"image", o.image}, {"driver", r.driver}});
    return r.id;
}

void Engine::startContainer(const std::string &ref, const ContainerStartOptions &o)
{
    Impl &m = *m_impl;
    const auto lifecycle = m.lockContainer(ref);
    Record r = m.loadFresh(ref);
    if (r.state.status == Status::Running)
        return; // Docker: starting a running container is a no-op
    container::checkTransition(r.state, container::Verb::Start, r.id, ref);
    // Read from the host now, before anything is mounted (Docker checks --device at start).
    std::vector<security::DeviceNode> devices;
    for (const auto &mapping : r.hostConfig.devices)
        devices.push_back(security::resolveDevice(mapping));

    const int base = o.operation == "run" ? kCreatePhases : 0;
    const int count = base + kStartPhases;
    const auto dir = m.containers.dir(r.id);
    // The init files are not fsynced at create (see InitLayer.cpp): remake
    // them if a crash lost them.
    std::error_code sizeError;
    const auto hostnameSize = std::filesystem::file_size(container::initFiles(dir).hostname, sizeError);
    if (sizeError || hostnameSize == 0 || !std::filesystem::exists(container::initFiles(dir).resolvConf))
        (void)container::prepareInitLayer(dir, r.config.hostname, r.hostConfig.networkMode == "host");
    fs::drivers::UnionDriver &d = m.driverFor(r);
    const fs::drivers::MountInfo mi = d.mount(m.lowersOf(r), dir);
    m.step(o.operation, "mount-union",
           "mounted the union (" + mi.driver + "): lower " + mi.lowerDir + ", upper " + mi.upperDir + " at " +
               mi.mergedDir,
           base, count);

    runtime::RuntimeSpec spec;
    spec.id = r.id;
    spec.args.push_back(r.path);
    spec.args.insert(spec.args.end(), r.args.begin(), r.args.end());
    spec.env = r.config.env;
    spec.env.push_back("HOSTNAME=" + r.config.hostname);
    if (r.config.tty)
        spec.env.push_back("TERM=xterm");
    spec.cwd = r.config.workingDir.empty() ? "/" : r.config.workingDir;
    spec.user = r.config.user;
    spec.tty = r.config.tty;
    spec.openStdin = r.config.openStdin;
    spec.stdinOnce = r.config.stdinOnce;
    spec.consoleRows = o.rows;
    spec.consoleCols = o.cols;
    spec.hostname = r.config.hostname;
    spec.rootfs = mi.mergedDir.empty() ? dir / "merged" : std::filesystem::path(mi.mergedDir);
    spec.readonlyRootfs = r.hostConfig.readonlyRootfs;
    spec.mounts = container::initMounts(dir);
    // Docker's copy-up, once: an empty volume over an image directory gets its content.
    try {
        if (volume::populateVolumes(r.mounts, spec.rootfs, m.bus, r.id)) {
            auto held = m.images.lock();
            Record fresh = m.containers.load(r.id);
            fresh.mounts = r.mounts;
            m.containers.save(fresh);
        }
        for (auto &ms : volume::prepareMounts(r.mounts, m.bus, r.id))
            spec.mounts.push_back(std::move(ms));
    } catch (...) {
        try {
            d.unmount(dir);
        } catch (const Error &) {
        }
        throw;
    }
    spec.userNamespace = ::geteuid() != 0;
    spec.shareHostNetwork = r.hostConfig.networkMode == "host";
    try {
        spec.netnsPath = m.attachNetworks(r); // the bridge networks, set up before the command runs
    } catch (...) {
        try {
            d.unmount(dir);
        } catch (const Error &) {
        }
        throw;
    }
    spec.capabilities = container::effectiveCapabilities(r.hostConfig.capAdd, r.hostConfig.capDrop);
    spec.maskedPaths = r.hostConfig.maskedPaths;
    spec.readonlyPaths = r.hostConfig.readonlyPaths;
    spec.noNewPrivileges = true;
    spec.cgroupParent = "strata";
    spec.seccomp = security::seccompProfileFor(r.hostConfig.securityOpt);
    spec.limits = {r.hostConfig.memory, r.hostConfig.nanoCpus, r.hostConfig.pidsLimit};
    for (const auto &node : devices) {
        spec.devices.push_back(node);
        spec.deviceRules.push_back({node.type, node.major, node.minor, node.access});
    }
    spec.stepGate = m.gate != nullptr;
    spec.save(dir);

    runtime::StartOptions so;
    so.holdUntilAttach = o.holdUntilAttach;
    int lastPhase = -1;
    so.onPhase = [&](const runtime::PhaseReport &p) {
        lastPhase = p.index;
        m.step(o.operation, p.name, p.description + (p.detail.empty() ? "" : " (" + p.detail + ")"),
               base + 1 + p.index, count);
    };
    runtime::StartResult res;
    try {
        res = runtime::startShim(dir, runtime::defaultShimPath(), so);
    } catch (const runtime::StartError &e) {
        // Docker leaves a container whose command could not start Created,
        // with the exit code and error recorded.
        m.releaseNetworks(r.id);
        auto held = m.images.lock();
        r = m.containers.load(r.id);
        r.state.exitCode = e.exitCode();
        r.state.error = e.message();
        try {
            d.unmount(dir);
        } catch (const Error &) {
        }
        m.containers.save(r);
        throw;
    }

    // The exec phase ends the runtime's reports (the shim has become the
    // command); the engine reports it once startShim returned.
    const int execIndex = static_cast<int>(runtime::kStartPhases.size()) - 1;
    if (lastPhase < execIndex) {
        const auto &exec = runtime::kStartPhases[static_cast<std::size_t>(execIndex)];
        m.step(o.operation, std::string(exec.name),
               o.holdUntilAttach ? "the command (pid " + std::to_string(res.pid) +
                                       ") is exec'd as PID 1 the moment the terminal attaches"
                                 : std::string(exec.description) + " (pid " + std::to_string(res.pid) + ")",
               base + 1 + execIndex, count);
    }

    auto held = m.images.lock();
    r = m.containers.load(r.id);
    r.state.pid = res.pid;
    r.state.startedAt = res.state.startedAt.empty() ? timeutil::formatRfc3339Nano(timeutil::now()) : res.state.startedAt;
    r.state.exitCode = 0;
    r.state.error.clear();
    r.hasBeenStartedBefore = true;
    r.hasBeenManuallyStopped = false;
    m.bus.publish(events::EventKind::ProcessStarted, r.id,
                  {{"name", r.plainName()}, {"pid", res.pid}, {"args", spec.args}});
    m.setStatus(r, Status::Running);
}

std::vector<ContainerSummary> Engine::containers(bool all)
{
    Impl &m = *m_impl;
    std::vector<ContainerSummary> out;
    for (Record r : m.containers.list()) {
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
