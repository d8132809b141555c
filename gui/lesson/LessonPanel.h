// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The lesson player's panel (a dock beside the scene): lesson and step
// title, "step k of n" with a progress bar, the narration, the command box
// with the step's hint, the checks with ✔/✘ and why not yet, and Back /
// Reset / Check / Next. Shows LessonState values; asks LessonSession.

#include "lesson/LessonState.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace strata::gui {

class LessonSession;
class NarrationView;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    LessonPanel(LessonSession *session, QWidget *parent = nullptr);

    // The main window's step-mode action, shown here too (the same gate).
    void setStepModeAction(QAction *action);

    [[nodiscard]] NarrationView *narration() const { return m_narration; }
    [[nodiscard]] QLineEdit *commandBox() const { return m_command; }
    [[nodiscard]] QListWidget *checkList() const { return m_checks; }
    [[nodiscard]] QLabel *verdict() const { return m_verdict; }
    [[nodiscard]] QPushButton *nextButton() const { return m_next; }
    [[nodiscard]] QPushButton *backButton() const { return m_back; }
    [[nodiscard]] QPushButton *resetButton() const { return m_reset; }
    [[nodiscard]] QLabel *stepLabel() const { return m_stepLabel; }
    [[nodiscard]] QProgressBar *progress() const { return m_progress; }

protected:
    void changeEvent(QEvent *e) override;

private:
    void retranslate();
    void showState(const LessonStatePtr &state);
    void submit();

    LessonSession *m_session;
    LessonStatePtr m_state;
    QLabel *m_lessonTitle, *m_stepLabel, *m_stepTitle, *m_note, *m_hint, *m_verdict, *m_checksTitle, *m_outputTitle;
    QProgressBar *m_progress;
    NarrationView *m_narration;
    QLineEdit *m_command;
    QPushButton *m_run, *m_back, *m_reset, *m_check, *m_next;
    QToolButton *m_stepMode;
    QListWidget *m_checks;
    QPlainTextEdit *m_output;
    bool m_busy = false;
};

} // namespace strata::gui
