// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The GUI thread's handle on the lesson player: creates the LessonWorker on
// the engine thread, queues the player's requests to it and keeps the last
// LessonState it sent back.

#include "lesson/LessonState.h"

#include <QObject>
#include <QQueue>

namespace strata::gui {

class EngineHost;
class LessonWorker;
class TerminalSession;

class LessonSession : public QObject {
    Q_OBJECT
public:
    explicit LessonSession(EngineHost *host, QObject *parent = nullptr);
    ~LessonSession() override;

    // root empty = the lesson's default store (<data>/strata/lessons/<id>).
    void open(const QString &numberOrId, const QString &root = {});
    void submit(const QString &line);
    void next();
    void back();
    void reset();
    void evaluate();
    void playTo(int step);
    void retry();
    void jumpTo(int index);
    void playStep();
    // Leaves the lesson: the panels go back to the student's own store.
    void close();
    // The student's store root (--root / STRATA_ROOT): lessons live under it.
    void setStoreRoot(const QString &root) { m_storeRoot = root; }

    [[nodiscard]] LessonStatePtr state() const { return m_state; }
    [[nodiscard]] bool busy() const { return m_busy > 0; }
    [[nodiscard]] QString error() const { return m_error; }

signals:
    void opened(bool ok, const QString &error);
    void closed();
    void stateChanged(const strata::gui::LessonStatePtr &state);
    void commandStarted(const QString &line, bool byStudent);
    void commandFinished(const QString &line, int exitCode, const QString &out, const QString &err, bool byStudent,
                         bool counted);
    void busyChanged(bool busy);

private:
    void call(const char *slot);

    EngineHost *m_host;
    LessonWorker *m_worker;
    QQueue<int> m_announced; // host command ids of the runner's commands in flight
    // The terminal of the interactive line just submitted, until the runner starts it.
    TerminalSession *m_pendingTerminal = nullptr;
    LessonStatePtr m_state;
    int m_busy = 0; // requests sent and not answered by a state yet
    bool m_opened = false;
    QString m_error;
    QString m_storeRoot;
};

} // namespace strata::gui
