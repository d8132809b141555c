// SPDX-License-Identifier: GPL-3.0-or-later
// The facade's verbs that talk to a container's processes: logs, attach,
// exec, top.
#include "engine/EngineImpl.h"
#include "engine/Error.h"

#include <deque>
#include <fstream>
#include <thread>

namespace strata::engine {

using container::Record;
using container::Verb;

namespace {

// Reads complete lines from `in` starting where the previous call stopped.
// A line still being written (no "\n" yet) is left for the next call.
bool readEntries(std::ifstream &in, std::string &partial, const std::function<void(LogEntry)> &each)
{
    bool any = false;
    std::string chunk;
    char buf[8192];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        chunk.append(buf, static_cast<std::size_t>(in.gcount()));
        if (in.eof())
            break;
    }
    in.clear();
    partial += chunk;
    std::size_t start = 0;
    for (std::size_t nl; (nl = partial.find('\n', start)) != std::string::npos; start = nl + 1) {
        const std::string line = partial.substr(start, nl - start);
        if (line.empty())
            continue;
        try {
            const auto j = nlohmann::json::parse(line);
            each({j.value("stream", "stdout"), j.value("log", ""), j.value("time", "")});
            any = true;
        } catch (const nlohmann::json::exception &) {
            // A corrupt line is skipped, as Docker's reader does.
        }
    }
    partial.erase(0, start);
    return any;
}

} // namespace

void Engine::containerLogs(const std::string &ref, const LogOptions &options,
                           const std::function<bool(const LogEntry &)> &sink)
{
    Impl &m = *m_impl;
    Record r = m.loadFresh(ref);
    const auto dir = m.containers.dir(r.id);
    const auto logFile = dir / "log.json";
    std::ifstream in(logFile, std::ios::binary);
    std::string partial;
    bool stop = false;
    if (options.tail) {
        std::deque<LogEntry> last;
        (void)readEntries(in, partial, [&](LogEntry e) {
            last.push_back(std::move(e));
            if (last.size() > *options.tail)
                last.pop_front();
        });
        for (const auto &e : last)
            if (!stop && !sink(e))
                stop = true;
    } else {
        (void)readEntries(in, partial, [&](LogEntry e) {
            if (!stop && !sink(e))
                stop = true;
        });
    }
    if (!options.follow || stop)
        return;
    for (;;) {
        bool running = false;
        try {
            running = !runtime::readState(dir).finished();
        } catch (const Error &) {
            running = false;
        }
        if (!in.is_open()) {
            in.open(logFile, std::ios::binary);
        }
        (void)readEntries(in, partial, [&](LogEntry e) {
            if (!stop && !sink(e))
                stop = true;
        });
        if (stop || !running)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    (void)m.refresh(r);
}

runtime::AttachResult Engine::attachContainer(const std::string &ref, int inFd, int outFd, int errFd,
                                              const runtime::AttachOptions &options)
{
    Impl &m = *m_impl;
    Record r = m.loadFresh(ref);
    container::checkTransition(r.state, Verb::Attach, r.id, ref);
    const runtime::AttachResult res = runtime::attach(m.containers.dir(r.id), inFd, outFd, errFd, options);
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
