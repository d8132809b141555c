// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/HostWorker.h"

#include "core/DetailAssembly.h"
#include "core/EventPump.h"
#include "core/HostEventStream.h"
#include "core/HostEvents.h"
#include "engine/Error.h"
#include "engine/cli/RunCli.h"
#include "engine/remote/RemoteHost.h"
#include "engine/util/Time.h"

#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace strata::gui {

namespace {

using nlohmann::json;
using engine::remote::RemoteHost;

// A string member, "" when missing or not a string (json and ordered_json alike).
template <typename J>
std::string textOf(const J &j, const char *key)
{
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].template get<std::string>() : std::string();
}

// `diff`'s lines ("A /x") as the layer-stack scene's summary of a container's layer.
EngineSnapshot::LayerChanges summarise(const std::vector<std::string> &lines, std::size_t keep)
{
    EngineSnapshot::LayerChanges c;
    for (const auto &line : lines) {
        if (line.size() < 3)
            continue;
        const char kind = line.front();
        (kind == 'A' ? c.added : kind == 'D' ? c.deleted : c.changed)++;
        if (c.first.size() < keep) {
            engine::ContainerChangeLine l;
            l.kind = kind;
            l.path = line.substr(2);
            c.first.push_back(std::move(l));
        }
    }
    return c;
}

// What a file descriptor received, read back from the start (a temporary
// file stands in for the terminal attached containers would write to).
std::string readBack(std::FILE *f)
{
    std::string out;
    if (!f)
        return out;
    std::fflush(f);
    ::lseek(fileno(f), 0, SEEK_SET);
    char buf[4096];
    for (ssize_t n; (n = ::read(fileno(f), buf, sizeof buf)) > 0;)
        out.append(buf, static_cast<std::size_t>(n));
    std::fclose(f);
    return out;
}

constexpr std::size_t kMaxNetworks = 100; // inspected per snapshot

// The host's networks as the network scene reads Strata's: each one's own
// inspect (the list leaves Containers empty on Docker), default bridge first.
std::vector<engine::image::Json> readNetworks(RemoteHost &host)
{
    std::vector<engine::image::Json> out;
    const json list = host.networks();
    if (!list.is_array())
        return out;
    for (const auto &n : list) {
        const std::string id = textOf(n, "Id").empty() ? textOf(n, "Name") : textOf(n, "Id");
        if (id.empty() || out.size() >= kMaxNetworks)
            continue;
        try {
            out.push_back(host.inspectNetwork(id));
        } catch (const engine::Error &e) {
            if (e.code() != engine::ErrorCode::NotFound) // removed meanwhile: the next read settles it
                throw;
        }
    }
    std::stable_partition(out.begin(), out.end(), [](const auto &n) { return textOf(n, "Name") == "bridge"; });
    return out;
}

// The ids of a host's networks (at most the kMaxNetworks a snapshot
// inspects), in any order: from the host's list (the poll) or from the
// inspects a snapshot carries, so a network made or removed on a host that
// sends no event for it (Podman 4 announces only connect and disconnect)
// shows as a difference from what the app was last given.
template <typename List>
std::string networkKey(const List &list)
{
    std::vector<std::string> ids;
    for (const auto &n : list) {
        std::string id = textOf(n, "Id").empty() ? textOf(n, "Name") : textOf(n, "Id");
        if (!id.empty() && ids.size() < kMaxNetworks)
            ids.push_back(std::move(id));
    }
    std::sort(ids.begin(), ids.end());
    std::string key;
    for (const auto &id : ids)
        key += id + "\n";
    return key;
}

} // namespace

HostWorker::HostWorker(EventPump *pump)
    : m_pump(pump), m_retry(new QTimer(this)), m_refreshSoon(new QTimer(this))
{
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &HostWorker::attempt);
    // A burst of events (a `run` is create, start, attach…) costs one re-read.
    m_refreshSoon->setSingleShot(true);
    m_refreshSoon->setInterval(150);
    connect(m_refreshSoon, &QTimer::timeout, this, &HostWorker::refresh);
    m_networkPoll = new QTimer(this);
    m_networkPoll->setInterval(3000);
    connect(m_networkPoll, &QTimer::timeout, this, &HostWorker::pollNetworks);
    // Started on connect, on the worker's thread: a timer running when the
    // worker is deleted (from the GUI thread, after its thread ended) warns.
}

HostWorker::~HostWorker()
{
    for (auto &i : m_interactive) {
        if (!*i.done) // still running: its owner keeps the fd open until commandFinished
            (void)!::write(i.cancelFd, "x", 1);
        i.thread.join();
    }
}

int HostWorker::backoffSeconds(int attempt)
{
    return attempt <= 0 ? 1 : std::min(30, 1 << std::min(attempt - 1, 5));
}

void HostWorker::setState(const HostState &state)
{
    m_state = state;
    emit stateChanged(state);
}

void HostWorker::open(const QString &url)
{
    ++m_generation;
    m_retry->stop();
    m_networkPoll->stop();
    m_networkKey.clear();
    m_events.reset();
    m_host.reset();
    HostState s;
    if (url.isEmpty()) {
        setState(s); // Local
        return;
    }
    s.url = url;
    try {
        (void)engine::remote::parseHostUrl(url.toStdString());
    } catch (const engine::Error &e) {
        if (e.code() == engine::ErrorCode::InvalidArgument) { // a typo stays a typo: nothing to retry
            s.phase = HostState::Phase::Invalid;
            s.error = QString::fromStdString(e.what());
            setState(s);
            return;
        }
    }
    m_state = s;
    attempt();
}

void HostWorker::attempt()
{
    const int generation = ++m_generation;
    m_events.reset();
    HostState s = m_state;
    s.phase = HostState::Phase::Connecting;
    setState(s);
    try {
        auto host = std::make_unique<RemoteHost>(engine::remote::parseHostUrl(m_state.url.toStdString()));
        host->api().negotiate();
        const json version = host->api().getJson("/version");
        EngineSnapshotPtr first = readSnapshot(*host);
        s.url = QString::fromStdString(host->api().host().text);
        s.engine = QString::fromStdString(host->api().engineName());
        s.version = QString::fromStdString(textOf(version, "Version"));
        s.apiVersion = QString::fromStdString(host->api().apiVersion());
        s.phase = HostState::Phase::Connected;
        s.error.clear();
        s.attempts = 0;
        s.retryInSeconds = 0;
        m_host = std::move(host);
        setState(s);
        m_networkKey = networkKey(first->networks);
        emit snapshot(first);
        startEvents(*first);
        m_networkPoll->start();
    } catch (const std::exception &e) {
        if (generation == m_generation)
            lose(QString::fromStdString(e.what()));
    }
}

void HostWorker::startEvents(const EngineSnapshot &seed)
{
    auto mapper = std::make_shared<HostEventMapper>();
    for (const auto &c : seed.containers)
        mapper->seed(c.id, engine::container::toString(c.state.status));
    const int generation = m_generation;
    EventPump *pump = m_pump;
    // From now: the lists just read hold everything before.
    const std::string since = std::to_string(engine::timeutil::toUnixSeconds(engine::timeutil::now()));
    m_events = std::make_unique<HostEventStream>(
        m_host->api().host(), since,
        [this, mapper, pump, generation](const json &message) {
            for (auto &e : mapper->map(message)) {
                if (isNetworkEvent(e.kind)) { // addresses and subnets from the host's inspect first
                    QMetaObject::invokeMethod(this, [this, e = std::move(e), generation]() mutable {
                        if (generation == m_generation)
                            completeNetwork(std::move(e));
                    }, Qt::QueuedConnection);
                    continue;
                }
                if (e.kind == engine::events::EventKind::ContainerCommitted && textOf(e.attrs, "image").empty()) {
                    QMetaObject::invokeMethod(this, [this, e = std::move(e), generation]() mutable {
                        if (generation == m_generation)
                            completeCommit(std::move(e));
                    }, Qt::QueuedConnection);
                    continue;
                }
                pump->push(e);
            }
            QMetaObject::invokeMethod(this, [this, generation] {
                if (generation == m_generation)
                    refreshSoon();
            }, Qt::QueuedConnection);
        },
        [this, generation](const std::string &error) {
            QMetaObject::invokeMethod(this, [this, generation, error] {
                if (generation == m_generation)
                    lose(QString::fromStdString(error));
            }, Qt::QueuedConnection);
        });
}

void HostWorker::completeCommit(engine::events::Event e)
{
    // Podman's commit event names the container's image, not the one made:
    // that is the host's newest image (the scene shows what it was given).
    try {
        if (m_host) {
            const auto images = m_host->images(true);
            const auto newest = std::max_element(images.begin(), images.end(),
                                                 [](const auto &a, const auto &b) { return a.created < b.created; });
            if (newest != images.end()) {
                e.attrs["image"] = newest->id.str();
                if (!newest->repoTags.empty())
                    e.attrs["name"] = newest->repoTags.front();
            }
        }
    } catch (const std::exception &) {
        // the scene shows the commit without the new image; the lists catch up
    }
    m_pump->push(e);
}

bool HostWorker::isNetworkEvent(engine::events::EventKind kind)
{
    using engine::events::EventKind;
    return kind == EventKind::NetworkCreated || kind == EventKind::NetworkRemoved ||
           kind == EventKind::NetworkConnected || kind == EventKind::NetworkDisconnected;
}

void HostWorker::completeNetwork(engine::events::Event e)
{
    using engine::events::EventKind;
    // The scene draws a bridge with its subnet and gateway, an endpoint with
    // its address: the host's event names only the network and container.
    if (m_host && e.kind != EventKind::NetworkRemoved)
        try {
            const json n = json::parse(m_host->inspectNetwork(e.id).dump());
            e.attrs["type"] = textOf(n, "Driver");
            if (n.contains("IPAM") && n["IPAM"].is_object() && n["IPAM"].contains("Config") &&
                n["IPAM"]["Config"].is_array() && !n["IPAM"]["Config"].empty()) {
                e.attrs["subnet"] = textOf(n["IPAM"]["Config"][0], "Subnet");
                e.attrs["gateway"] = textOf(n["IPAM"]["Config"][0], "Gateway");
            }
            std::string bridge = n.contains("Options") ? textOf(n["Options"], "com.docker.network.bridge.name") : "";
            e.attrs["bridge"] = bridge.empty() ? "br-" + e.id.substr(0, 12) : bridge;
            const std::string ctr = textOf(e.attrs, "container");
            if (!ctr.empty() && n.contains("Containers") && n["Containers"].is_object() && n["Containers"].contains(ctr)) {
                const json &c = n["Containers"][ctr];
                const std::string ip = textOf(c, "IPv4Address");
                e.attrs["ip"] = ip.substr(0, ip.find('/'));
                e.attrs["mac"] = textOf(c, "MacAddress");
            }
        } catch (const std::exception &) {
            // removed meanwhile: the scene draws what the event says; the lists catch up
        }
    m_pump->push(e);
}

void HostWorker::pollNetworks()
{
    if (!m_host || !m_state.connected())
        return;
    try {
        // Against the last snapshot's networks, not the last poll's: a
        // snapshot read for another reason (an event, a console line) between
        // two polls may have shown a new network already, and its removal
        // before the next poll must still differ from what the app shows.
        const json list = m_host->networks();
        if (list.is_array() && networkKey(list) != m_networkKey)
            refreshSoon();
    } catch (const std::exception &) {
        // the event stream notices a lost host and says so
    }
}

void HostWorker::lose(const QString &error)
{
    ++m_generation;
    m_events.reset();
    m_host.reset();
    HostState s = m_state;
    s.phase = HostState::Phase::Lost;
    s.error = error.trimmed().section(QLatin1Char('\n'), 0, 0);
    s.attempts += 1;
    s.retryInSeconds = backoffSeconds(s.attempts);
    setState(s);
    m_retry->start(s.retryInSeconds * 1000);
}

void HostWorker::refreshSoon()
{
    if (!m_refreshSoon->isActive())
        m_refreshSoon->start();
}

void HostWorker::refresh()
{
    if (!m_host || !m_state.connected())
        return;
    try {
        EngineSnapshotPtr s = readSnapshot(*m_host);
        m_networkKey = networkKey(s->networks);
        emit snapshot(s);
    } catch (const std::exception &e) {
        lose(QString::fromStdString(e.what()));
    }
}

void HostWorker::loadDetail(const QString &ref)
{
    if (!m_host || !m_state.connected()) {
        emit detailFailed(ref, m_state.error.isEmpty() ? tr("the host is not connected") : m_state.error);
        return;
    }
    try {
        const std::string r = ref.toStdString();
        DetailParts parts;
        parts.ref = ref;
        parts.inspect = m_host->inspectImage(r);
        parts.id = textOf(parts.inspect, "Id");
        if (!parts.id.empty() && parts.id.rfind("sha256:", 0) != 0)
            parts.id = "sha256:" + parts.id;
        parts.history = m_host->history(r);
        parts.layers = m_host->imageLayers(r); // the host's layer cache, GraphDriver dirs or an export
        parts.view = m_host->imageTree(r, true); // the explorer shows files' contents
        emit detail(assembleDetail(std::move(parts)));
    } catch (const std::exception &e) {
        emit detailFailed(ref, QString::fromStdString(e.what()));
    }
}

void HostWorker::runCommand(int id, const QStringList &args)
{
    std::vector<std::string> words;
    for (const auto &a : args)
        words.push_back(a.toStdString());
    std::ostringstream out, err;
    engine::cli::CliContext ctx(out, err);
    ctx.host = m_state.url.toStdString();
    // Attached containers write to descriptors, not streams: temporary files
    // catch what they say, read back when the command ends.
    std::FILE *attachedOut = std::tmpfile(), *attachedErr = std::tmpfile();
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    ctx.inFd = devNull;
    ctx.outFd = attachedOut ? fileno(attachedOut) : devNull;
    ctx.errFd = attachedErr ? fileno(attachedErr) : devNull;
    const int rc = engine::cli::runCli(ctx, words);
    ::close(devNull);
    const std::string o = readBack(attachedOut), e = readBack(attachedErr);
    emit commandFinished(id, rc, QString::fromStdString(out.str() + o), QString::fromStdString(err.str() + e));
    refresh();
}

void HostWorker::runInTerminal(int id, const QStringList &args, int terminalFd, int cancelFd)
{
    std::vector<std::string> words;
    for (const auto &a : args)
        words.push_back(a.toStdString());
    const std::string url = m_state.url.toStdString();
    // Threads that ended are joined as new ones start (a session holds at most a few).
    for (auto it = m_interactive.begin(); it != m_interactive.end();) {
        if (*it->done) {
            it->thread.join();
            it = m_interactive.erase(it);
        } else {
            ++it;
        }
    }
    auto done = std::make_shared<std::atomic<bool>>(false);
    // Its own connection (the CLI's): this thread's client stays free for refreshes.
    std::thread thread([this, id, words, url, terminalFd, cancelFd, done] {
        std::ostringstream out, err;
        engine::cli::CliContext ctx(out, err);
        ctx.host = url;
        ctx.inFd = ctx.outFd = ctx.errFd = terminalFd;
        ctx.cancelFd = cancelFd;
        const int rc = engine::cli::runCli(ctx, words);
        *done = true;
        emit commandFinished(id, rc, QString::fromStdString(out.str()), QString::fromStdString(err.str()));
        QMetaObject::invokeMethod(this, &HostWorker::refresh, Qt::QueuedConnection);
    });
    m_interactive.push_back({std::move(thread), cancelFd, done});
}

EngineSnapshotPtr HostWorker::readSnapshot(RemoteHost &host)
{
    auto s = std::make_shared<EngineSnapshot>();
    const json info = host.api().getJson("/info");
    s->info.root = host.api().host().text;
    s->info.driver = textOf(info, "Driver");
    s->info.driverReason = host.api().engineName() + " " + textOf(info, "ServerVersion");
    s->info.kernel = textOf(info, "KernelVersion");
    s->info.os = textOf(info, "OperatingSystem");
    s->info.architecture = textOf(info, "Architecture");
    s->info.version = textOf(info, "ServerVersion");
    s->images = host.images(false);
    s->info.images = static_cast<int>(s->images.size());
    for (const auto &img : s->images) { // which image's chain extends which (a commit on a parent)
        if (s->imageDiffIds.size() >= 50)
            break;
        try {
            const auto inspect = host.inspectImage(img.id.str());
            auto &ids = s->imageDiffIds[img.id.str()];
            if (inspect.contains("RootFS") && inspect["RootFS"].contains("Layers"))
                for (const auto &l : inspect["RootFS"]["Layers"])
                    ids.push_back(l.get<std::string>());
        } catch (const engine::Error &e) {
            if (e.code() != engine::ErrorCode::NotFound) // removed meanwhile: the next read settles it
                throw;
        }
    }
    s->containers = host.containers(true);
    for (auto &c : s->containers) {
        try {
            if (s->containerInspect.size() < 100) {
                const auto inspect = host.inspectContainer(c.id);
                if (inspect.contains("State") && inspect["State"].is_object())
                    c.state.exitCode = inspect["State"].value("ExitCode", 0);
                s->containerInspect[c.id] = inspect.dump(2);
            }
        } catch (const engine::Error &e) {
            if (e.code() != engine::ErrorCode::NotFound)
                throw;
        }
        // What the copy-on-write view draws: /containers/{id}/changes. A host
        // that cannot list one container's changes (being removed) leaves it out.
        if (s->containerChanges.size() < 20)
            try {
                s->containerChanges[c.id] = summarise(host.changes(c.id), 12);
            } catch (const engine::Error &) {
            }
        using engine::container::Status;
        ++(c.state.status == Status::Running  ? s->info.containersRunning
           : c.state.status == Status::Paused ? s->info.containersPaused
                                              : s->info.containersStopped);
    }
    s->info.containers = static_cast<int>(s->containers.size());
    s->networks = readNetworks(host);
    s->volumes = host.volumes();
    for (const auto &v : s->volumes)
        if (s->volumeInspect.size() < 100)
            try {
                s->volumeInspect[v.name] = host.inspectVolume(v.name).dump(2);
            } catch (const engine::Error &e) {
                if (e.code() != engine::ErrorCode::NotFound)
                    throw;
            }
    return s;
}

} // namespace strata::gui
