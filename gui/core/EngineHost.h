// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The GUI thread's handle on the engine: starts the engine thread, queues
// commands and requests to it, and re-emits results and coalesced events on
// the GUI thread. Everything visible subscribes here.

#include "core/HostState.h"
#include "core/Snapshots.h"

#include <QHash>
#include <QObject>
#include <QThread>

class QTimer;

namespace strata::gui {

class EngineWorker;
class EventPump;
class GuiStepGate;
class TerminalSession;
class HostWorker;

class EngineHost : public QObject {
    Q_OBJECT
public:
    explicit EngineHost(engine::EngineOptions options, QObject *parent = nullptr);
    ~EngineHost() override;

    void start(bool ensureBuiltins = true);
    // Which engine the lists, scenes and console show: "" = Strata's own
    // store, else a real host in the CLI's -H syntax (core/HostWorker). Before
    // start() this also spares opening the store when a host is shown first.
    void setHost(const QString &url);
    [[nodiscard]] const HostState &hostState() const { return m_hostState; }
    [[nodiscard]] bool onHost() const { return m_hostState.onHost(); }
    // Runs one console line (the `strata` CLI's syntax) on the engine thread;
    // returns its id. Lines that cannot run in a console finish at once.
    int run(const QString &line);
    void refresh();
    // A command another engine-thread object runs (the lesson player), shown
    // as if typed in the console: the console, the scenes and the window
    // follow it through commandStarted/commandFinished. Returns its id.
    // With a terminal (the lesson player's interactive line), the console
    // shows it as for a typed `run -it` (terminalOpened); the host owns it.
    int announce(const QString &line, TerminalSession *terminal = nullptr);
    void announceFinished(int id, int exitCode, const QString &out, const QString &err);
    void requestDetail(const QString &ref);
    // Ctrl+C / Stop: ends the running command. A step-gate wait is released
    // (step mode off) and the containers this command started are killed
    // (SIGKILL, as `docker kill` would: a PID 1 ignores SIGINT it does not handle).
    void cancel();
    // What the running command waits for, in words ("" when nothing): the step
    // gate, a stop timeout. For the status bar.
    [[nodiscard]] QString waitingFor() const { return m_waiting; }

    // The terminal of a running interactive command (`run -it`, `exec -it`,
    // `attach`), nullptr for others and once it finished.
    [[nodiscard]] TerminalSession *terminal(int id) const;

    [[nodiscard]] GuiStepGate *gate() const { return m_gate; }
    // For objects that must live on the engine thread beside the worker (the lesson player's).
    [[nodiscard]] QThread *engineThread() { return &m_thread; }
    [[nodiscard]] EngineWorker *worker() const { return m_worker; }
    [[nodiscard]] EventPump *pump() const { return m_pump; }
    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] int pendingCommands() const { return m_pending; }
    [[nodiscard]] EngineSnapshotPtr lastSnapshot() const { return m_snapshot; }

signals:
    void opened(bool ok, const QString &error);
    void snapshot(const strata::gui::EngineSnapshotPtr &snapshot);
    void detail(const strata::gui::ImageDetailPtr &detail);
    void detailFailed(const QString &ref, const QString &error);
    void commandStarted(int id, const QString &line);
    void commandFinished(int id, int exitCode, const QString &out, const QString &err);
    void eventsArrived(const strata::gui::EventBatch &events);
    void busyChanged(bool busy);
    void stepModeRequested();
    void waitingChanged(const QString &what);
    // An interactive command got its terminal: show it and type into it.
    // The session ends (finish(), then deleteLater) just before commandFinished.
    void terminalOpened(int id, strata::gui::TerminalSession *session);
    void hostStateChanged(const strata::gui::HostState &state);

private:
    void finishCommand(int id, int rc, const QString &out, const QString &err);
    void setWaiting(const QString &what);
    // The worker that answers for what is shown: the host's or the engine's.
    [[nodiscard]] QObject *shownWorker() const;
    void openLocalEngine();
    // `wait` blocks the engine until a container stops, where nothing could
    // cancel it: it is held here instead, and handed to the engine (which
    // prints the exit code as the CLI does) once the containers it names
    // have stopped. Stop cancels a held wait; other commands run meanwhile.
    struct HeldWait {
        int id;
        QStringList args, names;
    };
    void releaseHeldWaits();
    QList<HeldWait> m_heldWaits;
    QTimer *m_heldPoll = nullptr;

    QThread m_thread;
    EventPump *m_pump;
    GuiStepGate *m_gate;
    EngineWorker *m_worker;
    QThread m_hostThread;
    HostWorker *m_hostWorker;
    HostState m_hostState;
    bool m_ensureBuiltins = true;
    bool m_started = false;
    bool m_localOpened = false; // the store is opened only once Strata's own engine is shown
    EngineSnapshotPtr m_snapshot;
    bool m_open = false;
    int m_nextId = 1;
    int m_pending = 0;
    QHash<int, TerminalSession *> m_terminals; // running interactive commands' terminals
    QHash<int, std::pair<int, int>> m_hostCancels; // a host's interactive commands: Stop's pipe (read, write end)
    QList<qint64> m_startedPids; // PID 1s the running commands started (what Stop kills)
    QString m_waiting;
    QString m_commandWait;       // the running command's own wait (a stop timeout)
};

} // namespace strata::gui
