// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 18: the console's terminal on a real host. With the window on
// podman's API service (a temporary socket, a podman store of the suite's
// own), `exec -it` opens the same terminal widget as on Strata's engine,
// wired to the host's hijacked stream: typed keys reach the shell, the
// widget's size is the container's, the exit code comes back; `run -it`
// then Ctrl+P Ctrl+Q leaves the host's container running.
#include "app/Language.h"
#include "core/EngineHost.h"
#include "core/VtermScreen.h"
#include "tests/interop/PodmanService.h"
#include "widgets/ConsoleWidget.h"
#include "widgets/MainWindow.h"
#include "widgets/TerminalView.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>


namespace fs = std::filesystem;
using namespace strata::gui;
using strata::test::PodmanSandbox;
using strata::test::PodmanService;
using strata::test::RunResult;

namespace {
const QString kImage = QStringLiteral("localhost/strata-gui-term:1");
}

class tst_GuiHostTerminal : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_dir;
    std::unique_ptr<PodmanSandbox> m_podman;
    std::unique_ptr<PodmanService> m_service;
    std::unique_ptr<MainWindow> m_w;

    ConsoleWidget *console() { return m_w->console(); }
    TerminalView *term() { return console()->terminal(); }
    QString screen() { return term()->screen().text(); }
    bool prompted() { return screen().contains(QRegularExpression(QStringLiteral("# ?$"))); }
    void type(const QString &text)
    {
        QTest::keyClicks(term(), text);
        QTest::keyClick(term(), Qt::Key_Return);
    }
    std::string status(const QString &name) const
    {
        return QString::fromStdString(m_podman->run({"inspect", "--format", "{{.State.Status}}", name}).out)
                .trimmed()
                .toStdString();
    }
    // A line without a terminal; its exit status (-1 when it never ends).
    int run(const QString &line, QString *err = nullptr)
    {
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        const int id = m_w->host()->run(line);
        QDeadlineTimer deadline(120000);
        while (!deadline.hasExpired()) {
            for (const auto &args : done)
                if (args.at(0).toInt() == id) {
                    if (err)
                        *err = args.at(3).toString();
                    return args.at(1).toInt();
                }
            done.wait(100);
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (strata::test::runProgram("podman", {"--version"}).exitCode != 0)
            QSKIP("podman is not installed (Debian package podman): no real host to show");
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.path().toStdString();
        bool missingPackage = false;
        const QString why = strata::test::startPodmanHost(m_dir, kImage, m_podman, m_service, &missingPackage);
        if (missingPackage)
            QSKIP(qPrintable(why));
        QVERIFY2(why.isEmpty(), qPrintable(why));

        qputenv("XDG_CACHE_HOME", QByteArray::fromStdString((m_dir / "cache").string()));
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
        setLanguage(QStringLiteral("en"));
        StartOptions o;
        o.engine.root = m_dir / "strata-store";
        o.host = m_service->url();
        o.ensureBuiltins = false;
        m_w = std::make_unique<MainWindow>(o);
        m_w->resize(1600, 1000);
        m_w->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 120000);
        QString err;
        const int rc = run(QStringLiteral("run -d --name strata-gui-exec --network none %1").arg(kImage), &err);
        if (rc != 0 && err.contains(QLatin1String("OCI")))
            QSKIP(qPrintable(QStringLiteral("podman cannot run a container here: ") + err));
        QVERIFY2(rc == 0, qPrintable(err));
    }

    void cleanupTestCase()
    {
        m_w.reset();
        if (m_service)
            m_service->stop();
        if (m_podman) {
            m_podman->run({"rm", "-f", "-t", "0", "-a"});
            m_podman->run({"system", "reset", "-f"});
        }
    }

    void execItOpensTheTerminal()
    {
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        console()->runLine(QStringLiteral("exec -it strata-gui-exec sh"));
        QVERIFY(QTest::qWaitFor([&] { return console()->terminalShown(); }, 30000));
        QVERIFY2(QTest::qWaitFor([&] { return prompted(); }, 30000), qPrintable(screen()));
        // The widget's size is the container's terminal's (the host's resize).
        const QSize grid = term()->cellGrid();
        const QString size = QStringLiteral("%1 %2").arg(grid.height()).arg(grid.width());
        QDeadlineTimer deadline(30000);
        const QRegularExpression sized("^" + size + "$", QRegularExpression::MultilineOption);
        while (!screen().contains(sized) && !deadline.hasExpired()) {
            type(QStringLiteral("stty size")); // the host applies a resize asynchronously
            (void)QTest::qWaitFor([&] { return screen().contains(sized); }, 1000);
        }
        QVERIFY2(screen().contains(sized), qPrintable(size + " not in:\n" + screen()));
        (void)m_w->grab().save(QStringLiteral("console-host-terminal.png"));
        type(QStringLiteral("echo in-e''xec; exit 4"));
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 30000));
        QCOMPARE(done.front().at(1).toInt(), 4);
        QVERIFY(!console()->terminalShown());
        const QString transcript = console()->transcript();
        QVERIFY2(transcript.contains(QRegularExpression("^in-exec$", QRegularExpression::MultilineOption)), qPrintable(transcript));
        QVERIFY(transcript.contains(QStringLiteral("(exit status 4)")));
        QCOMPARE(status(QStringLiteral("strata-gui-exec")), std::string("running"));
    }

    void runItThenDetach()
    {
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        console()->runLine(QStringLiteral("run -it --name strata-gui-run --network none %1 sh").arg(kImage));
        QVERIFY(QTest::qWaitFor([&] { return console()->terminalShown(); }, 30000));
        QVERIFY2(QTest::qWaitFor([&] { return prompted(); }, 30000), qPrintable(screen()));
        QTest::keyClick(term(), Qt::Key_P, Qt::ControlModifier);
        QTest::keyClick(term(), Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 30000));
        QCOMPARE(done.front().at(1).toInt(), 0);
        QVERIFY(console()->transcript().contains(QStringLiteral("detached")));
        QCOMPARE(status(QStringLiteral("strata-gui-run")), std::string("running"));
    }
};

QTEST_MAIN(tst_GuiHostTerminal)
#include "tst_GuiHostTerminal.moc"
