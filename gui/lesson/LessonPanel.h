// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The lesson player's panel (a dock beside the scene): lesson and step
// title, "step k of n" with a progress bar, the narration, the command box
// with the step's hint, the checks with ✔/✘ and why not yet, and Back /
// Reset / Check / Next, plus the forgiving player's tools: Retry step, Show
// hint / Show solution (exercises hide both until asked), Play for me, a
// step picker, Close lesson and presentation mode (a larger panel, Next/Back
// on PgDn/PgUp and →/←). Shows LessonState values; asks LessonSession.

#include "lesson/LessonState.h"

#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
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
    [[nodiscard]] QPushButton *retryButton() const { return m_retry; }
    [[nodiscard]] QPushButton *hintButton() const { return m_hintButton; }
    [[nodiscard]] QPushButton *solutionButton() const { return m_solutionButton; }
    [[nodiscard]] QPushButton *playButton() const { return m_play; }
    [[nodiscard]] QPushButton *closeButton() const { return m_close; }
    [[nodiscard]] QPushButton *presentButton() const { return m_present; }
    [[nodiscard]] QComboBox *stepPicker() const { return m_picker; }
    [[nodiscard]] QLabel *hintLabel() const { return m_hint; }
    [[nodiscard]] QLabel *noteLabel() const { return m_note; }
    [[nodiscard]] bool presenting() const { return m_presenting; }
    // Asks before Reset wipes the lesson's store (default: a message box;
    // tests answer it themselves).
    void setConfirm(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }

signals:
    void closeRequested();
    void presentationChanged(bool on);
    // The citation was clicked: open that note beside the lesson at the heading.
    void noteRequested(const QString &file, const QString &heading);

protected:
    void changeEvent(QEvent *e) override;

private:
    void retranslate();
    void showState(const LessonStatePtr &state);
    void submit();
    void askReset();
    void setPresenting(bool on);
    void fillPicker(const LessonState &state);

    LessonSession *m_session;
    LessonStatePtr m_state;
    QLabel *m_lessonTitle, *m_stepLabel, *m_stepTitle, *m_note, *m_hint, *m_verdict, *m_checksTitle, *m_outputTitle;
    QProgressBar *m_progress;
    NarrationView *m_narration;
    QLineEdit *m_command;
    QPushButton *m_run, *m_back, *m_reset, *m_check, *m_next;
    QPushButton *m_retry, *m_hintButton, *m_solutionButton, *m_play, *m_close, *m_present;
    QComboBox *m_picker;
    QList<QAction *> m_presentKeys; // Next/Back on the keys a presenter's clicker sends
    QToolButton *m_stepMode;
    QListWidget *m_checks;
    QPlainTextEdit *m_output;
    bool m_busy = false;
    bool m_presenting = false;
    // What the student asked to see on this step (cleared when the step changes).
    std::string m_revealedFor; // "<lesson id>#<index>"
    bool m_hintShown = false, m_solutionShown = false;
    std::function<bool(const QString &)> m_confirm;
};

} // namespace strata::gui
