// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The app's side of a real Docker or Podman host: lives on a thread of its
// own, reads the host through its Engine API into the same snapshots and
// image details the EngineWorker makes of Strata's store, follows the
// host's event stream (turned into engine events for the scenes), and
// reconnects with backoff when the host goes away. It never opens Strata's
// store: nothing here writes to it.

#include "core/HostState.h"
#include "core/Snapshots.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

class QTimer;

namespace strata::engine::remote {
class RemoteHost;
}

namespace strata::gui {

class EventPump;
class HostEventStream;

class HostWorker : public QObject {
    Q_OBJECT
public:
    explicit HostWorker(EventPump *pump);
    ~HostWorker() override;

    // A host's lists as the app's snapshot (host thread; also for tests).
    static EngineSnapshotPtr readSnapshot(engine::remote::RemoteHost &host);

    // Reconnect delays: 1, 2, 4, 8, 16, then every 30 seconds.
    static int backoffSeconds(int attempt);

public slots:
    // Starts talking to `url` (the CLI's -H syntax); "" lets go of the host.
    void open(const QString &url);
    void refresh();
    void loadDetail(const QString &ref);
    // A console line, as `strata -H URL args…` runs it: verbs the host cannot
    // do say so, and never fall back to Strata's store.
    void runCommand(int id, const QStringList &args);
    // An interactive console line (`run -it`, `exec -it`, `attach`) with the
    // console's pty as its terminal, on a thread of its own so the lists and
    // scenes go on following the host meanwhile. `cancelFd` readable ends it
    // (Stop); it must stay open until commandFinished for `id`.
    void runInTerminal(int id, const QStringList &args, int terminalFd, int cancelFd);

signals:
    void stateChanged(const strata::gui::HostState &state);
    void snapshot(const strata::gui::EngineSnapshotPtr &snapshot);
    void detail(const strata::gui::ImageDetailPtr &detail);
    void detailFailed(const QString &ref, const QString &error);
    void commandFinished(int id, int exitCode, const QString &out, const QString &err);

private:
    void attempt();
    void lose(const QString &error);
    void startEvents(const EngineSnapshot &seed);
    void setState(const HostState &state);
    void refreshSoon();
    void completeCommit(engine::events::Event e);
    // Network events with the subnet, gateway, bridge and address the
    // host's inspect gives (its events name only the network and container).
    void completeNetwork(engine::events::Event e);
    [[nodiscard]] static bool isNetworkEvent(engine::events::EventKind kind);
    // A network made or removed without an event (Podman 4): re-read.
    void pollNetworks();

    EventPump *m_pump;
    HostState m_state;
    std::unique_ptr<engine::remote::RemoteHost> m_host;
    std::unique_ptr<HostEventStream> m_events;
    QTimer *m_retry;
    QTimer *m_refreshSoon;
    struct Interactive {
        std::thread thread;
        int cancelFd;
        std::shared_ptr<std::atomic<bool>> done; // set before commandFinished (the fd may close after it)
    };
    std::vector<Interactive> m_interactive; // joined (after a cancel) when the worker goes
    QTimer *m_networkPoll = nullptr;
    std::string m_networkKey; // networkKey() of the networks in the last snapshot emitted
    int m_generation = 0; // bumped on every (re)connect: a stale stream's end is ignored
};

} // namespace strata::gui
