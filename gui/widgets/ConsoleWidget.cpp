// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ConsoleWidget.h"

#include "core/CommandLine.h"
#include "core/EngineHost.h"
#include "core/TerminalSession.h"
#include "core/VtermScreen.h"
#include "widgets/TerminalView.h"
#include "engine/cli/RunCli.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::gui {

ConsoleWidget::ConsoleWidget(EngineHost *host, QWidget *parent) : QWidget(parent), m_host(host)
{
    m_output = new QPlainTextEdit(this);
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setMaximumBlockCount(5000);
    m_output->setObjectName(QStringLiteral("consoleOutput"));
    m_prompt = new QLabel(QStringLiteral("$ strata"), this);
    m_prompt->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input = new QLineEdit(this);
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setObjectName(QStringLiteral("consoleInput"));
    m_input->installEventFilter(this);
    m_stop = new QToolButton(this);
    m_stop->setObjectName(QStringLiteral("consoleStop"));
    m_stop->setIcon(style()->standardIcon(QStyle::SP_BrowserStop));
    m_stop->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_stop->setEnabled(false);
    connect(m_stop, &QToolButton::clicked, host, &EngineHost::cancel);
    connect(host, &EngineHost::busyChanged, m_stop, &QWidget::setEnabled);
    auto *row = new QHBoxLayout;
    row->addWidget(m_prompt);
    row->addWidget(m_input, 1);
    row->addWidget(m_stop);
    m_terminal = new TerminalView(this);
    m_terminalHint = new QLabel(this);
    m_terminalHint->setObjectName(QStringLiteral("terminalHint"));
    m_terminalHint->setWordWrap(true);
    auto *terminalPage = new QWidget(this);
    auto *terminalLayout = new QVBoxLayout(terminalPage);
    terminalLayout->setContentsMargins(0, 0, 0, 0);
    terminalLayout->setSpacing(2);
    terminalLayout->addWidget(m_terminalHint);
    terminalLayout->addWidget(m_terminal, 1);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_output);
    m_pages->addWidget(terminalPage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_pages, 1);
    layout->addLayout(row);
    connect(host, &EngineHost::terminalOpened, this, &ConsoleWidget::showTerminal);
    connect(m_input, &QLineEdit::returnPressed, this, &ConsoleWidget::submit);
    connect(host, &EngineHost::commandStarted, this, [this](int, const QString &line) {
        m_output->appendPlainText(QStringLiteral("$ strata %1").arg(line));
    });
    connect(host, &EngineHost::commandFinished, this, [this](int id, int rc, const QString &out, const QString &err) {
        if (id == m_terminalId)
            closeTerminal(rc);
        else if (!out.isEmpty())
            m_output->appendPlainText(out.endsWith('\n') ? out.chopped(1) : out);
        if (!err.isEmpty())
            m_output->appendHtml(QStringLiteral("<span style='color:#b03000'>%1</span>")
                                     .arg((err.endsWith('\n') ? err.chopped(1) : err).toHtmlEscaped().replace('\n', "<br>")));
        if (rc != 0 && id != m_lastTerminalId)
            m_output->appendPlainText(tr("(exit status %1)").arg(rc));
        m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
    });
    m_history = QSettings().value(QStringLiteral("console/history")).toStringList();
    m_historyPos = m_history.size();
    retranslate();
}

void ConsoleWidget::showTerminal(int id, TerminalSession *session)
{
    m_terminalId = id;
    m_terminal->attach(session);
    m_pages->setCurrentIndex(1);
    m_terminal->setFocus();
    m_input->setEnabled(false);
    m_session = session;
}

void ConsoleWidget::closeTerminal(int rc)
{
    const bool detached = m_session && m_session->endedWithDetachKeys() && rc == 0;
    // The terminal's last screen stays in the transcript, as a terminal's scrollback would.
    const QString screen = m_terminal->screen().text();
    if (!screen.isEmpty())
        m_output->appendPlainText(screen);
    m_output->appendPlainText(detached ? tr("(detached with Ctrl+P Ctrl+Q: the container keeps running; attach to it again)")
                                       : tr("(exit status %1)").arg(rc));
    m_terminal->attach(nullptr);
    m_session = nullptr;
    m_lastTerminalId = m_terminalId;
    m_terminalId = -1;
    m_pages->setCurrentIndex(0);
    m_input->setEnabled(true);
    m_input->setFocus();
}

bool ConsoleWidget::terminalShown() const
{
    return m_pages->currentIndex() == 1;
}

void ConsoleWidget::retranslate()
{
    m_terminalHint->setText(tr("Interactive: keys go to the container. exit (or Ctrl+D) ends the shell; "
                               "Ctrl+P Ctrl+Q detaches and leaves the container running; Stop kills it."));
    m_input->setPlaceholderText(tr("type a command, e.g. images, history strata/demo-web:1.0, image tree strata/demo-web:1.0 (Tab completes)"));
    m_input->setToolTip(tr("Same commands and options as the strata CLI. Up/Down: history. Tab: complete. Ctrl+C: stop the running command."));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("End the running command (Ctrl+C): releases a Step wait, kills the container it started"));
}

void ConsoleWidget::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void ConsoleWidget::setImageNames(const QStringList &names)
{
    m_images = names;
}

QString ConsoleWidget::transcript() const
{
    return m_output->toPlainText();
}

void ConsoleWidget::submit()
{
    const QString line = m_input->text().trimmed();
    m_input->clear();
    runLine(line);
}

void ConsoleWidget::runLine(const QString &line)
{
    if (line.trimmed().isEmpty())
        return;
    if (m_history.isEmpty() || m_history.last() != line)
        m_history << line;
    while (m_history.size() > 200)
        m_history.removeFirst();
    m_historyPos = m_history.size();
    QSettings().setValue(QStringLiteral("console/history"), m_history);
    m_host->run(line.trimmed());
}

QStringList ConsoleWidget::completionsFor(const QString &line) const
{
    auto words = splitCommandLine(line.toStdString()).value_or(std::vector<std::string>{});
    std::string prefix;
    if (!line.isEmpty() && !line.endsWith(' ') && !words.empty()) {
        prefix = words.back();
        words.pop_back();
    }
    if (!words.empty() && (words.front() == "strata" || words.front() == "docker"))
        words.erase(words.begin());
    // The CLI's own parser: the same commands and options the terminal has.
    engine::cli::CliContext ctx;
    auto app = engine::cli::makeCliApp(ctx);
    CLI::App *at = app.get();
    for (const auto &w : words) {
        auto subs = at->get_subcommands([&](CLI::App *s) { return s->get_name() == w; });
        if (!subs.empty())
            at = subs.front();
    }
    QStringList out;
    const QString p = QString::fromStdString(prefix);
    if (prefix.rfind('-', 0) == 0) {
        for (const CLI::Option *o : at->get_options()) {
            for (const auto &l : o->get_lnames())
                out << QStringLiteral("--%1").arg(QString::fromStdString(l));
            for (const auto &s : o->get_snames())
                out << QStringLiteral("-%1").arg(QString::fromStdString(s));
        }
    } else {
        for (CLI::App *s : at->get_subcommands([](CLI::App *s) { return !s->get_group().empty(); }))
            out << QString::fromStdString(s->get_name());
        if (at != app.get())
            out << m_images;
    }
    out.removeDuplicates();
    QStringList matching;
    for (const auto &c : out)
        if (c.startsWith(p))
            matching << c;
    matching.sort();
    return matching;
}

void ConsoleWidget::complete()
{
    const QString line = m_input->text();
    const QStringList options = completionsFor(line);
    if (options.isEmpty())
        return;
    const int cut = line.endsWith(' ') ? line.size() : line.lastIndexOf(' ') + 1;
    const QString head = line.left(cut);
    if (options.size() == 1) {
        m_input->setText(head + options.front() + ' ');
        return;
    }
    // Longest common prefix, and the choices listed in the output.
    QString common = options.front();
    for (const auto &o : options)
        while (!o.startsWith(common))
            common.chop(1);
    m_input->setText(head + common);
    m_output->appendPlainText(options.join(QStringLiteral("  ")));
}

bool ConsoleWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto *k = static_cast<QKeyEvent *>(event);
        if (k->key() == Qt::Key_C && (k->modifiers() & Qt::ControlModifier) && !m_input->hasSelectedText()) {
            if (m_host->pendingCommands() > 0) {
                m_output->appendPlainText(QStringLiteral("^C"));
                m_host->cancel();
            } else {
                m_input->clear(); // a shell's Ctrl+C: drop the line being typed
            }
            return true;
        }
        if (k->key() == Qt::Key_Tab) {
            complete();
            return true;
        }
        if (k->key() == Qt::Key_Up && m_historyPos > 0) {
            m_input->setText(m_history.value(--m_historyPos));
            return true;
        }
        if (k->key() == Qt::Key_Down) {
            m_historyPos = std::min<int>(m_historyPos + 1, m_history.size());
            m_input->setText(m_history.value(m_historyPos));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace strata::gui
