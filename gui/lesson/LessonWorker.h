// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Lives on the engine thread beside EngineWorker and owns the LessonRunner
// (which owns the lesson's Engine on its own store). While a lesson is open
// EngineWorker adopts that engine, so the panels, the console and the scenes
// show the lesson's state. Every slot ends with a LessonState snapshot.

#include "lesson/LessonState.h"

#include <QObject>

#include <memory>

namespace strata::engine::lesson {
class LessonRunner;
}

namespace strata::gui {

class EngineWorker;

class LessonWorker : public QObject {
    Q_OBJECT
public:
    explicit LessonWorker(EngineWorker *engineWorker);
    ~LessonWorker() override;

public slots:
    // Loads lesson `numberOrId` and resumes where its saved progress left it
    // (earlier steps replayed on a clean store), else resets and enters step 1.
    // storeRoot: the student's store (--root / STRATA_ROOT) under which the
    // lesson's store lives when root is empty.
    void open(const QString &numberOrId, const QString &root, const QString &storeRoot);
    // terminalFd >= 0: the line is interactive and runs on that pty (the
    // console's terminal), the student typing into it.
    void submit(const QString &line, int terminalFd = -1);
    void next();
    void back();
    void reset();
    void evaluate();
    void close();
    // Restores the current step's start state and enters it again.
    void retry();
    // Step picker: a clean store, steps before `index` (0-based) replayed.
    void jumpTo(int index);
    // "Play for me": types the current step's commands itself.
    void playStep();
    // Plays steps 1..k itself (typing the expected commands, as `--auto`)
    // and stays on step k: for --lesson-step and the README's screenshot.
    void playTo(int step);

signals:
    void opened(bool ok, const QString &error);
    void state(const strata::gui::LessonStatePtr &state);
    void commandStarted(const QString &line, bool byStudent);
    void commandFinished(const QString &line, int exitCode, const QString &out, const QString &err, bool byStudent,
                         bool counted);
    void busyChanged(bool busy);

private:
    void publish();
    template <typename F> void guarded(F &&f);
    // Runs f (a reset or a jump) with the engine let go of, then adopts it again, failed or not.
    template <typename F> void whileEngineReopens(F &&f);

    EngineWorker *m_engineWorker;
    std::shared_ptr<const engine::lesson::Lesson> m_lesson;
    std::unique_ptr<engine::lesson::LessonRunner> m_runner;
    int m_terminalFd = -1; // the submitted line's terminal, while it runs
};

} // namespace strata::gui
