// SPDX-License-Identifier: GPL-3.0-or-later
#include "lesson/LessonSession.h"

#include "core/CommandLine.h"
#include "core/EngineHost.h"
#include "core/TerminalSession.h"
#include "lesson/LessonWorker.h"

#include <QMetaObject>
#include <QThread>

#include <algorithm>
#include <utility>

namespace strata::gui {

LessonSession::LessonSession(EngineHost *host, QObject *parent) : QObject(parent), m_host(host)
{
    registerLessonTypes();
    m_worker = new LessonWorker(host->worker());
    m_worker->moveToThread(host->engineThread());
    connect(m_worker, &LessonWorker::opened, this, [this](bool ok, const QString &error) {
        m_error = error;
        if (!ok)
            m_busy = std::max(0, m_busy - 1);
        emit opened(ok, error);
    });
    connect(m_worker, &LessonWorker::state, this, [this](const LessonStatePtr &s) {
        m_state = s;
        m_busy = std::max(0, m_busy - 1); // every request ends with one state
        emit stateChanged(s);
    });
    // The runner's commands run one at a time, in order: announce each to the
    // host so the console and the scenes see it like a typed line.
    connect(m_worker, &LessonWorker::commandStarted, this, [this](const QString &line, bool byStudent) {
        // The student's interactive line runs on the terminal made for it in submit().
        TerminalSession *terminal = byStudent ? std::exchange(m_pendingTerminal, nullptr) : nullptr;
        m_announced.enqueue(m_host->announce(line, terminal));
        emit commandStarted(line, byStudent);
    });
    connect(m_worker, &LessonWorker::commandFinished, this,
            [this](const QString &line, int rc, const QString &out, const QString &err, bool byStudent, bool counted) {
                if (!m_announced.isEmpty())
                    m_host->announceFinished(m_announced.dequeue(), rc, out, err);
                emit commandFinished(line, rc, out, err, byStudent, counted);
            });
    connect(m_worker, &LessonWorker::busyChanged, this, &LessonSession::busyChanged);
}

LessonSession::~LessonSession()
{
    // The worker belongs to the engine thread: close it there while it runs.
    if (m_worker->thread()->isRunning()) {
        QMetaObject::invokeMethod(m_worker, "close", Qt::BlockingQueuedConnection);
        m_worker->deleteLater();
    } else {
        delete m_worker;
    }
}

void LessonSession::open(const QString &numberOrId, const QString &root)
{
    ++m_busy;
    m_opened = true;
    QMetaObject::invokeMethod(m_worker, "open", Qt::QueuedConnection, Q_ARG(QString, numberOrId), Q_ARG(QString, root),
                              Q_ARG(QString, m_storeRoot));
}

void LessonSession::submit(const QString &line)
{
    if (!m_opened)
        return;
    ++m_busy;
    delete std::exchange(m_pendingTerminal, nullptr); // one the runner never started
    int terminalFd = -1;
    if (runsInTerminal(consoleArgs(line.toStdString()))) {
        // `run -it`, `exec -it`, `attach`: the student types into the console's terminal.
        m_pendingTerminal = new TerminalSession(24, 80, this);
        terminalFd = m_pendingTerminal->isOpen() ? m_pendingTerminal->slaveFd() : -1;
    }
    QMetaObject::invokeMethod(m_worker, "submit", Qt::QueuedConnection, Q_ARG(QString, line), Q_ARG(int, terminalFd));
}

void LessonSession::call(const char *slot)
{
    if (!m_opened)
        return;
    ++m_busy;
    QMetaObject::invokeMethod(m_worker, slot, Qt::QueuedConnection);
}

void LessonSession::next() { call("next"); }
void LessonSession::back() { call("back"); }
void LessonSession::reset() { call("reset"); }
void LessonSession::evaluate() { call("evaluate"); }

void LessonSession::retry() { call("retry"); }
void LessonSession::playStep() { call("playStep"); }

void LessonSession::jumpTo(int index)
{
    if (!m_opened)
        return;
    ++m_busy;
    QMetaObject::invokeMethod(m_worker, "jumpTo", Qt::QueuedConnection, Q_ARG(int, index));
}

void LessonSession::close()
{
    if (!m_opened)
        return;
    m_opened = false;
    m_state.reset();
    // close() publishes no state: nothing to wait for.
    QMetaObject::invokeMethod(m_worker, "close", Qt::QueuedConnection);
    emit closed();
}

void LessonSession::playTo(int step)
{
    if (!m_opened)
        return;
    ++m_busy;
    QMetaObject::invokeMethod(m_worker, "playTo", Qt::QueuedConnection, Q_ARG(int, step));
}

} // namespace strata::gui
