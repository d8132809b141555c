// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 17 item 7: the console hosts interactive containers in a real
// terminal. `run -it strata/busybox sh` opens it; typed keys reach the
// shell (`echo hi; exit` prints hi and the container exits 0, its screen
// left in the transcript); Ctrl+C interrupts the container's foreground
// command, not the console; colours and the window size get through;
// Ctrl+P Ctrl+Q detaches and leaves the container running (`ps`), `attach`
// joins it again, `exec -it` opens a second shell beside PID 1.
#include "app/Language.h"
#include "core/EngineHost.h"
#include "core/VtermScreen.h"
#include "lesson/LessonPanel.h"
#include "lesson/LessonSession.h"
#include "widgets/ConsoleWidget.h"
#include "widgets/MainWindow.h"
#include "widgets/TerminalView.h"

#include <QApplication>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace strata::gui;

class TestConsoleTerminal : public QObject {
    Q_OBJECT
    QTemporaryDir m_root;
    std::unique_ptr<MainWindow> m_w;
    QString m_whyNot;

    ConsoleWidget *console() { return m_w->console(); }
    TerminalView *term() { return console()->terminal(); }
    QString screen() { return term()->screen().text(); }
    // busybox's prompt "/ # " (trailing blanks are not in the text) on the last line.
    bool prompted() { return screen().contains(QRegularExpression(QStringLiteral("# ?$"))); }

    // Runs a line without a terminal and returns its exit status (out: its stdout).
    int run(const QString &line, QString *out = nullptr)
    {
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        const int id = m_w->host()->run(line);
        QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired()) {
            for (const auto &args : done)
                if (args.at(0).toInt() == id) {
                    if (out)
                        *out = args.at(2).toString();
                    return args.at(1).toInt();
                }
            done.wait(100);
        }
        return -1;
    }

    // Types into the terminal as a student would.
    void type(const QString &text)
    {
        QTest::keyClicks(term(), text);
        QTest::keyClick(term(), Qt::Key_Return);
    }

    // Opens `line` in the console's terminal and waits for busybox's prompt.
    bool openShell(const QString &line)
    {
        console()->runLine(line);
        if (!QTest::qWaitFor([&] { return console()->terminalShown(); }, 30000))
            return false;
        return QTest::qWaitFor([&] { return prompted(); }, 30000);
    }

    QString inspect(const QString &format, const QString &name)
    {
        QString out;
        (void)run(QStringLiteral("inspect -f \"%1\" %2").arg(format, name), &out);
        return out.trimmed();
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("StrataConsoleTerminalTest"));
        setLanguage(QStringLiteral("en"));
        StartOptions o;
        o.engine.root = m_root.path().toStdString();
        m_w = std::make_unique<MainWindow>(o);
        m_w->resize(1600, 1000);
        m_w->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 120000);
        if (::geteuid() != 0)
            QSKIP("containers need root (user namespaces are not set up for this run)");
        QString out;
        if (run(QStringLiteral("run --rm strata/busybox true"), &out) != 0)
            m_whyNot = QStringLiteral("the kernel refused a container here");
    }

    void runItEchoExit()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        QVERIFY2(openShell(QStringLiteral("run -it --name t1 strata/busybox sh")), qPrintable(screen()));
        QVERIFY(term()->hasFocus());
        // The pty's size is the view's: the container's stty reads it.
        const QSize grid = term()->cellGrid();
        type(QStringLiteral("stty size"));
        const QString size = QStringLiteral("%1 %2").arg(grid.height()).arg(grid.width());
        QVERIFY2(QTest::qWaitFor([&] { return screen().contains(QRegularExpression("^" + size + "$", QRegularExpression::MultilineOption)); }, 20000),
                 qPrintable(size + " not in:\n" + screen()));
        // Colours: a red word's cells are red.
        type(QStringLiteral("printf '\\033[31mRED\\033[0m\\n'"));
        QVERIFY(QTest::qWaitFor([&] { return screen().contains(QRegularExpression("^RED$", QRegularExpression::MultilineOption)); }, 20000));
        bool red = false;
        for (int r = 0; r < term()->screen().rows() && !red; ++r)
            if (term()->screen().lineText(r) == QLatin1String("RED"))
                red = term()->screen().cell(r, 0).fg.isValid() && term()->screen().cell(r, 0).fg.red() > 150;
        QVERIFY(red);
        // For the README and for looking at it: the window with the terminal open.
        (void)m_w->grab().save(QStringLiteral("console-terminal.png"));
        // Ctrl+C goes to the container's foreground command, the shell stays.
        type(QStringLiteral("sleep 321; echo after=$?"));
        // Ctrl+C: SIGINT kills sleep and the interactive shell drops the rest
        // of the line (as bash does), back at its prompt; $? says 130.
        QVERIFY(QTest::qWaitFor([&] { return screen().endsWith(QStringLiteral("after=$?")); }, 10000));
        QTest::keyClick(term(), Qt::Key_C, Qt::ControlModifier);
        QVERIFY2(QTest::qWaitFor([&] { return prompted(); }, 20000), qPrintable(screen()));
        type(QStringLiteral("echo rc=$?"));
        QVERIFY2(QTest::qWaitFor([&] { return screen().contains(QRegularExpression("^rc=130$", QRegularExpression::MultilineOption)); }, 20000),
                 qPrintable(screen()));
        QVERIFY(!screen().contains(QStringLiteral("after=")) || !screen().contains(QRegularExpression("^after=", QRegularExpression::MultilineOption)));
        QVERIFY(done.isEmpty()); // still running
        type(QStringLiteral("echo hi; exit"));
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 30000));
        QCOMPARE(done.front().at(1).toInt(), 0);
        QVERIFY(!console()->terminalShown()); // back at the prompt
        QVERIFY(console()->input()->isEnabled());
        const QString transcript = console()->transcript();
        QVERIFY2(transcript.contains(QRegularExpression("^hi$", QRegularExpression::MultilineOption)), qPrintable(transcript));
        QVERIFY(transcript.contains(QStringLiteral("(exit status 0)")));
        QCOMPARE(inspect(QStringLiteral("{{.State.Status}} {{.State.ExitCode}}"), QStringLiteral("t1")), QStringLiteral("exited 0"));
    }

    void detachKeysLeaveItRunning()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        QVERIFY2(openShell(QStringLiteral("run -it --name t2 strata/busybox sh")), qPrintable(screen()));
        type(QStringLiteral("echo before > /tmp/mark"));
        QTest::keyClick(term(), Qt::Key_P, Qt::ControlModifier);
        QTest::keyClick(term(), Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 30000));
        QCOMPARE(done.front().at(1).toInt(), 0);
        QVERIFY(console()->transcript().contains(QStringLiteral("detached")));
        QString ps;
        QCOMPARE(run(QStringLiteral("ps"), &ps), 0);
        QVERIFY2(ps.contains(QStringLiteral("t2")) && ps.contains(QStringLiteral("Up ")), qPrintable(ps));

        // exec -it: a second shell beside PID 1; its exit leaves the container running.
        done.clear();
        QVERIFY2(openShell(QStringLiteral("exec -it t2 sh")), qPrintable(screen()));
        type(QStringLiteral("cat /tmp/mark; exit 3"));
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 30000));
        QCOMPARE(done.front().at(1).toInt(), 3);
        QVERIFY(console()->transcript().contains(QStringLiteral("(exit status 3)")));
        QCOMPARE(inspect(QStringLiteral("{{.State.Status}}"), QStringLiteral("t2")), QStringLiteral("running"));

        // attach: back to PID 1's shell; exit there ends the container.
        done.clear();
        console()->runLine(QStringLiteral("attach t2"));
        QVERIFY(QTest::qWaitFor([&] { return console()->terminalShown(); }, 30000));
        QTest::keyClick(term(), Qt::Key_Return); // a fresh prompt (attach shows nothing before output)
        QVERIFY2(QTest::qWaitFor([&] { return prompted(); }, 20000), qPrintable(screen()));
        type(QStringLiteral("exit 0"));
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 30000));
        QCOMPARE(done.front().at(1).toInt(), 0);
        QCOMPARE(inspect(QStringLiteral("{{.State.Status}}"), QStringLiteral("t2")), QStringLiteral("exited"));
    }

    // Lesson 6's interactive step in the app: the line typed in the lesson
    // player opens the console's terminal, the student types into it, and
    // the step's checks read the engine's state afterwards.
    void lessonStepTypedInTheTerminal()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        m_w->openLesson(QStringLiteral("6"));
        QVERIFY(QTest::qWaitFor([&] { return m_w->lessonSession() && m_w->lessonSession()->state() && !m_w->lessonSession()->busy(); }, 120000));
        const auto step = m_w->lessonSession()->state()->lesson->findStep("exec-it");
        QVERIFY(step);
        m_w->lessonSession()->jumpTo(static_cast<int>(*step));
        QVERIFY(QTest::qWaitFor([&] { return !m_w->lessonSession()->busy() && m_w->lessonSession()->state()->index == *step; }, 180000));
        QVERIFY(!m_w->lessonSession()->state()->passed);
        m_w->lessonPanel()->commandBox()->setText(QStringLiteral("exec -it box /bin/sh"));
        QTest::keyClick(m_w->lessonPanel()->commandBox(), Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return console()->terminalShown(); }, 30000));
        QVERIFY2(QTest::qWaitFor([&] { return prompted(); }, 30000), qPrintable(screen()));
        type(QStringLiteral("echo from exec > /tmp/exec-it.txt; exit"));
        QVERIFY(QTest::qWaitFor([&] { return !console()->terminalShown() && !m_w->lessonSession()->busy(); }, 60000));
        const auto st = m_w->lessonSession()->state();
        QVERIFY2(st->passed, qPrintable(console()->transcript().right(1500)));
        // The console follows the lesson's store while it is open: leave nothing running there.
        QCOMPARE(run(QStringLiteral("rm -f web box hello")), 0);
        m_w->lessonSession()->close();
        QVERIFY(QTest::qWaitFor([&] { return !m_w->lessonSession()->busy(); }, 30000));
    }

    // A test that failed half-way leaves its command in the terminal: Stop it.
    void cleanup()
    {
        if (m_w && m_w->host()->pendingCommands() > 0) {
            m_w->host()->cancel();
            QTest::qWaitFor([&] { return m_w->host()->pendingCommands() == 0; }, 30000);
        }
    }

    void cleanupTestCase()
    {
        if (m_w)
            (void)run(QStringLiteral("rm -f t1 t2"));
        m_w.reset();
    }
};

QTEST_MAIN(TestConsoleTerminal)
#include "tst_ConsoleTerminal.moc"
