// SPDX-License-Identifier: GPL-3.0-or-later
// `exec -d` as Docker 20.10 does it (checked against docker.io): the command
// runs on in the container while exec returns at once with status 0 and
// prints nothing; a command that cannot start is an error with status 1; a
// stopped container is refused.
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <filesystem>
#include <unistd.h>

using strata::test::RunResult;
using strata::test::runStrata;

class TestCliExec : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;

    RunResult strata(QStringList args)
    {
        args.prepend(m_root.path());
        args.prepend(QStringLiteral("--root"));
        return runStrata(args, {}, 60000);
    }

    QString out(const QStringList &args)
    {
        const RunResult r = strata(args);
        if (r.exitCode != 0)
            qWarning("strata %s: exit %d: %s", qPrintable(args.join(' ')), r.exitCode, r.err.c_str());
        return QString::fromStdString(r.out).trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: containers here run as root");
        if (!std::filesystem::exists("/bin/busybox"))
            QSKIP("needs /bin/busybox (busybox-static) for the builtin image");
        QCOMPARE(strata({"run", "-d", "--name", "box", "strata/busybox", "sleep", "300"}).exitCode, 0);
    }

    void cleanupTestCase()
    {
        (void)strata({"rm", "-f", "box"});
        QCOMPARE(out({"ps", "-aq"}), QString()); // nothing left running
    }

    void detachedCommandRunsOnAndExecReturnsAtOnce()
    {
        // The command waits for a file the test makes: exec can only have
        // returned while it still runs.
        const RunResult r = strata({"exec", "-d", "box", "sh", "-c",
                                    "echo hidden; touch /made; while [ ! -e /go ]; do sleep 0.1; done; touch /done"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, std::string());
        QCOMPARE(r.err, std::string());
        QTRY_VERIFY_WITH_TIMEOUT(strata({"exec", "box", "test", "-e", "/made"}).exitCode == 0, 20000);
        QVERIFY2(out({"top", "box"}).contains("while [ ! -e /go ]"), qPrintable(out({"top", "box"})));
        QCOMPARE(strata({"exec", "box", "test", "-e", "/done"}).exitCode, 1);
        QCOMPARE(strata({"exec", "box", "touch", "/go"}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(strata({"exec", "box", "test", "-e", "/done"}).exitCode == 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!out({"top", "box"}).contains("while [ ! -e /go ]"), 20000);
    }

    void detachedStatusIsNotTheCommands()
    {
        const RunResult r = strata({"exec", "-d", "box", "sh", "-c", "exit 3"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, std::string());
    }

    void detachedCommandNotFoundIsAnError()
    {
        const RunResult r = strata({"exec", "-d", "box", "no-such-command"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.find("OCI runtime exec failed") != std::string::npos &&
                     r.err.find("\"no-such-command\": executable file not found in $PATH") != std::string::npos,
                 r.err.c_str());
    }

    void detachedIntoAStoppedContainerIsRefused()
    {
        const QString id = out({"create", "--name", "idle", "strata/busybox", "true"});
        const RunResult r = strata({"exec", "-d", "idle", "true"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.find("Container " + id.toStdString() + " is not running") != std::string::npos, r.err.c_str());
        QCOMPARE(strata({"rm", "idle"}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliExec)
#include "tst_CliExec.moc"
