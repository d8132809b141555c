// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/Shim.h"

#include "engine/Error.h"
#include "engine/runtime/Channel.h"
#include "engine/runtime/ContainerInit.h"
#include "engine/runtime/SealedExe.h"
#include "engine/runtime/Namespaces.h"
#include "engine/runtime/Phases.h"
#include "engine/runtime/ProcInfo.h"
#include "engine/runtime/StartError.h"
#include "engine/util/Time.h"

#include <csignal>
#include <utility>
#include <fcntl.h>
#include <iostream>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

using nlohmann::json;

std::string nowText()
{
    return timeutil::formatRfc3339Nano(timeutil::now());
}

std::uint64_t startTimeOf(pid_t pid)
{
    auto st = readProcStat(pid);
    return st ? st->startTime : 0;
}

} // namespace

Shim::Shim(ShimOptions options) : m_opt(std::move(options)), m_start(m_opt.startFd) {}

Shim::~Shim() = default;

void Shim::prepareSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    if (::sigprocmask(SIG_BLOCK, &set, nullptr) != 0)
        throwErrno("sigprocmask");
    m_signalFd.reset(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    if (!m_signalFd)
        throwErrno("signalfd");
    // The shim must survive its terminal going away and clients vanishing.
    for (int sig : {SIGPIPE, SIGHUP, SIGINT, SIGQUIT, SIGTTIN, SIGTTOU})
        ::signal(sig, SIG_IGN);
}

void Shim::createIo()
{
    m_log = std::make_unique<LogWriter>(m_opt.bundle / "log.json");
    if (m_spec.tty)
        return; // the init sends the pty master once it has opened it inside
    UniqueFd devNull(::open("/dev/null", O_RDWR | O_CLOEXEC));
    if (!devNull)
        throwErrno("open /dev/null");
    Pipe out = makePipe(), err = makePipe();
    m_childStdout = std::move(out.write);
    m_childStderr = std::move(err.write);
    m_output[0] = std::move(out.read);
    m_output[1] = std::move(err.read);
    setNonBlocking(m_output[0].get());
    setNonBlocking(m_output[1].get());
    if (m_spec.openStdin) {
        Pipe in = makePipe();
        m_childStdin = std::move(in.read);
        m_stdinWrite = std::move(in.write);
        setNonBlocking(m_stdinWrite.get());
    } else {
        m_childStdin = std::move(devNull);
    }
}

void Shim::createCgroup()
{
    const std::string id = m_spec.id.empty() ? m_opt.bundle.filename().string() : m_spec.id;
    m_cgroup = createContainerCgroup(m_spec.cgroupParent, id, &m_cgroupWhy);
    m_state.cgroup = m_cgroup.path;
    m_state.cgroupVersion = m_cgroup.version;
    m_limitCgroups = applyResourceLimits(m_spec.limits, m_spec.cgroupParent, id, m_cgroup);
    m_state.memberCgroups = m_limitCgroups;
    if (m_spec.userNamespace || m_spec.privilegedDevices)
        return; // rootless: mknod is refused and host nodes are bound as the caller may open them
    m_devices = security::enforceDeviceRules(m_spec.deviceRules, m_spec.cgroupParent, id,
                                             m_cgroup.version == 2 ? m_cgroup.path : std::string());
    if (m_devices.version == 1)
        m_state.memberCgroups.push_back(m_devices.path);
}

void Shim::releaseCgroups()
{
    removeCgroup(m_cgroup);
    removeLimitCgroups(m_limitCgroups);
    m_limitCgroups.clear();
    security::releaseDeviceCgroup(m_devices);
}

// cgroup v1: the init moves itself into each of its cgroups (SelfJoin,
// Cgroup.h) through these files, opened here, before it runs anything of the
// container's. A freezer that cannot be opened costs pause its freezer (as a
// failed placement always did); a limit or device cgroup fails the start.
std::vector<SelfJoin> Shim::openSelfJoins()
{
    std::vector<SelfJoin> joins;
    for (const auto &dir : m_state.memberCgroups) // limits, then devices (v1)
        joins.push_back(openSelfJoin(dir));
    if (m_cgroup.version == 1) {
        try {
            m_freezerJoin = openSelfJoin(m_cgroup.path);
        } catch (const Error &e) {
            giveUpFreezer(e.what());
        }
    }
    return joins;
}

void Shim::giveUpFreezer(const std::string &why)
{
    std::cerr << "strata-shim: " << why << ": pause will use SIGSTOP\n";
    removeCgroup(m_cgroup);
    m_cgroup = {};
    m_state.cgroup.clear();
    m_state.cgroupVersion = 0;
}

void Shim::spawnInit()
{
    ChannelPair sync = makeChannelPair();
    const std::vector<SelfJoin> memberJoins = openSelfJoins();
    // The init re-executes this copy (SealedExe.h); the shim's own copy of
    // the fd closes when this function returns. The copying thread is done
    // before the clone: the init starts single-threaded.
    const UniqueFd sealedShim = m_sealedShim->take();
    // A user namespace needs its ids mapped before the re-exec (to keep its
    // capabilities); a step gate shows each phase as it was.
    m_setUpDuringPlacement = !m_spec.userNamespace && !m_spec.stepGate;
    InitContext ctx{m_spec, std::filesystem::canonical(m_spec.rootfs), sync.b.get(), m_childStdin.get(),
                    m_childStdout.get(), m_childStderr.get(), m_opt.hold, m_opt.bundle, sealedShim.get()};
    ctx.setUpDuringPlacement = m_setUpDuringPlacement;
    ctx.memberJoins = &memberJoins;
    ctx.freezerJoin = m_freezerJoin.tasks ? &m_freezerJoin : nullptr;
    if (!m_spec.netnsPath.empty())
        joinNetworkNamespace(m_spec.netnsPath); // the child inherits it
    const int flags = namespaceCloneFlags(m_spec);
    if (m_cgroup.version == 2) {
        const UniqueFd dir(::open(m_cgroup.path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        m_child = dir ? cloneIntoCgroup(flags, dir.get()) : -1;
        m_placedAtClone = m_child >= 0;
    }
    if (!m_placedAtClone)
        m_child = cloneWithNamespaces(flags);
    if (m_child == 0)
        runContainerInit(ctx); // never returns
    m_sync = std::move(sync.a);
    m_childStdin.reset();
    m_childStdout.reset();
    m_childStderr.reset();
    m_freezerJoin = {};
    m_state.pid = m_child;
    m_state.pidStartTime = startTimeOf(m_child);
}

// cgroup v2 without clone3: moves the init into its cgroup (v1 cgroups it
// joins by itself, openSelfJoins).
void Shim::placeChild()
{
    if (m_cgroup.version != 2 || m_placedAtClone)
        return;
    try {
        addProcessToCgroup(m_cgroup, m_child);
    } catch (const Error &e) {
        if (m_devices.version == 2)
            throw; // the device program sits on this cgroup: outside it, nothing is enforced
        giveUpFreezer(e.what());
    }
}

// Without reaping it: its status stays for followPhases.
bool Shim::initExited() const
{
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(m_child), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == m_child;
}

void Shim::configureChild()
{
    if (m_spec.userNamespace)
        (void)writeIdMappings(m_child, m_spec);
    try {
        placeChild();
    } catch (const Error &) {
        if (!m_setUpDuringPlacement || !initExited())
            throw;
        return; // it failed while being placed: followPhases reads its error
    }
    if (!trySendMessage(m_sync.get(), json{{"type", "go"}}) && !m_setUpDuringPlacement)
        throwErrno("send message");
    // Else the init failed before "go": its error waits on the channel.
}

void Shim::notifyEngine(const json &m)
{
    if (!m_start)
        return;
    bool sent;
    if (m_unsentPhases.empty()) {
        sent = trySendMessage(m_start.get(), m);
    } else {
        json withPhases = m;
        withPhases["phases"] = std::exchange(m_unsentPhases, json::array());
        sent = trySendMessage(m_start.get(), withPhases);
    }
    if (!sent)
        m_start.reset(); // the engine went away: carry on without it
}

void Shim::awaitEngineGate()
{
    if (!m_start)
        return;
    auto reply = receiveMessage(m_start.get());
    if (!reply)
        m_start.reset();
}

// Tells the engine a phase completed: at once when stepping (the engine may
// hold the start at a gate), else with the engine's next message.
void Shim::reportPhase(const PhaseRecord &rec, bool gate)
{
    json m{{"name", rec.name}, {"detail", rec.detail}, {"time", rec.time}, {"pid", m_child}};
    if (!m_spec.stepGate) {
        m_unsentPhases.push_back(std::move(m));
        return;
    }
    m["type"] = "phase";
    m["gate"] = gate;
    notifyEngine(m);
    if (gate)
        awaitEngineGate();
}

// `time` is when the init completed the phase (it batches its reports when
// not stepping); empty means now.
void Shim::recordPhase(const std::string &name, const std::string &detail, const std::string &time)
{
    PhaseRecord rec{name, time.empty() ? nowText() : time, detail};
    if (name == nameOf(StartPhase::CreateNamespaces))
        rec.detail = "pid " + std::to_string(m_child) + (m_spec.userNamespace ? " (user namespace)" : "") + ", " +
                     detail + (m_cgroup.valid() ? ", cgroup " + m_cgroup.path : "");
    m_state.phases.push_back(rec);
    reportPhase(rec, m_spec.stepGate && name != nameOf(StartPhase::Exec));
}

// The phases the init batched into `m` (its "phases" array), before `m` itself.
void Shim::recordPhases(const json &m)
{
    const auto it = m.find("phases");
    if (it == m.end() || !it->is_array())
        return;
    for (const json &p : *it)
        if (p.is_object())
            recordPhase(p.value("name", ""), p.value("detail", ""), p.value("time", ""));
}

// Returns false when the init's channel ended (exec'd or died).
bool Shim::handleInitMessage(const json &m, int passedFd)
{
    recordPhases(m);
    const std::string type = m.value("type", "");
    if (type == "phase") {
        recordPhase(m.value("name", ""), m.value("detail", ""), m.value("time", ""));
        if (m_spec.stepGate)
            sendMessage(m_sync.get(), json{{"type", "continue"}});
    } else if (type == "pty" && passedFd >= 0) {
        m_output[0].reset(::dup(passedFd));
        setCloseOnExec(m_output[0].get());
        setNonBlocking(m_output[0].get());
        m_stdinWrite.reset(::fcntl(m_output[0].get(), F_DUPFD_CLOEXEC, 0));
    } else if (type == "exec") {
        m_execSeen = true;
        m_state.phases.push_back({std::string(nameOf(StartPhase::Exec)), nowText(), m.value("path", "")});
    } else if (type == "no-freezer") {
        giveUpFreezer(m.value("message", "join the freezer cgroup"));
    } else if (type == "error") {
        m_initError = m.value("message", "container init failed");
        m_initErrorExit = m.value("exitCode", kExitRuntimeFailure);
    }
    return true;
}

Shim::Outcome Shim::followPhases()
{
    for (;;) {
        auto msg = receiveMessage(m_sync.get());
        if (!msg)
            break;
        if (msg->body.value("type", "") == "created") {
            recordPhases(msg->body);
            return Outcome::Created;
        }
        handleInitMessage(msg->body, msg->fd.get());
    }
    m_sync.reset();
    if (m_initError.empty() && m_execSeen)
        return Outcome::Running;
    if (m_initError.empty()) {
        int status = 0;
        if (::waitpid(m_child, &status, 0) == m_child)
            m_waitStatus = status;
        m_initError = "container init exited before exec (status " +
                      std::to_string(exitCodeFromWaitStatus(status)) + ")";
        m_initErrorExit = kExitRuntimeFailure;
    }
    return Outcome::Failed;
}

void Shim::recordRunning()
{
    m_state.status = ShimStatus::Running;
    m_state.startedAt = m_state.phases.empty() ? nowText() : m_state.phases.back().time;
    writeShimState(m_opt.bundle, m_state);
    reportPhase(m_state.phases.back(), false);
    notifyEngine(json{{"type", "running"}, {"pid", m_child}});
    m_start.reset();
}

void Shim::recordCreated()
{
    m_state.status = ShimStatus::Created;
    writeShimState(m_opt.bundle, m_state);
    notifyEngine(json{{"type", "created"}, {"pid", m_child}});
    m_start.reset();
}

void Shim::recordFailure(const std::string &error, int exitCode)
{
    m_state.status = ShimStatus::Failed;
    m_state.error = error;
    m_state.exitCode = exitCode;
    m_state.finishedAt = nowText();
    writeShimState(m_opt.bundle, m_state);
    notifyEngine(json{{"type", "failed"}, {"error", error}, {"exitCode", exitCode}});
    m_start.reset();
}

int Shim::run()
{
    try {
        // The init's copy of the shim is made while the set-up below runs.
        m_sealedShim = std::make_unique<SealedShimCopy>();
        m_state.shimPid = ::getpid();
        m_state.shimStartTime = startTimeOf(m_state.shimPid);
        m_state.attachSocket = attachSocketPath(m_opt.bundle).string();
        m_spec = RuntimeSpec::load(m_opt.bundle);
        prepareSignals();
        createIo();
        m_attach = std::make_unique<AttachServer>(
            m_opt.bundle,
            AttachServer::Callbacks{[this](std::string_view b) { writeStdin(b); }, [this] { closeStdin(); },
                                    [this](WindowSize ws) {
                                        if (m_spec.tty && m_output[0])
                                            setWindowSize(m_output[0].get(), ws);
                                    },
                                    [this] {
                                        if (m_sync && m_state.status == ShimStatus::Created)
                                            trySendMessage(m_sync.get(), json{{"type", "start"}});
                                    }});
        if (m_opt.attachFd >= 0)
            m_attach->adopt(UniqueFd(std::exchange(m_opt.attachFd, -1)));
        createCgroup();
        spawnInit();
        configureChild();
    } catch (const std::exception &e) {
        if (m_child > 0)
            ::kill(m_child, SIGKILL);
        recordFailure(e.what(), kExitRuntimeFailure);
        if (m_attach)
            m_attach->shutdown(std::chrono::milliseconds(0));
        releaseCgroups();
        return 1;
    }
    switch (followPhases()) {
    case Outcome::Running:
        recordRunning();
        break;
    case Outcome::Created:
        recordCreated();
        break;
    case Outcome::Failed:
        if (!m_waitStatus)
            (void)::waitpid(m_child, nullptr, 0);
        recordFailure(m_initError, m_initErrorExit);
        m_attach->shutdown(std::chrono::milliseconds(0));
        releaseCgroups();
        return 0;
    }
    supervise();
    return 0;
}

int runShimProcess(const ShimOptions &options)
{
    if (::chdir("/") != 0)
        return 1;
    ::umask(022);
    ::prctl(PR_SET_NAME, "strata-shim", 0, 0, 0); // what ps shows, forked in-process or exec'd
    try {
        return Shim(options).run();
    } catch (const std::exception &e) {
        std::cerr << "strata-shim: " << e.what() << "\n";
        return kExitRuntimeFailure;
    }
}

} // namespace strata::engine::runtime
