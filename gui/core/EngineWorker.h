// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Lives on the engine thread and owns the Engine: every engine call happens
// here, one at a time, in the order the GUI asked. Results go back as
// immutable snapshots through queued signals.

#include "core/Snapshots.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace strata::gui {

class EventPump;
class GuiStepGate;

class EngineWorker : public QObject {
    Q_OBJECT
public:
    EngineWorker(engine::EngineOptions options, EventPump *pump, GuiStepGate *gate);
    ~EngineWorker() override;

    // Builds the explorer's data for an image (engine thread; also for tests).
    static ImageDetailPtr buildDetail(engine::Engine &engine, const QString &ref);

    // Engine thread. While a lesson is open the panels, the console and the
    // scenes follow the lesson's own engine (LessonRunner owns it); nullptr
    // returns to the student's store. The events of the adopted engine go to
    // the same pump and it gets the same step gate.
    void adoptEngine(engine::Engine *lessonEngine);
    [[nodiscard]] engine::Engine *activeEngine() const;

public slots:
    void open(bool ensureBuiltins);
    void runCommand(int id, const QStringList &args);
    // An interactive command (`run -it`, `exec -it`, `attach`): stdin, stdout
    // and stderr are the console terminal's pty (TerminalSession::slaveFd),
    // which stays the GUI thread's to close.
    void runInTerminal(int id, const QStringList &args, int terminalFd);
    void refresh();
    void loadDetail(const QString &ref);

signals:
    void opened(bool ok, const QString &error);
    void snapshot(const strata::gui::EngineSnapshotPtr &snapshot);
    void detail(const strata::gui::ImageDetailPtr &detail);
    void detailFailed(const QString &ref, const QString &error);
    void commandFinished(int id, int exitCode, const QString &out, const QString &err);

private:
    void runWith(int id, const QStringList &args, int inFd, int outFd, int errFd,
                 const std::function<std::pair<std::string, std::string>()> &attachedOutput);

    engine::EngineOptions m_options;
    EventPump *m_pump;
    GuiStepGate *m_gate;
    std::unique_ptr<engine::Engine> m_engine;
    engine::Engine *m_lessonEngine = nullptr; // not owned
};

} // namespace strata::gui
