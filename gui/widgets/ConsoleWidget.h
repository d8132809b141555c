// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The console: type what you would type after `strata` (or paste a whole
// `strata …`/`docker …` line). Commands go through the CLI's own parser on
// the engine thread; output and exit status come back here. Up/Down walk
// the history (kept in QSettings), Tab completes from the parser's commands
// and options and from image names. Ctrl+C or Stop ends a running command.
// `run -it`, `exec -it` and `attach` run in a terminal (TerminalView) that
// takes the console's place until the command ends; its last screen then
// goes into the transcript with the exit status. `logs -f` is refused.

#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QLabel;
class QToolButton;
class QCompleter;
class QStringListModel;
class QStackedWidget;

namespace strata::gui {

class EngineHost;
class TerminalSession;
class TerminalView;

class ConsoleWidget : public QWidget {
    Q_OBJECT
public:
    explicit ConsoleWidget(EngineHost *host, QWidget *parent = nullptr);

    void setImageNames(const QStringList &names);
    [[nodiscard]] QStringList history() const { return m_history; }
    [[nodiscard]] QString transcript() const;
    [[nodiscard]] QLineEdit *input() const { return m_input; }
    // Completions for the word under the cursor of a partial line.
    [[nodiscard]] QStringList completionsFor(const QString &line) const;
    // Runs a line as if typed (history, transcript): what a click on a scene does.
    void runLine(const QString &line);
    // The terminal of `run -it` & co (shown while such a command runs).
    [[nodiscard]] TerminalView *terminal() const { return m_terminal; }
    [[nodiscard]] bool terminalShown() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *e) override;

private:
    void submit();
    void retranslate();
    void complete();
    void showTerminal(int id, TerminalSession *session);
    void closeTerminal(int rc);

    EngineHost *m_host;
    QPlainTextEdit *m_output;
    QLineEdit *m_input;
    QLabel *m_prompt;
    QToolButton *m_stop; // ends the running command (Ctrl+C)
    QStringList m_history;
    int m_historyPos = 0;
    QStringList m_images;
    QStackedWidget *m_pages;    // the transcript, or the terminal while one runs
    TerminalView *m_terminal;
    QLabel *m_terminalHint;
    TerminalSession *m_session = nullptr;
    int m_terminalId = -1;      // the command the terminal belongs to
    int m_lastTerminalId = -1;
};

} // namespace strata::gui
