// SPDX-License-Identifier: GPL-3.0-or-later
// diff, commit, cp and export as a user meets them: the real `strata` binary
// running real containers (built once per union driver: STRATA_TEST_DRIVER),
// output compared with what Docker prints. Needs root for namespaces; skips
// with the kernel's answer when a container cannot run here.
#include "tests/support/TarBuilder.h"
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

#include <set>
#include <sys/stat.h>

#ifndef STRATA_TEST_DRIVER
#error "build with STRATA_TEST_DRIVER=\"overlay\" or \"userspace\""
#endif

using strata::test::RunResult;
using strata::test::runStrata;
namespace stdfs = std::filesystem;

class TestCliContainerFs : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QTemporaryDir m_host;

    RunResult strata(const QStringList &args, const std::string &in = {})
    {
        return strata::test::runStrataOn(m_root.path(), QStringLiteral(STRATA_TEST_DRIVER), args, in);
    }

    QString out(const QStringList &args)
    {
        const RunResult r = strata(args);
        if (r.exitCode != 0)
            qWarning("strata %s: exit %d: %s", qPrintable(args.join(' ')), r.exitCode, r.err.c_str());
        return QString::fromStdString(r.out);
    }

    [[nodiscard]] stdfs::path host(const std::string &name) const { return stdfs::path(m_host.path().toStdString()) / name; }

    // Runs a container to completion; skips the test when containers cannot run here.
    bool runOrSkip(const QStringList &args)
    {
        const RunResult r = strata(QStringList{"run"} + args);
        if (r.exitCode != 0) {
            QTest::qSkip(qPrintable(QStringLiteral("containers cannot run here (%1 driver): %2")
                                        .arg(STRATA_TEST_DRIVER, QString::fromStdString(r.err).trimmed())),
                         __FILE__, __LINE__);
            return false;
        }
        return true;
    }

    static std::set<std::string> names(const std::string &tar)
    {
        std::set<std::string> out;
        for (auto e : strata::test::listArchive(tar)) {
            if (!e.name.empty() && e.name.back() == '/')
                e.name.pop_back();
            out.insert(e.name);
        }
        return out;
    }

private Q_SLOTS:
    void diffCommitHistoryAndANewContainer()
    {
        if (!runOrSkip({"--name", "c1", "strata/busybox", "sh", "-c", "touch /happiness.txt; rm /etc/motd"}))
            return;
        QCOMPARE(out({"diff", "c1"}), QStringLiteral("C /etc\nD /etc/motd\nA /happiness.txt\n"));
        QCOMPARE(out({"container", "diff", "c1"}), out({"diff", "c1"}));

        const QString id = out({"commit", "-m", "first change", "-a", "Ann <ann@example.org>", "c1", "mine:v1"}).trimmed();
        QVERIFY2(QRegularExpression("^sha256:[0-9a-f]{64}$").match(id).hasMatch(), qPrintable(id));
        const QStringList history = out({"history", "mine:v1"}).split('\n', Qt::SkipEmptyParts);
        QVERIFY(history.size() >= 3);
        QVERIFY2(history[1].startsWith(id.mid(7, 12)), qPrintable(history[1]));
        QVERIFY2(history[1].contains("sh -c touch /happiness.txt; rm /etc/motd"), qPrintable(history[1]));
        QVERIFY2(history[1].trimmed().endsWith("first change"), qPrintable(history[1]));

        const auto image = nlohmann::json::parse(out({"image", "inspect", "mine:v1"}).toStdString())[0];
        const auto base = nlohmann::json::parse(out({"image", "inspect", "strata/busybox"}).toStdString())[0];
        QCOMPARE(image["RootFS"]["Layers"].size(), base["RootFS"]["Layers"].size() + 1);
        QCOMPARE(image["Author"].get<std::string>(), std::string("Ann <ann@example.org>"));
        QCOMPARE(image["Comment"].get<std::string>(), std::string("first change"));

        // A new container from the committed image sees the change.
        QCOMPARE(strata({"run", "--rm", "mine:v1", "ls", "/happiness.txt"}).exitCode, 0);
        QVERIFY(strata({"run", "--rm", "mine:v1", "cat", "/etc/motd"}).exitCode != 0);
    }

    void commitAppliesChangesAndKeepsARunningContainerRunning()
    {
        if (!runOrSkip({"-d", "--name", "r1", "strata/busybox", "sh", "-c", "while true; do echo abc >> /log; sleep 0.2; done"}))
            return;
        const QString id = out({"commit", "-c", "ENV MOOD=happy", "-c", R"(CMD ["cat", "/log"])", "r1", "logger"}).trimmed();
        QVERIFY(id.startsWith("sha256:"));
        const auto image = nlohmann::json::parse(out({"image", "inspect", "logger"}).toStdString())[0];
        QVERIFY2(image["Config"]["Env"].dump().find("MOOD=happy") != std::string::npos, image["Config"].dump().c_str());
        QCOMPARE(image["Config"]["Cmd"].dump(), std::string(R"(["cat","/log"])"));
        QVERIFY2(out({"ps", "--format", "{{.Names}} {{.Status}}"}).contains(QRegularExpression("r1 Up [^(]*$")),
                 "commit left the container paused");
        QCOMPARE(out({"run", "--rm", "logger"}).left(4), QStringLiteral("abc\n"));
        // --step: each phase printed, Enter (here: stdin) releases it.
        const RunResult stepped = strata({"commit", "--step", "--pause=false", "r1", "stepped"}, "\n\n\n\n\n");
        QCOMPARE(stepped.exitCode, 0);
        const QString steps = QString::fromStdString(stepped.err);
        int at = -1;
        for (const char *phase : {"freeze", "diff", "write-layer", "write-config", "tag"}) {
            const int next = steps.indexOf(QStringLiteral("commit: %1").arg(QLatin1String(phase)));
            QVERIFY2(next > at, qPrintable(steps));
            at = next;
        }
        QVERIFY(steps.contains("[step 5/5]"));
        QCOMPARE(strata({"rm", "-f", "r1"}).exitCode, 0);
        // A change Docker refuses is refused before anything is stored.
        const RunResult bad = strata({"commit", "-c", "RUN true", "logger"});
        QVERIFY(bad.exitCode != 0);
    }

    // A file written by `exec` is in the container layer (inspect's UpperDir)
    // as soon as exec returns, with either driver (lesson 06 checks it there).
    void execWritesReachTheUpperDirAtOnce()
    {
        if (!runOrSkip({"-d", "--name", "x1", "strata/busybox", "sleep", "600"}))
            return;
        QCOMPARE(strata({"exec", "x1", "sh", "-c", "echo by exec > /tmp/exec.txt"}).exitCode, 0);
        const stdfs::path upper = out({"inspect", "-f", "{{.GraphDriver.Data.UpperDir}}", "x1"}).trimmed().toStdString();
        QVERIFY2(stdfs::is_regular_file(upper / "tmp/exec.txt"), (upper / "tmp/exec.txt").c_str());
        QCOMPARE(out({"inspect", "-f", "{{.State.Status}}", "x1"}).trimmed(), QStringLiteral("running"));
        QCOMPARE(strata({"rm", "-f", "x1"}).exitCode, 0);
    }

    void copyBothWaysAndRefuseAnEscape()
    {
        if (!runOrSkip({"--name", "c2", "strata/busybox", "sh", "-c", "mkdir -p /srv/app && echo cfg > /srv/app/app.conf && ln -s ../../../../../../tmp /evil"}))
            return;
        // out: a file into a directory, a directory to a new name
        stdfs::create_directories(host("out"));
        QCOMPARE(strata({"cp", "c2:/srv/app/app.conf", QString::fromStdString(host("out").string())}).exitCode, 0);
        QCOMPARE(strata::test::readFile(host("out/app.conf")), std::string("cfg\n"));
        QCOMPARE(strata({"cp", "c2:/srv/app", QString::fromStdString(host("appcopy").string())}).exitCode, 0);
        QCOMPARE(strata::test::readFile(host("appcopy/app.conf")), std::string("cfg\n"));
        // out as a tar stream on stdout, named from the entry's base name
        const RunResult streamed = strata({"cp", "c2:/srv/app", "-"});
        QCOMPARE(streamed.exitCode, 0);
        QCOMPARE(names(streamed.out), (std::set<std::string>{"app", "app/app.conf"}));
        // in: to a stopped container, seen by diff
        strata::test::writeFile(host("notes.txt"), "hello\n");
        QCOMPARE(strata({"cp", QString::fromStdString(host("notes.txt").string()), "c2:/root/"}).exitCode, 0);
        QVERIFY(out({"diff", "c2"}).contains("A /root/notes.txt\n"));

        // in from a tar stream on stdin; an entry climbing out is refused
        const std::string tar = strata::test::TarBuilder().dir("sub").file("sub/a.txt", "in\n").tar();
        QCOMPARE(strata({"cp", "-", "c2:/root/"}, tar).exitCode, 0);
        QVERIFY(out({"diff", "c2"}).contains("A /root/sub/a.txt\n"));
        const std::string evil = strata::test::TarBuilder().file("../../../../../tmp/strata-cfs-evil", "x").tar();
        const RunResult climbed = strata({"cp", "-", "c2:/root"}, evil);
        QCOMPARE(climbed.exitCode, 1);
        QVERIFY2(QString::fromStdString(climbed.err).contains("escapes"), climbed.err.c_str());

        const RunResult missing = strata({"cp", "c2:/nope", QString::fromStdString(host("x").string())});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(QString::fromStdString(missing.err).contains("Could not find the file /nope in container c2"),
                 missing.err.c_str());

        const std::string planted = "strata-cfs-escape-" + std::to_string(::getpid());
        const RunResult escape = strata({"cp", QString::fromStdString(host("notes.txt").string()),
                                         QString::fromStdString("c2:/evil/" + planted)});
        QCOMPARE(escape.exitCode, 1);
        QVERIFY2(QString::fromStdString(escape.err).contains("escapes the container's root file system"), escape.err.c_str());
        struct stat st {};
        QVERIFY(::lstat(("/tmp/" + planted).c_str(), &st) != 0);

        QCOMPARE(strata({"cp", "a", "b"}).exitCode, 125); // no container side
    }

    // Docker: files copied to the host belong to whoever ran cp (-a only
    // matters copying in); Strata also drops set-id bits and device nodes,
    // so a container plants neither in a host directory.
    void copyToTheHostIsOwnedByTheCallerWithoutSetIdOrDevices()
    {
        if (!runOrSkip({"--name", "c4", "strata/busybox", "sh", "-c",
                        "mkdir /stuff && echo x > /stuff/suid && chmod 4755 /stuff/suid && chown 1000:50 /stuff "
                        "/stuff/suid && mknod /stuff/null c 1 3 && mkdir /stuff/sgid && chmod 2775 /stuff/sgid"}))
            return;
        for (const QStringList &flags : {QStringList{}, QStringList{"-a"}}) {
            const stdfs::path dest = host(flags.isEmpty() ? "owned" : "owned-a");
            QCOMPARE(strata(QStringList{"cp"} + flags + QStringList{"c4:/stuff", QString::fromStdString(dest.string())})
                         .exitCode,
                     0);
            struct stat st {};
            QCOMPARE(::lstat((dest / "suid").c_str(), &st), 0);
            QCOMPARE(st.st_uid, ::getuid());
            QCOMPARE(st.st_gid, ::getgid());
            QCOMPARE(st.st_mode & 07777, mode_t(0755));
            QCOMPARE(::lstat(dest.c_str(), &st), 0);
            QCOMPARE(st.st_uid, ::getuid());
            QCOMPARE(::lstat((dest / "sgid").c_str(), &st), 0);
            QCOMPARE(st.st_mode & 07777, mode_t(0775));
            QVERIFY(::lstat((dest / "null").c_str(), &st) != 0);
        }
    }

    void exportWritesTheMergedView()
    {
        if (!runOrSkip({"--name", "c3", "strata/busybox", "sh", "-c", "touch /happiness.txt; rm /etc/motd"}))
            return;
        const QString file = QString::fromStdString(host("c3.tar").string());
        QCOMPARE(strata({"export", "-o", file, "c3"}).exitCode, 0);
        const std::string tar = strata::test::readFile(host("c3.tar"));
        const auto all = names(tar);
        QVERIFY(all.count("happiness.txt"));
        QVERIFY(all.count("bin/busybox"));
        QVERIFY(!all.count("etc/motd"));
        for (const auto &n : all)
            QVERIFY2(n.find(".wh.") == std::string::npos, n.c_str());
        const RunResult piped = strata({"container", "export", "c3"});
        QCOMPARE(piped.exitCode, 0);
        QCOMPARE(names(piped.out), all);
    }
};

QTEST_GUILESS_MAIN(TestCliContainerFs)
#include "tst_CliContainerFs.moc"
