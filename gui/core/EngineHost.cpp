// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/EngineHost.h"

#include "core/CommandLine.h"
#include "core/EngineWorker.h"
#include "core/EventPump.h"
#include "core/GuiStepGate.h"

#include <QMetaObject>

namespace strata::gui {

EngineHost::EngineHost(engine::EngineOptions options, QObject *parent)
    : QObject(parent), m_pump(new EventPump(this)), m_gate(new GuiStepGate(this))
{
    registerSnapshotTypes();
    m_worker = new EngineWorker(std::move(options), m_pump, m_gate);
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("strata-engine"));
    connect(m_pump, &EventPump::batch, this, &EngineHost::eventsArrived);
    connect(m_worker, &EngineWorker::opened, this, [this](bool ok, const QString &error) {
        m_open = ok;
        emit opened(ok, error);
    });
    connect(m_worker, &EngineWorker::snapshot, this, [this](const EngineSnapshotPtr &s) {
        m_snapshot = s;
        emit snapshot(s);
    });
    connect(m_worker, &EngineWorker::detail, this, &EngineHost::detail);
    connect(m_worker, &EngineWorker::detailFailed, this, &EngineHost::detailFailed);
    connect(m_worker, &EngineWorker::commandFinished, this, &EngineHost::finishCommand);
}

EngineHost::~EngineHost()
{
    m_gate->continueAll(); // a paused engine thread must not block shutdown
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void EngineHost::start(bool ensureBuiltins)
{
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, "open", Qt::QueuedConnection, Q_ARG(bool, ensureBuiltins));
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
    QMetaObject::invokeMethod(m_worker, "runCommand", Qt::QueuedConnection, Q_ARG(int, id), Q_ARG(QStringList, list));
    return id;
}

int EngineHost::announce(const QString &line)
{
    const int id = m_nextId++;
    emit commandStarted(id, line);
    if (++m_pending == 1)
        emit busyChanged(true);
    return id;
}

void EngineHost::announceFinished(int id, int exitCode, const QString &out, const QString &err)
{
    finishCommand(id, exitCode, out, err);
}

void EngineHost::finishCommand(int id, int rc, const QString &out, const QString &err)
{
    --m_pending;
    emit commandFinished(id, rc, out, err);
    if (m_pending == 0)
        emit busyChanged(false);
}

void EngineHost::refresh()
{
    QMetaObject::invokeMethod(m_worker, "refresh", Qt::QueuedConnection);
}

void EngineHost::requestDetail(const QString &ref)
{
    QMetaObject::invokeMethod(m_worker, "loadDetail", Qt::QueuedConnection, Q_ARG(QString, ref));
}

void registerSnapshotTypes()
{
    qRegisterMetaType<EngineSnapshotPtr>("strata::gui::EngineSnapshotPtr");
    qRegisterMetaType<ImageDetailPtr>("strata::gui::ImageDetailPtr");
    qRegisterMetaType<EventBatch>("strata::gui::EventBatch");
}

} // namespace strata::gui
