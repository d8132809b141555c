// SPDX-License-Identifier: GPL-3.0-or-later
// The container verbs as a user meets them: the real `strata` binary on a
// fresh store root; exit statuses, ps STATUS strings, refusals and inspect
// compared with what Docker prints.
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <unistd.h>

using strata::test::RunResult;
using strata::test::runStrata;

class TestCliContainers : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;

    RunResult strata(QStringList args, const std::string &in = {})
    {
        args.prepend(m_root.path());
        args.prepend(QStringLiteral("--root"));
        return runStrata(args, in, 60000);
    }

    QString out(const QStringList &args)
    {
        const RunResult r = strata(args);
        if (r.exitCode != 0)
            qWarning("strata %s: exit %d: %s", qPrintable(args.join(' ')), r.exitCode, r.err.c_str());
        return QString::fromStdString(r.out).trimmed();
    }

    // The STATUS column of `ps -a` for one container.
    QString statusOf(const QString &name)
    {
        return out({"ps", "-a", "--format", "{{.Names}}|{{.Status}}"})
            .split('\n')
            .filter(QRegularExpression("^" + name + "\\|"))
            .value(0)
            .section('|', 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: containers here run as root");
        if (!std::filesystem::exists("/bin/busybox"))
            QSKIP("needs /bin/busybox (busybox-static) for the builtin image");
    }

    void cleanupTestCase()
    {
        const QString ids = out({"ps", "-aq"});
        if (!ids.isEmpty())
            (void)strata(QStringList{"rm", "-f"} + ids.split('\n'));
    }

    void runPropagatesOutputAndExitCode()
    {
        const RunResult r = strata({"run", "--name", "hello", "strata/busybox", "sh", "-c", "echo hi; echo err >&2; exit 3"});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.out, std::string("hi\n"));
        QVERIFY(r.err.find("err") != std::string::npos);
        QVERIFY2(QRegularExpression("^Exited \\(3\\) (Less than a second|\\d+ seconds?) ago$").match(statusOf("hello")).hasMatch(),
                 qPrintable(statusOf("hello")));
        const auto j = nlohmann::json::parse(out({"inspect", "hello"}).toStdString());
        QVERIFY(j.is_array() && j.size() == 1);
        for (const char *key : {"Id", "Created", "Path", "Args", "State", "Image", "Name", "Driver", "HostConfig",
                                "GraphDriver", "Mounts", "Config"})
            QVERIFY2(j[0].contains(key), key);
        QCOMPARE(j[0]["Name"].get<std::string>(), std::string("/hello"));
        QCOMPARE(j[0]["Path"].get<std::string>(), std::string("sh"));
        QCOMPARE(j[0]["State"]["ExitCode"].get<int>(), 3);
        for (const char *key : {"LowerDir", "UpperDir", "MergedDir", "WorkDir"})
            QVERIFY2(!j[0]["GraphDriver"]["Data"][key].get<std::string>().empty(), key);
        QVERIFY(j[0]["HostConfig"].contains("CapAdd") && j[0]["HostConfig"].contains("ReadonlyPaths"));
        // inspect still finds images, and the container verb only containers.
        QVERIFY(out({"inspect", "-f", "{{.Id}}", "strata/busybox"}).startsWith("sha256:"));
        QCOMPARE(strata({"container", "inspect", "strata/busybox"}).exitCode, 1);
        QCOMPARE(strata({"rm", "hello"}).exitCode, 0);
    }

    void createStartAndPsStatusStrings()
    {
        const QString id = out({"create", "--name", "later", "strata/busybox", "sleep", "60"});
        QVERIFY(QRegularExpression("^[0-9a-f]{64}$").match(id).hasMatch());
        QCOMPARE(statusOf("later"), QString("Created"));
        QVERIFY(!out({"ps"}).contains("later"));
        QCOMPARE(out({"start", "later"}), QString("later"));
        QVERIFY2(QRegularExpression("^Up (Less than a second|\\d+ seconds?)$").match(statusOf("later")).hasMatch(),
                 qPrintable(statusOf("later")));
        const QStringList ps = out({"ps"}).split('\n');
        QVERIFY(ps[0].startsWith("CONTAINER ID   IMAGE"));
        QVERIFY(ps[0].contains("COMMAND") && ps[0].contains("STATUS") && ps[0].endsWith("NAMES"));
        QVERIFY(ps.size() == 2 && ps[1].startsWith(id.left(12)) && ps[1].contains("\"sleep 60\""));
        QCOMPARE(out({"pause", "later"}), QString("later"));
        QVERIFY2(statusOf("later").endsWith("(Paused)"), qPrintable(statusOf("later")));
        QCOMPARE(out({"ps", "--format", "{{.State}}"}), QString("paused"));
        QCOMPARE(out({"unpause", "later"}), QString("later"));
        QCOMPARE(out({"ps", "-q"}), id.left(12));
        QCOMPARE(out({"ps", "-q", "--no-trunc"}), id);
        QCOMPARE(out({"kill", "later"}), QString("later"));
        QVERIFY2(statusOf("later").startsWith("Exited (137) "), qPrintable(statusOf("later")));
        QCOMPARE(out({"ps", "-l", "-q"}), id.left(12));
        QCOMPARE(out({"rm", "later"}), QString("later"));
    }

    void detachedLoopLogsTopStop()
    {
        const QString id = out({"run", "-d", "--name", "loop", "strata/busybox", "sh", "-c",
                                "while true; do echo abc; sleep 1; done"});
        QVERIFY(QRegularExpression("^[0-9a-f]{64}$").match(id).hasMatch());
        QTRY_VERIFY_WITH_TIMEOUT(out({"logs", "loop"}).count("abc") >= 2, 10000);
        QCOMPARE(out({"logs", "--tail", "1", "loop"}), QString("abc"));
        QVERIFY(QRegularExpression("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z abc$")
                    .match(out({"logs", "-t", "--tail", "1", "loop"}))
                    .hasMatch());
        const QStringList top = out({"top", "loop"}).split('\n');
        QVERIFY(top[0].startsWith("UID") && top[0].contains("PID") && top[0].endsWith("CMD"));
        QVERIFY(top.size() >= 2 && top[1].contains("sh -c while true"));
        QVERIFY(out({"exec", "loop", "hostname"}) == id.left(12));
        QCOMPARE(strata({"exec", "loop", "sh", "-c", "exit 7"}).exitCode, 7);

        const RunResult refused = strata({"rm", "loop"});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.find("You cannot remove a running container " + id.toStdString() +
                                  ". Stop the container before attempting removal or force remove") != std::string::npos,
                 refused.err.c_str());
        QVERIFY(out({"ps", "-q"}).contains(id.left(12)));

        QCOMPARE(out({"stop", "-t", "2", "loop"}), QString("loop"));
        QVERIFY2(QRegularExpression("^Exited \\((137|143)\\) ").match(statusOf("loop")).hasMatch(),
                 qPrintable(statusOf("loop")));
        QCOMPARE(out({"wait", "loop"}).toInt() == 137 || out({"wait", "loop"}).toInt() == 143, true);
        const auto dir = std::filesystem::path(m_root.path().toStdString()) / "containers" / id.toStdString();
        QVERIFY(std::filesystem::exists(dir));
        QCOMPARE(out({"rm", id.left(5)}), id.left(5));
        QVERIFY(!std::filesystem::exists(dir));
    }

    // restart = stop + start under one lifecycle lock: a running, a paused
    // and a stopped container all end running (Docker 20.10: a paused one is
    // unpaused first; RestartCount counts only the policy's restarts).
    void restartFromRunningPausedAndStopped()
    {
        QVERIFY(!out({"run", "-d", "--name", "again", "strata/busybox", "sleep", "300"}).isEmpty());
        const QString pid = out({"inspect", "-f", "{{.State.Pid}}", "again"});
        QCOMPARE(out({"restart", "-t", "0", "again"}), QString("again"));
        QCOMPARE(out({"inspect", "-f", "{{.State.Status}} {{.State.Paused}} {{.RestartCount}}", "again"}),
                 QString("running false 0"));
        QVERIFY(out({"inspect", "-f", "{{.State.Pid}}", "again"}) != pid);
        QCOMPARE(out({"pause", "again"}), QString("again"));
        QCOMPARE(out({"restart", "-t", "0", "again"}), QString("again"));
        QCOMPARE(out({"inspect", "-f", "{{.State.Status}} {{.State.Paused}}", "again"}), QString("running false"));
        QCOMPARE(out({"stop", "-t", "0", "again"}), QString("again"));
        QCOMPARE(out({"restart", "again"}), QString("again"));
        QCOMPARE(out({"inspect", "-f", "{{.State.Status}}", "again"}), QString("running"));
        QVERIFY(out({"top", "again"}).contains("sleep 300"));
        QCOMPARE(out({"rm", "-f", "again"}), QString("again"));
    }

    void rmRemovesAutoAndRenameWaitWork()
    {
        const RunResult r = strata({"run", "--rm", "strata/busybox", "true"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(out({"ps", "-aq"}).isEmpty());
        out({"create", "--name", "first", "strata/busybox", "sh", "-c", "exit 5"});
        QCOMPARE(strata({"rename", "first", "second"}).exitCode, 0);
        QVERIFY(out({"ps", "-a", "--format", "{{.Names}}"}) == "second");
        out({"start", "second"});
        QCOMPARE(out({"wait", "second"}), QString("5"));
        const RunResult missing = strata({"start", "first"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.find("No such container: first") != std::string::npos);
        // rmi refuses an image a container uses.
        const RunResult rmi = strata({"rmi", "strata/busybox"});
        QCOMPARE(rmi.exitCode, 1);
        QVERIFY2(rmi.err.find("conflict: unable to remove repository reference \"strata/busybox\" (must force) - "
                              "container") != std::string::npos,
                 rmi.err.c_str());
        QCOMPARE(out({"rm", "second"}), QString("second"));
    }

    void commandNotFoundIs127()
    {
        const RunResult r = strata({"run", "--name", "nocmd", "strata/busybox", "no-such-command"});
        QCOMPARE(r.exitCode, 127);
        QVERIFY2(r.err.find("executable file not found") != std::string::npos, r.err.c_str());
        QCOMPARE(statusOf("nocmd"), QString("Created"));
        out({"rm", "nocmd"});
    }

    void runFlagsReachTheCommand()
    {
        const RunResult r = strata({"run", "--rm", "-e", "FOO=bar", "-w", "/tmp", "-u", "1000", "--hostname", "myhost",
                                    "--entrypoint", "sh", "strata/busybox", "-c", "echo $FOO $(pwd) $(id -u) $(hostname)"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, std::string("bar /tmp 1000 myhost\n"));
        const RunResult caps = strata({"run", "--rm", "--cap-drop", "ALL", "--cap-add", "KILL", "strata/busybox", "grep",
                                       "CapEff", "/proc/self/status"});
        QCOMPARE(caps.out, std::string("CapEff:\t0000000000000020\n"));
        const RunResult host = strata({"run", "--rm", "--network", "host", "strata/busybox", "hostname"});
        char name[256] = {};
        ::gethostname(name, sizeof name - 1);
        QCOMPARE(host.out, std::string(name) + "\n");
        // -d with nothing in the foreground stops at once (the notes' warning).
        const QString id = out({"run", "-d", "strata/busybox"});
        QCOMPARE(out({"wait", id}), QString("0"));
        QVERIFY(statusOf(out({"ps", "-a", "--format", "{{.Names}}", "-l"})).startsWith("Exited (0)"));
        out({"rm", id});
    }

    void logsFollowEndsWithTheContainer()
    {
        out({"run", "-d", "--name", "counter", "strata/busybox", "sh", "-c", "for i in 1 2 3; do echo line$i; sleep 0.5; done"});
        const RunResult r = strata({"logs", "-f", "counter"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, std::string("line1\nline2\nline3\n"));
        QVERIFY(statusOf("counter").startsWith("Exited (0)"));
        out({"rm", "counter"});
    }

    void stepModeOnCreateStartRm()
    {
        const RunResult c = strata({"create", "--step", "--name", "stepper", "strata/busybox", "true"}, "\n\n");
        QCOMPARE(c.exitCode, 0);
        QVERIFY(c.err.find("[step 1/2] create: add-rw-layer") != std::string::npos);
        QVERIFY(c.err.find("[step 2/2] create: prepare-init-layer") != std::string::npos);
        const RunResult s = strata({"start", "--step", "stepper"}, std::string(8, '\n'));
        QCOMPARE(s.exitCode, 0);
        QVERIFY2(s.err.find("[step 1/6] start: mount-union") != std::string::npos, s.err.c_str());
        QVERIFY(s.err.find("[step 6/6] start: exec") != std::string::npos);
        QCOMPARE(out({"wait", "stepper"}), QString("0"));
        const RunResult rm = strata({"rm", "--step", "stepper"}, std::string(4, '\n'));
        QCOMPARE(rm.exitCode, 0);
        QVERIFY2(rm.err.find("[step 3/3] rm: remove-layer") != std::string::npos, rm.err.c_str());
        QVERIFY(!out({"ps", "-a"}).contains("stepper"));
    }

    void stepModePrintsEachPhase()
    {
        const RunResult r = strata({"run", "--rm", "--step", "strata/busybox", "echo", "stepped"}, std::string(16, '\n'));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, std::string("stepped\n"));
        for (const char *phase : {"[step 1/8] run: add-rw-layer", "[step 2/8] run: prepare-init-layer",
                                  "[step 3/8] run: mount-union", "run: create-namespaces", "run: pivot-root",
                                  "run: drop-capabilities", "[step 8/8] run: exec"})
            QVERIFY2(r.err.find(phase) != std::string::npos, (std::string(phase) + " missing in: " + r.err).c_str());
    }
};

QTEST_GUILESS_MAIN(TestCliContainers)
#include "tst_CliContainers.moc"
