// SPDX-License-Identifier: GPL-3.0-or-later
// The facade's verbs that talk to a container's processes: logs, attach,
// exec, top.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"

#include <deque>
#include <fstream>
#include <thread>

namespace strata::engine {

using container::Record;
using container::Verb;

void Engine::containerLogs(const std::string &ref, const LogOptions &options,
                           const std::function<bool(const LogEntry &)> &sink)
{
    Impl &m = *m_impl;
    Record r = m.loadFresh(ref);
    container::readLogs(m.containers.dir(r.id), options, sink);
    (void)m.refresh(r);
}

runtime::AttachResult Engine::attachContainer(const std::string &ref, int inFd, int outFd, int errFd,
                                              const runtime::AttachOptions &options)
{
    Impl &m = *m_impl;
    Record r;
    runtime::AttachResult res;
    if (const auto born = m.attachedAtBirth.find(m.containers.resolve(ref)); born != m.attachedAtBirth.end()) {
        // The start's own connection (runShim): the command may have ended
        // already (not refreshed before the attach: --rm would remove it);
        // its output and exit wait in the connection.
        r = m.containers.load(born->first);
        runtime::UniqueFd connection = std::move(born->second);
        m.attachedAtBirth.erase(born);
        res = runtime::attach(m.containers.dir(r.id), std::move(connection), inFd, outFd, errFd, options);
    } else {
        r = m.loadFresh(ref);
        container::checkTransition(r.state, Verb::Attach, r.id, ref);
        res = runtime::attach(m.containers.dir(r.id), inFd, outFd, errFd, options);
    }
    if (res.exitCode) {
        // Wait for the shim's record so the exit lands in config.v2.json now.
        (void)runtime::waitExit(m.containers.dir(r.id), std::chrono::seconds(5));
        (void)m.refresh(r);
    }
    return res;
}

runtime::ExecResult Engine::execInContainer(const std::string &ref, const runtime::ExecSpec &spec, int inFd,
                                            int outFd, int errFd)
{
    Impl &m = *m_impl;
    Record r = m.loadFresh(ref);
    container::checkTransition(r.state, Verb::Exec, r.id, ref);
    m.bus.publish(events::EventKind::ContainerExecStarted, r.id, {{"name", r.plainName()}, {"args", spec.args}});
    const runtime::ExecResult res = runtime::exec(m.containers.dir(r.id), spec, inFd, outFd, errFd);
    // What the exec'd process wrote belongs in the container layer now, not
    // only when PID 1 exits: the userspace driver copies it into diff/ (the
    // UpperDir inspect shows), overlay just scans; both report the new
    // entries as layer events for the scenes.
    try {
        r = m.loadFresh(ref);
        if (r.state.running()) {
            auto held = m.images.lock();
            m.driverFor(r).sync(m.lowersOf(r), m.containers.dir(r.id), Impl::excludedPaths(r));
        }
    } catch (const Error &) {
        // The exec itself succeeded; the next diff/commit/stop syncs anyway.
    }
    return res;
}

std::vector<runtime::ProcessInfo> Engine::containerTop(const std::string &ref)
{
    Impl &m = *m_impl;
    Record r = m.loadFresh(ref);
    container::checkTransition(r.state, Verb::Top, r.id, ref);
    return runtime::listProcesses(m.containers.dir(r.id));
}

} // namespace strata::engine
