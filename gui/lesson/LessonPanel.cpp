// SPDX-License-Identifier: GPL-3.0-or-later
#include "lesson/LessonPanel.h"

#include "app/Language.h"
#include "engine/lesson/LessonLibrary.h"
#include "engine/lesson/NoteCatalog.h"
#include "lesson/LessonSession.h"
#include "lesson/NarrationView.h"

#include <QAction>
#include <QColor>
#include <QComboBox>
#include <QMessageBox>
#include <QTextCursor>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace strata::gui {

using namespace engine::lesson;

namespace {

Lang uiLang()
{
    return currentLanguage() == QLatin1String("zh_CN") ? Lang::ZhCN : Lang::En;
}

QString in(const Text &t)
{
    return QString::fromStdString(t.in(uiLang()));
}

QLabel *label(QWidget *parent, const char *name, double scale = 1.0, bool bold = false)
{
    auto *l = new QLabel(parent);
    l->setObjectName(QLatin1String(name));
    l->setWordWrap(true);
    // A word longer than the panel (a check's JSON) is cut, never widens the window.
    l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * scale);
    f.setBold(bold);
    l->setFont(f);
    return l;
}

} // namespace

LessonPanel::LessonPanel(LessonSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("lessonPanel"));
    m_lessonTitle = label(this, "lessonTitle", 1.1, true);
    m_stepLabel = label(this, "lessonStepLabel");
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("lessonProgress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_stepTitle = label(this, "lessonStepTitle", 1.45, true);
    m_narration = new NarrationView(this);
    m_narration->setObjectName(QStringLiteral("narration"));
    try {
        m_narration->setGlossary(loadGlossary(lessonsDir()));
    } catch (const std::exception &) {
        // No glossary: links stay plain text; the validator tests catch this in CI.
    }
    m_narration->setMinimumHeight(150);
    m_note = label(this, "lessonNote", 0.9);
    m_note->setStyleSheet(QStringLiteral("color:#5a6270"));
    m_hint = label(this, "lessonHint", 1.1);
    m_hint->setStyleSheet(QStringLiteral("QLabel#lessonHint { background:#fff6d6; color:#3a3000; padding:6px 8px; "
                                         "border-left:4px solid #e69f00; }"));
    m_command = new QLineEdit(this);
    m_command->setObjectName(QStringLiteral("lessonCommand"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(m_command->font().pointSizeF() * 1.15);
    m_command->setFont(mono);
    m_run = new QPushButton(this);
    m_run->setObjectName(QStringLiteral("lessonRun"));
    m_checksTitle = label(this, "lessonChecksTitle", 1.0, true);
    m_checks = new QListWidget(this);
    m_checks->setObjectName(QStringLiteral("lessonChecks"));
    m_checks->setWordWrap(true);
    m_checks->setMaximumHeight(96);
    m_verdict = label(this, "lessonVerdict", 1.1, true);
    m_outputTitle = label(this, "lessonOutputTitle", 1.0, true);
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("lessonOutput"));
    m_output->setReadOnly(true);
    m_output->setFont(mono);
    m_output->setMaximumHeight(120);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_back = new QPushButton(this);
    m_back->setObjectName(QStringLiteral("lessonBack"));
    m_reset = new QPushButton(this);
    m_reset->setObjectName(QStringLiteral("lessonReset"));
    m_check = new QPushButton(this);
    m_check->setObjectName(QStringLiteral("lessonCheck"));
    m_next = new QPushButton(this);
    m_next->setObjectName(QStringLiteral("lessonNext"));
    m_next->setDefault(true);
    auto button = [this](const char *name) {
        auto *b = new QPushButton(this);
        b->setObjectName(QLatin1String(name));
        return b;
    };
    m_retry = button("lessonRetry");
    m_hintButton = button("lessonShowHint");
    m_solutionButton = button("lessonShowSolution");
    m_play = button("lessonPlay");
    m_close = button("lessonClose");
    m_present = button("lessonPresent");
    m_present->setCheckable(true);
    m_picker = new QComboBox(this);
    m_picker->setObjectName(QStringLiteral("lessonStepPicker"));
    m_note->setTextFormat(Qt::RichText);
    m_note->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_stepMode = new QToolButton(this);
    m_stepMode->setObjectName(QStringLiteral("lessonStepMode"));
    m_stepMode->hide();

    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(10, 8, 10, 8);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_lessonTitle, 1);
    titleRow->addWidget(m_present);
    titleRow->addWidget(m_close);
    v->addLayout(titleRow);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_stepLabel);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_picker);
    v->addLayout(progressRow);
    v->addWidget(m_stepTitle);
    v->addWidget(m_narration, 1);
    v->addWidget(m_note);
    v->addWidget(m_hint);
    auto *helpRow = new QHBoxLayout;
    helpRow->addWidget(m_hintButton);
    helpRow->addWidget(m_solutionButton);
    helpRow->addWidget(m_play);
    helpRow->addStretch(1);
    helpRow->addWidget(m_retry);
    v->addLayout(helpRow);
    auto *commandRow = new QHBoxLayout;
    auto *prompt = new QLabel(QStringLiteral("$ strata"), this);
    prompt->setFont(mono);
    commandRow->addWidget(prompt);
    commandRow->addWidget(m_command, 1);
    commandRow->addWidget(m_run);
    v->addLayout(commandRow);
    v->addWidget(m_outputTitle);
    v->addWidget(m_output);
    v->addWidget(m_checksTitle);
    v->addWidget(m_checks);
    v->addWidget(m_verdict);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addWidget(m_reset);
    buttons->addWidget(m_stepMode);
    buttons->addStretch(1);
    buttons->addWidget(m_check);
    buttons->addWidget(m_next);
    v->addLayout(buttons);

    connect(m_command, &QLineEdit::returnPressed, this, &LessonPanel::submit);
    connect(m_run, &QPushButton::clicked, this, &LessonPanel::submit);
    connect(m_next, &QPushButton::clicked, m_session, &LessonSession::next);
    connect(m_back, &QPushButton::clicked, m_session, &LessonSession::back);
    connect(m_reset, &QPushButton::clicked, this, &LessonPanel::askReset);
    connect(m_retry, &QPushButton::clicked, m_session, &LessonSession::retry);
    connect(m_play, &QPushButton::clicked, m_session, &LessonSession::playStep);
    connect(m_hintButton, &QPushButton::clicked, this, [this] {
        m_hintShown = true;
        showState(m_state);
    });
    connect(m_solutionButton, &QPushButton::clicked, this, [this] {
        m_solutionShown = true;
        showState(m_state);
    });
    connect(m_close, &QPushButton::clicked, this, &LessonPanel::closeRequested);
    connect(m_present, &QPushButton::toggled, this, &LessonPanel::setPresenting);
    connect(m_picker, &QComboBox::activated, this, [this](int index) {
        if (m_state && !m_busy && index >= 0 && static_cast<std::size_t>(index) != m_state->index)
            m_session->jumpTo(index);
    });
    connect(m_note, &QLabel::linkActivated, this, [this](const QString &) {
        if (m_state)
            emit noteRequested(QString::fromStdString(m_state->step().note.file),
                               QString::fromStdString(m_state->step().note.heading));
    });
    // A clicker sends PgDn/PgUp or →/←: Next and Back in presentation mode.
    // Inside the command box the arrows stay the line editor's (it takes them first).
    auto presentKey = [this](QList<QKeySequence> keys, QPushButton *target) {
        auto *a = new QAction(this);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setEnabled(false);
        connect(a, &QAction::triggered, target, [target] {
            if (target->isEnabled())
                target->click();
        });
        addAction(a);
        m_presentKeys << a;
    };
    presentKey({QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::Key_Right)}, m_next);
    presentKey({QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::Key_Left)}, m_back);
    connect(m_check, &QPushButton::clicked, m_session, &LessonSession::evaluate);
    connect(m_session, &LessonSession::stateChanged, this, &LessonPanel::showState);
    connect(m_session, &LessonSession::busyChanged, this, [this](bool busy) {
        m_busy = busy;
        showState(m_state);
    });
    connect(m_session, &LessonSession::opened, this, [this](bool ok, const QString &error) {
        if (!ok)
            m_verdict->setText(tr("The lesson could not be opened: %1").arg(error));
    });
    retranslate();
}

void LessonPanel::setStepModeAction(QAction *action)
{
    m_stepMode->setDefaultAction(action);
    m_stepMode->show();
}

void LessonPanel::submit()
{
    const QString line = m_command->text().trimmed();
    if (line.isEmpty() || m_busy)
        return;
    m_command->clear();
    m_session->submit(line);
}

void LessonPanel::askReset()
{
    const QString question = tr("Wipe this lesson's own store and start again at step 1? "
                                "What you did in this lesson is lost (your own images are not touched).");
    const bool yes = m_confirm ? m_confirm(question)
                               : QMessageBox::question(this, tr("Reset the lesson"), question) == QMessageBox::Yes;
    if (yes)
        m_session->reset();
}

void LessonPanel::setPresenting(bool on)
{
    m_presenting = on;
    for (QAction *a : m_presentKeys)
        a->setEnabled(on);
    // Larger text for the back of the room: every child follows the panel's font.
    QFont f = font();
    f.setPointSizeF(on ? QWidget().font().pointSizeF() * 1.4 : QWidget().font().pointSizeF());
    setFont(f);
    if (m_present->isChecked() != on)
        m_present->setChecked(on);
    emit presentationChanged(on);
}

void LessonPanel::fillPicker(const LessonState &state)
{
    const Lesson &lesson = *state.lesson;
    QSignalBlocker block(m_picker);
    m_picker->clear();
    std::size_t exercise = 0;
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        const Step &st = lesson.steps[i];
        const bool passed = std::find(state.passedIds.begin(), state.passedIds.end(), st.id) != state.passedIds.end();
        const QString label = st.exercise ? tr("Exercise %1: %2").arg(++exercise).arg(in(st.title))
                                          : tr("Step %1: %2").arg(i + 1).arg(in(st.title));
        m_picker->addItem((passed ? QStringLiteral("✔ ") : QStringLiteral("   ")) + label);
    }
    m_picker->setCurrentIndex(static_cast<int>(state.index));
}

void LessonPanel::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void LessonPanel::retranslate()
{
    m_run->setText(tr("Run"));
    m_back->setText(tr("◀ Back"));
    m_back->setToolTip(tr("Show the previous step as you left it (the engine is not rolled back)"));
    m_reset->setText(tr("⟲ Reset"));
    m_reset->setToolTip(tr("Wipe this lesson's own store and start again at step 1 (your own images are not touched)"));
    m_check->setText(tr("Check again"));
    m_next->setText(tr("Next ▶"));
    m_checksTitle->setText(tr("Checks on the engine's real state"));
    m_outputTitle->setText(tr("What the commands printed"));
    m_command->setToolTip(tr("Type the step's command and press Enter; other lines run as free exploration"));
    m_retry->setText(tr("↺ Retry step"));
    m_retry->setToolTip(tr("Put the lesson's store back as it was when this step began and start the step again"));
    m_hintButton->setText(tr("Show hint"));
    m_solutionButton->setText(tr("Show solution"));
    m_play->setText(tr("Play for me"));
    m_play->setToolTip(tr("The app types this step's commands for you"));
    m_close->setText(tr("Close lesson"));
    m_close->setToolTip(tr("Leave the lesson: the panels show your own store again"));
    m_present->setText(tr("Presentation"));
    m_present->setToolTip(tr("A larger lesson panel; Next and Back on PgDn/PgUp and →/← (a presenter's clicker)"));
    m_picker->setToolTip(tr("Jump to a step: the earlier steps are replayed on a clean lesson store"));
    showState(m_state);
}

void LessonPanel::showState(const LessonStatePtr &state)
{
    m_state = state;
    if (!state) {
        m_lessonTitle->setText(tr("Opening the lesson…"));
        for (QWidget *w : std::initializer_list<QWidget *>{m_next, m_back, m_reset, m_check, m_command, m_run, m_retry,
                                                          m_hintButton, m_solutionButton, m_play, m_picker})
            w->setEnabled(false);
        return;
    }
    const Lesson &lesson = *state->lesson;
    const Step &step = state->step();
    m_lessonTitle->setText(tr("Lesson %1 · %2").arg(lesson.number).arg(in(lesson.title)));
    m_stepLabel->setText(step.exercise ? tr("Exercise · step %1 of %2").arg(state->index + 1).arg(state->count)
                                       : tr("Step %1 of %2").arg(state->index + 1).arg(state->count));
    m_progress->setRange(0, static_cast<int>(state->count));
    m_progress->setValue(static_cast<int>(state->index) + (state->passed ? 1 : 0));
    m_stepTitle->setText(in(step.title));
    m_narration->setNarration(in(step.narration));
    const std::string stepKey = lesson.id + "#" + std::to_string(state->index);
    if (stepKey != m_revealedFor) {
        m_revealedFor = stepKey;
        m_hintShown = m_solutionShown = false;
    }
    m_note->setText(tr("§ From the notes: <a href=\"note\">%1</a> — “%2”")
                        .arg(in(noteTitle(step.note.file)).toHtmlEscaped(),
                             QString::fromStdString(step.note.heading).toHtmlEscaped()));
    fillPicker(*state);

    // A step's hint is shown; an exercise keeps it (and every step its
    // solution) until the student asks.
    const bool hintVisible = !step.exercise || m_hintShown;
    QString solution;
    if (m_solutionShown) {
        QStringList lines;
        for (const auto &l : state->solutionLines)
            lines << QStringLiteral("$ strata ") + QString::fromStdString(l);
        solution = tr("Solution:") + QStringLiteral(" ") + lines.join(QStringLiteral("  ·  "));
        if (step.solution)
            solution += QStringLiteral("\n") + in(*step.solution);
    }
    if (state->pending) {
        const QString hint = state->pending->hint ? in(*state->pending->hint) : QString();
        QString text = hintVisible ? tr("Your turn: %1").arg(hint)
                                   : tr("Your turn: solve it yourself (Show hint if you are stuck).");
        if (!solution.isEmpty())
            text += QStringLiteral("\n") + solution;
        m_hint->setText(text);
        m_command->setPlaceholderText(tr("the step's command (other lines run as exploration)"));
    } else {
        m_hint->setText(state->commandsComplete ? tr("Every command of this step has run. Explore freely, or go on.")
                                                : tr("The app is running this step's commands…"));
        m_command->setPlaceholderText(tr("free exploration: any strata command"));
    }

    QStringList out;
    auto print = [this, &out](const CommandResult &r, bool exploration) {
        QString line = QStringLiteral("$ strata ") + QString::fromStdString(r.line);
        if (exploration)
            line += QStringLiteral("   ↪ ") + tr("exploration (not the step's command)");
        else if (!r.expected)
            line += QStringLiteral("   ✘ ") + tr("exit status %1").arg(r.exitCode);
        out << line;
        const QString text = QString::fromStdString(r.out + r.err).trimmed();
        if (!text.isEmpty())
            out << text;
    };
    for (const auto &r : state->results)
        print(r, false);
    for (const auto &r : state->extra)
        print(r, !r.stepCommand);
    m_output->setPlainText(out.join('\n'));
    m_output->moveCursor(QTextCursor::End);
    m_output->moveCursor(QTextCursor::StartOfLine); // the last line from its start ("$ strata …")

    m_checks->clear();
    QString firstWhy;
    for (const auto &c : state->checks) {
        QString text = (c.holds ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + in(c.summary);
        if (!c.holds) {
            const QString why = in(c.whyNot);
            if (!why.isEmpty())
                text += QStringLiteral("\n    ") + why;
            if (firstWhy.isEmpty())
                firstWhy = why.isEmpty() ? in(c.summary) : why;
        }
        auto *item = new QListWidgetItem(text, m_checks);
        item->setForeground(c.holds ? QColor(0x00, 0x7a, 0x4d) : QColor(0xb0, 0x30, 0x00));
        item->setData(Qt::UserRole, c.holds);
    }
    QString verdict;
    const bool lastWasExtra = state->pending && !state->extra.empty();
    if (state->passed)
        verdict = state->atEnd ? tr("✔ Every check holds: the lesson is complete!")
                               : tr("✔ Every check holds: press Next.");
    else if (lastWasExtra && state->extra.back().stepCommand)
        verdict = tr("Not yet: that is the step's command, but it ended with exit status %1. Read its error.")
                      .arg(state->extra.back().exitCode);
    else if (lastWasExtra)
        verdict = tr("Not yet: that line ran as exploration (it is not this step's command); the step still waits "
                     "for its command.");
    else if (!firstWhy.isEmpty())
        verdict = tr("✘ Not yet: %1").arg(firstWhy);
    else
        verdict = tr("Not yet: type the step's command first.");
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(state->passed ? QStringLiteral("color:#007a4d") : QStringLiteral("color:#b03000"));

    m_back->setEnabled(!m_busy && state->index > 0);
    m_next->setEnabled(!m_busy && state->passed && !state->atEnd);
    m_next->setToolTip(state->passed ? QString() : tr("Next opens when every check holds"));
    m_reset->setEnabled(!m_busy);
    m_check->setEnabled(!m_busy);
    m_retry->setEnabled(!m_busy);
    m_picker->setEnabled(!m_busy);
    m_play->setEnabled(!m_busy && !state->passed);
    m_hintButton->setVisible(step.exercise);
    m_hintButton->setEnabled(!m_busy && !m_hintShown);
    m_solutionButton->setEnabled(!m_busy && !m_solutionShown && !state->solutionLines.empty());
    m_command->setEnabled(!m_busy);
    m_run->setEnabled(!m_busy);
    if (state->pending && !m_busy)
        m_command->setFocus();
}

} // namespace strata::gui
