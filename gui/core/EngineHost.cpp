// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/EngineHost.h"

#include "core/CommandLine.h"
#include "core/EngineWorker.h"
#include "core/EventPump.h"
#include "core/ExecChildren.h"
#include "core/GuiStepGate.h"
#include "core/TerminalSession.h"
#include "core/HostWorker.h"

#include <QMetaObject>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <utility>
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

namespace strata::gui {

EngineHost::EngineHost(engine::EngineOptions options, QObject *parent)
    : QObject(parent), m_pump(new EventPump(this)), m_gate(new GuiStepGate(this))
{
    registerSnapshotTypes();
    // A container killed (Stop) while `run -it` / `attach` writes to its
    // attach socket must fail that write (EPIPE), not end the app.
    ::signal(SIGPIPE, SIG_IGN);
    m_worker = new EngineWorker(std::move(options), m_pump, m_gate);
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("strata-engine"));
    connect(m_pump, &EventPump::batch, this, &EngineHost::eventsArrived);
    connect(m_pump, &EventPump::batch, this, [this](const EventBatch &batch) {
        for (const auto &e : batch) {
            if (e.kind == engine::events::EventKind::ProcessStarted && m_pending > 0 && e.attrs.contains("pid"))
                m_startedPids << e.attrs["pid"].get<qint64>();
        }
    });
    connect(m_gate, &GuiStepGate::waitingChanged, this, [this](bool waiting) {
        setWaiting(waiting ? tr("waiting for Step (F10) or Continue (F8); Stop ends the command") : m_commandWait);
    }, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::opened, this, [this](bool ok, const QString &error) {
        if (onHost())
            return;
        m_open = ok;
        emit opened(ok, error);
    });
    connect(m_worker, &EngineWorker::snapshot, this, [this](const EngineSnapshotPtr &s) {
        if (onHost())
            return; // a lesson's engine may still report: the host is what is shown
        m_snapshot = s;
        releaseHeldWaits();
        emit snapshot(s);
    });
    m_hostWorker = new HostWorker(m_pump);
    m_hostWorker->moveToThread(&m_hostThread);
    m_hostThread.setObjectName(QStringLiteral("strata-host"));
    connect(m_hostWorker, &HostWorker::stateChanged, this, [this](const HostState &state) {
        if (!onHost())
            return; // a late word from a host no longer shown
        m_hostState = state;
        if (state.connected() && !m_open) {
            m_open = true;
            emit opened(true, {});
        }
        emit hostStateChanged(state);
    });
    connect(m_hostWorker, &HostWorker::snapshot, this, [this](const EngineSnapshotPtr &s) {
        if (!onHost())
            return;
        m_snapshot = s;
        releaseHeldWaits();
        emit snapshot(s);
    });
    connect(m_hostWorker, &HostWorker::detail, this, [this](const ImageDetailPtr &d) {
        if (onHost())
            emit detail(d);
    });
    connect(m_hostWorker, &HostWorker::detailFailed, this, [this](const QString &ref, const QString &error) {
        if (onHost())
            emit detailFailed(ref, error);
    });
    connect(m_hostWorker, &HostWorker::commandFinished, this, &EngineHost::finishCommand);
    m_heldPoll = new QTimer(this);
    m_heldPoll->setInterval(500); // a container that ends by itself: look again twice a second
    connect(m_heldPoll, &QTimer::timeout, this, &EngineHost::refresh);
    connect(m_worker, &EngineWorker::detail, this, [this](const ImageDetailPtr &d) {
        if (!onHost())
            emit detail(d);
    });
    connect(m_worker, &EngineWorker::detailFailed, this, [this](const QString &ref, const QString &error) {
        if (!onHost())
            emit detailFailed(ref, error);
    });
    connect(m_worker, &EngineWorker::commandFinished, this, &EngineHost::finishCommand);
}

EngineHost::~EngineHost()
{
    m_gate->continueAll(); // a paused engine thread must not block shutdown
    if (m_hostThread.isRunning()) // let go of the host on its own thread (its timers live there)
        QMetaObject::invokeMethod(m_hostWorker, "open", Qt::QueuedConnection, Q_ARG(QString, QString()));
    m_hostThread.quit();
    m_hostThread.wait();
    delete m_hostWorker; // its interactive threads were cancelled and joined
    for (const auto &[readEnd, writeEnd] : std::as_const(m_hostCancels)) {
        ::close(readEnd);
        ::close(writeEnd);
    }
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void EngineHost::start(bool ensureBuiltins)
{
    m_ensureBuiltins = ensureBuiltins;
    m_started = true;
    m_thread.start();
    if (!onHost())
        openLocalEngine();
}

void EngineHost::openLocalEngine()
{
    if (m_localOpened)
        return;
    m_localOpened = true;
    QMetaObject::invokeMethod(m_worker, "open", Qt::QueuedConnection, Q_ARG(bool, m_ensureBuiltins));
}

void EngineHost::setHost(const QString &url)
{
    HostState s;
    if (!url.isEmpty()) {
        s.phase = HostState::Phase::Connecting;
        s.url = url;
    }
    m_hostState = s;
    m_snapshot.reset();
    if (!url.isEmpty() && !m_hostThread.isRunning())
        m_hostThread.start();
    if (m_hostThread.isRunning())
        QMetaObject::invokeMethod(m_hostWorker, "open", Qt::QueuedConnection, Q_ARG(QString, url));
    emit hostStateChanged(s);
    if (url.isEmpty() && m_started) {
        if (m_localOpened)
            refresh();
        else
            openLocalEngine();
    }
}

QObject *EngineHost::shownWorker() const
{
    if (onHost())
        return m_hostWorker;
    return m_worker;
}

int EngineHost::run(const QString &line)
{
    const int id = m_nextId++;
    emit commandStarted(id, line);
    ++m_pending;
    if (m_pending == 1)
        emit busyChanged(true);
    const auto words = splitCommandLine(line.toStdString());
    if (!words) {
        finishCommand(id, 125, {}, tr("Error: unterminated quote in: %1\n").arg(line));
        return id;
    }
    auto args = consoleArgs(line.toStdString());
    // `--step` in the terminal prompts on stdin; here the toolbar is the prompt.
    if (auto it = std::find(args.begin(), args.end(), "--step"); it != args.end()) {
        args.erase(it);
        m_gate->setStepMode(true);
        emit stepModeRequested();
    }
    if (args.empty()) {
        finishCommand(id, 0, {}, {});
        return id;
    }
    const std::string terminalVerb = needsTerminal(args);
    if (!terminalVerb.empty() && !runsInTerminal(args)) {
        finishCommand(id, 1, {},
                      tr("Error: `%1` never ends by itself and this console has no terminal for it: leave out -f, "
                         "or run it in a terminal with the strata CLI.\n")
                          .arg(QString::fromStdString(terminalVerb)));
        return id;
    }
    const bool follows = args.front() == "events" &&
                         std::find(args.begin(), args.end(), "--until") == args.end();
    if (follows) {
        finishCommand(id, 1, {},
                      tr("Error: `events` without --until never ends; the Events panel shows them live.\n"));
        return id;
    }
    QStringList list;
    for (const auto &a : args)
        list << QString::fromStdString(a);
    // Docker's stop waits up to -t seconds (10) after SIGTERM before SIGKILL: say so while it waits.
    const QString verb = list.value(0) == QLatin1String("container") ? list.value(1) : list.value(0);
    if (verb == QLatin1String("stop") || verb == QLatin1String("restart")) {
        int t = 10;
        for (int i = 0; i + 1 < list.size(); ++i)
            if (list[i] == QLatin1String("-t") || list[i] == QLatin1String("--time"))
                t = list[i + 1].toInt();
        m_commandWait = tr("%1: SIGTERM sent; waiting up to %n s for the process to end, then SIGKILL", nullptr, t).arg(verb);
        setWaiting(m_commandWait);
    }
    if (verb == QLatin1String("wait")) {
        HeldWait w{id, list, {}};
        for (int i = list.value(0) == QLatin1String("container") ? 2 : 1; i < list.size(); ++i)
            if (!list[i].startsWith('-'))
                w.names << list[i];
        m_heldWaits << w;
        setWaiting(tr("wait: until %1 stops; Stop (Ctrl+C) cancels").arg(w.names.join(QStringLiteral(", "))));
        releaseHeldWaits();
        if (!m_heldWaits.isEmpty())
            m_heldPoll->start();
        return id;
    }
    if (!terminalVerb.empty()) {
        auto *session = new TerminalSession(24, 80, this);
        if (!session->isOpen()) {
            delete session;
            finishCommand(id, 1, {}, tr("Error: no pseudo-terminal for `%1` (/dev/ptmx cannot be opened)\n")
                                         .arg(QString::fromStdString(terminalVerb)));
            return id;
        }
        m_terminals.insert(id, session);
        emit terminalOpened(id, session); // the console shows it (and sets its size) before the command runs
        if (onHost()) {
            // The host's hijacked stream (engine/remote/StreamRelay.h); Stop
            // ends it through this pipe.
            int cancel[2];
            if (::pipe2(cancel, O_CLOEXEC) != 0) {
                finishCommand(id, 1, {}, tr("Error: cannot make a pipe for `%1`\n").arg(QString::fromStdString(terminalVerb)));
                return id;
            }
            m_hostCancels.insert(id, {cancel[0], cancel[1]});
            QMetaObject::invokeMethod(m_hostWorker, "runInTerminal", Qt::QueuedConnection, Q_ARG(int, id),
                                      Q_ARG(QStringList, list), Q_ARG(int, session->slaveFd()), Q_ARG(int, cancel[0]));
            return id;
        }
        QMetaObject::invokeMethod(m_worker, "runInTerminal", Qt::QueuedConnection, Q_ARG(int, id),
                                  Q_ARG(QStringList, list), Q_ARG(int, session->slaveFd()));
        return id;
    }
    QMetaObject::invokeMethod(shownWorker(), "runCommand", Qt::QueuedConnection, Q_ARG(int, id), Q_ARG(QStringList, list));
    return id;
}

TerminalSession *EngineHost::terminal(int id) const
{
    return m_terminals.value(id);
}

void EngineHost::releaseHeldWaits()
{
    auto running = [this](const QString &ref) {
        if (!m_snapshot)
            return true;
        for (const auto &c : m_snapshot->containers) {
            const QString name = QString::fromStdString(c.name), id = QString::fromStdString(c.id);
            if (name == ref || name == QLatin1Char('/') + ref || (ref.size() >= 4 && id.startsWith(ref)))
                return c.state.running();
        }
        return false; // unknown: the engine says so
    };
    for (auto it = m_heldWaits.begin(); it != m_heldWaits.end();) {
        if (std::any_of(it->names.begin(), it->names.end(), running)) {
            ++it;
            continue;
        }
        QMetaObject::invokeMethod(shownWorker(), "runCommand", Qt::QueuedConnection, Q_ARG(int, it->id), Q_ARG(QStringList, it->args));
        it = m_heldWaits.erase(it);
    }
    if (m_heldWaits.isEmpty() && m_heldPoll)
        m_heldPoll->stop();
}

int EngineHost::announce(const QString &line, TerminalSession *terminal)
{
    const int id = m_nextId++;
    emit commandStarted(id, line);
    if (++m_pending == 1)
        emit busyChanged(true);
    if (terminal) {
        terminal->setParent(this);
        m_terminals.insert(id, terminal);
        emit terminalOpened(id, terminal);
    }
    return id;
}

void EngineHost::announceFinished(int id, int exitCode, const QString &out, const QString &err)
{
    finishCommand(id, exitCode, out, err);
}

void EngineHost::setWaiting(const QString &what)
{
    if (what == m_waiting)
        return;
    m_waiting = what;
    emit waitingChanged(what);
}

void EngineHost::cancel()
{
    if (m_pending == 0)
        return;
    m_gate->setStepMode(false);
    m_gate->continueAll();
    for (const auto &[readEnd, writeEnd] : std::as_const(m_hostCancels)) // a host's interactive stream ends
        (void)!::write(writeEnd, "x", 1);
    for (const qint64 pid : std::as_const(m_startedPids))
        if (pid > 1)
            ::kill(static_cast<pid_t>(pid), SIGKILL);
    m_startedPids.clear();
    (void)killExecShims(); // a blocked `exec` returns (its container stays)
    const QList<HeldWait> held = std::exchange(m_heldWaits, {});
    m_heldPoll->stop();
    for (const HeldWait &w : held) // a terminal's Ctrl+C: the client stops waiting, the container runs on
        finishCommand(w.id, 130, {}, tr("Cancelled: no longer waiting for %1 (it keeps running).\n").arg(w.names.join(QStringLiteral(", "))));
}

void EngineHost::finishCommand(int id, int rc, const QString &out, const QString &err)
{
    if (m_hostCancels.contains(id)) { // its thread has let go of the read end
        const auto [readEnd, writeEnd] = m_hostCancels.take(id);
        ::close(readEnd);
        ::close(writeEnd);
    }
    if (TerminalSession *session = m_terminals.take(id)) {
        session->finish(); // its last output reaches the view before commandFinished
        session->deleteLater();
    }
    --m_pending;
    if (m_pending == 0) {
        m_startedPids.clear();
        m_commandWait.clear();
        setWaiting(QString());
    }
    emit commandFinished(id, rc, out, err);
    if (m_pending == 0)
        emit busyChanged(false);
}

void EngineHost::refresh()
{
    QMetaObject::invokeMethod(shownWorker(), "refresh", Qt::QueuedConnection);
}

void EngineHost::requestDetail(const QString &ref)
{
    QMetaObject::invokeMethod(shownWorker(), "loadDetail", Qt::QueuedConnection, Q_ARG(QString, ref));
}

void registerSnapshotTypes()
{
    qRegisterMetaType<EngineSnapshotPtr>("strata::gui::EngineSnapshotPtr");
    qRegisterMetaType<ImageDetailPtr>("strata::gui::ImageDetailPtr");
    qRegisterMetaType<EventBatch>("strata::gui::EventBatch");
    qRegisterMetaType<HostState>("strata::gui::HostState");
}

} // namespace strata::gui
