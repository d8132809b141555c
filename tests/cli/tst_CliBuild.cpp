// SPDX-License-Identifier: GPL-3.0-or-later
// `strata build` as a user meets it, on the built-in strata/busybox image:
// the classic builder's transcript line for line, the cache, every
// instruction's effect on the image (config, history, files) and Docker's
// answers to bad input, with nothing left behind but what Docker leaves.
#include "tests/support/TestSupport.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <archive.h>
#include <archive_entry.h>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unistd.h>

using strata::test::RunResult;
using strata::test::runStrata;
using strata::test::writeFile;
namespace stdfs = std::filesystem;

class TestCliBuild : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QTemporaryDir m_work;

    RunResult strata(QStringList args, const std::string &in = {})
    {
        args.prepend(m_root.path());
        args.prepend(QStringLiteral("--root"));
        return runStrata(args, in, 120000);
    }

    QString out(const QStringList &args)
    {
        const RunResult r = strata(args);
        if (r.exitCode != 0)
            qWarning("strata %s: exit %d: %s", qPrintable(args.join(' ')), r.exitCode, r.err.c_str());
        return QString::fromStdString(r.out).trimmed();
    }

    // A fresh context directory holding `files` (name -> content).
    QString context(const QString &name, const std::map<std::string, std::string> &files)
    {
        const stdfs::path dir = stdfs::path(m_work.path().toStdString()) / name.toStdString();
        stdfs::remove_all(dir);
        for (const auto &[file, content] : files)
            writeFile(dir / file, content);
        return QString::fromStdString(dir.string());
    }

    nlohmann::json config(const QString &image)
    {
        return nlohmann::json::parse(out({"inspect", "-f", "{{json .Config}}", image}).toStdString());
    }

    QStringList history(const QString &image)
    {
        return out({"history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Size}}", image}).split('\n');
    }

    QString fileIn(const QString &image, const QString &path)
    {
        return out({"run", "--rm", image, "cat", path});
    }

    int containerCount() { return out({"ps", "-aq"}).split('\n', Qt::SkipEmptyParts).size(); }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: RUN steps run real containers");
        if (!stdfs::exists("/bin/busybox"))
            QSKIP("needs /bin/busybox (busybox-static) for the builtin image");
        QCOMPARE(strata({"images"}).exitCode, 0);
    }

    void transcriptLineForLine()
    {
        const QString ctx = context("t", {{"Dockerfile", "FROM strata/busybox\nENV GREETING=hello\nRUN echo $GREETING; "
                                                         "echo oops >&2\nCOPY a.txt /a.txt\n"},
                                          {"a.txt", "A\n"}});
        const RunResult r = strata({"build", "-t", "first:1", ctx});
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        const QString base = out({"images", "-q", "strata/busybox"});
        const QStringList lines = QString::fromStdString(r.out).split('\n');
        const QStringList expected = {
            "^Sending build context to Strata engine  3\\.072kB$",
            "^Step 1/4 : FROM strata/busybox$",
            "^ ---> " + base + "$",
            "^Step 2/4 : ENV GREETING=hello$",
            "^ ---> Running in ([0-9a-f]{12})$",
            "^Removing intermediate container ([0-9a-f]{12})$",
            "^ ---> [0-9a-f]{12}$",
            "^Step 3/4 : RUN echo \\$GREETING; echo oops >&2$",
            "^ ---> Running in ([0-9a-f]{12})$",
            "^hello$",
            "^\\x1b\\[91moops$",
            "^\\x1b\\[0mRemoving intermediate container [0-9a-f]{12}$",
            "^ ---> [0-9a-f]{12}$",
            "^Step 4/4 : COPY a.txt /a.txt$",
            "^ ---> ([0-9a-f]{12})$",
            "^Successfully built ([0-9a-f]{12})$",
            "^Successfully tagged first:1$",
            "^$",
        };
        QCOMPARE(lines.size(), expected.size());
        for (int i = 0; i < lines.size(); ++i)
            QVERIFY2(QRegularExpression(expected[i]).match(lines[i]).hasMatch(),
                     qPrintable(QString("line %1: %2").arg(i).arg(lines[i])));
        QCOMPARE(lines[4].mid(17), lines[5].mid(32)); // the container named is the one removed
        QCOMPARE(lines[14].mid(6), lines[15].mid(19));
        QCOMPARE(containerCount(), 0);
        // Every step is an intermediate image, listed by images -a only.
        const QStringList all = out({"images", "-a", "--format", "{{.Repository}}"}).split('\n');
        QCOMPARE(all.count("<none>"), 2);
        QCOMPARE(out({"images", "--format", "{{.Repository}}"}).split('\n').count("<none>"), 0);
        const QStringList h = history("first:1");
        QVERIFY2(h[0].startsWith("/bin/sh -c #(nop) COPY file:") && h[0].endsWith(" in /a.txt |2B"), qPrintable(h[0]));
        QCOMPARE(h[1], QString("/bin/sh -c echo $GREETING; echo oops >&2|0B"));
        QCOMPARE(h[2], QString("/bin/sh -c #(nop)  ENV GREETING=hello|0B"));
        QCOMPARE(fileIn("first:1", "/a.txt"), QString("A"));
        QCOMPARE(out({"inspect", "-f", "{{.Parent}}", "first:1"}).isEmpty(), false);
    }

    void cacheHitsAndInvalidation()
    {
        const QString ctx = context("c", {{"Dockerfile", "FROM strata/busybox\nRUN echo one > /one\nCOPY f /f\nRUN cat /f\n"},
                                          {"f", "v1\n"}});
        const RunResult cold = strata({"build", "-t", "cached", ctx});
        QVERIFY2(cold.exitCode == 0, cold.err.c_str());
        const QString id = out({"images", "-q", "cached"});
        const RunResult warm = strata({"build", "-t", "cached", ctx});
        QCOMPARE(warm.exitCode, 0);
        QCOMPARE(QString::fromStdString(warm.out).count(" ---> Using cache\n"), 3);
        QVERIFY(QString::fromStdString(warm.out).indexOf("Running in") < 0);
        QCOMPARE(out({"images", "-q", "cached"}), id);
        writeFile(stdfs::path(ctx.toStdString()) / "f", "v2\n");
        const RunResult changed = strata({"build", "-t", "cached", ctx});
        QCOMPARE(QString::fromStdString(changed.out).count(" ---> Using cache\n"), 1); // the first RUN only
        QVERIFY(QString::fromStdString(changed.out).contains("v2"));
        const RunResult none = strata({"build", "--no-cache", "-q", ctx});
        QCOMPARE(none.exitCode, 0);
        QVERIFY2(QRegularExpression("^sha256:[0-9a-f]{64}\n$").match(QString::fromStdString(none.out)).hasMatch(),
                 none.out.c_str());
    }

    void everyInstruction()
    {
        const QString ctx = context("all", {{"Dockerfile", R"(# escape=\
ARG TAG=latest
FROM strata/busybox:$TAG AS base
ARG V=1
MAINTAINER someone
ENV A=1 B="two words"
LABEL version=$V k="v w"
WORKDIR /app
WORKDIR sub
COPY --chown=1:2 a.txt b.txt ./
COPY dir /dir/
ADD pack.tar /unpacked/
USER nobody
EXPOSE 80 443/udp
VOLUME ["/data"]
STOPSIGNAL SIGINT
HEALTHCHECK --interval=5s --retries=3 CMD true
ONBUILD RUN echo triggered > /tmp/trig
SHELL ["/bin/sh", "-xc"]
RUN echo $V > /tmp/v
ENTRYPOINT ["/bin/echo"]
CMD ["hi"]
)"},
                                            {"a.txt", "a"},
                                            {"b.txt", "b"},
                                            {"dir/x/y.txt", "y"},
                                            {"ignored.log", "no"},
                                            {".dockerignore", "*.log\n"}});
        {   // a tar ADD must unpack
            const std::string tar = ctx.toStdString() + "/pack.tar";
            archive *a = archive_write_new();
            archive_write_set_format_pax_restricted(a);
            archive_write_open_filename(a, tar.c_str());
            archive_entry *e = archive_entry_new();
            archive_entry_set_pathname(e, "inner.txt");
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_perm(e, 0644);
            archive_entry_set_size(e, 5);
            archive_write_header(a, e);
            archive_write_data(a, "inner", 5);
            archive_entry_free(e);
            archive_write_free(a);
        }
        const RunResult r = strata({"build", "-t", "every", "--build-arg", "V=7", ctx});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).c_str());
        const auto c = config("every");
        QVERIFY2(c["Env"] == (nlohmann::json{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1",
                                           "B=two words"}), c["Env"].dump().c_str());
        QCOMPARE(c["WorkingDir"].get<std::string>(), std::string("/app/sub"));
        QCOMPARE(c["User"].get<std::string>(), std::string("nobody"));
        QVERIFY2(c["Labels"] == (nlohmann::json{{"k", "v w"}, {"version", "7"}}), c["Labels"].dump().c_str());
        QVERIFY(c["ExposedPorts"].contains("80/tcp") && c["ExposedPorts"].contains("443/udp"));
        QVERIFY(c["Volumes"].contains("/data"));
        QCOMPARE(c["StopSignal"].get<std::string>(), std::string("SIGINT"));
        QCOMPARE(c["Healthcheck"]["Interval"].get<std::int64_t>(), std::int64_t(5000000000));
        QCOMPARE(c["Healthcheck"]["Retries"].get<int>(), 3);
        QVERIFY2(c["OnBuild"] == (nlohmann::json{"RUN echo triggered > /tmp/trig"}), c["OnBuild"].dump().c_str());
        QVERIFY2(c["Shell"] == (nlohmann::json{"/bin/sh", "-xc"}), c["Shell"].dump().c_str());
        QVERIFY2(c["Entrypoint"] == (nlohmann::json{"/bin/echo"}), c["Entrypoint"].dump().c_str());
        QVERIFY2(c["Cmd"] == (nlohmann::json{"hi"}), c["Cmd"].dump().c_str());
        QCOMPARE(out({"inspect", "-f", "{{.Author}}", "every"}), QString("someone"));
        QVERIFY2(history("every").contains("|1 V=7 /bin/sh -xc echo $V > /tmp/v|2B"), qPrintable(history("every").join('\n')));
        QCOMPARE(out({"run", "--rm", "--entrypoint", "", "every", "cat", "/tmp/v"}), QString("7"));
        QCOMPARE(out({"run", "--rm", "--entrypoint", "", "-u", "0", "every", "stat", "-c", "%u:%g %n", "/app/sub/a.txt"}),
                 QString("1:2 /app/sub/a.txt"));
        QCOMPARE(out({"run", "--rm", "--entrypoint", "", "every", "cat", "/dir/x/y.txt"}), QString("y"));
        QCOMPARE(out({"run", "--rm", "--entrypoint", "", "every", "cat", "/unpacked/inner.txt"}), QString("inner"));
        QCOMPARE(out({"run", "--rm", "every"}), QString("hi"));

        // ONBUILD triggers run in the child build, right after its FROM.
        const QString child = context("child", {{"Dockerfile", "FROM every\nUSER root\n"}});
        const RunResult cr = strata({"build", "-t", "child", child});
        QVERIFY2(cr.exitCode == 0, cr.err.c_str());
        QVERIFY(QString::fromStdString(cr.out).contains("# Executing 1 build trigger\n"));
        QCOMPARE(out({"run", "--rm", "--entrypoint", "", "child", "cat", "/tmp/trig"}), QString("triggered"));
        QVERIFY(!config("child").contains("OnBuild") || config("child")["OnBuild"].empty());
    }

    void multiStageScratchAndTarget()
    {
        const QString ctx = context("ms", {{"Dockerfile", "FROM strata/busybox AS build\nRUN echo made > /out\n"
                                                          "FROM scratch\nCOPY --from=build /out /out\n"
                                                          "COPY --from=build /bin/busybox /bin/busybox\n"}});
        const RunResult r = strata({"build", "-t", "ms", "--label", "a=b c", ctx});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).c_str());
        QVERIFY(QString::fromStdString(r.out).contains("Step 3/6 : FROM scratch\n ---> \n"));
        QVERIFY(QString::fromStdString(r.out).contains("Step 6/6 : LABEL a=b c\n"));
        QCOMPARE(config("ms")["Labels"]["a"].get<std::string>(), std::string("b c"));
        QCOMPARE(out({"run", "--rm", "ms", "/bin/busybox", "cat", "/out"}), QString("made"));
        QCOMPARE(out({"inspect", "-f", "{{len .RootFS.Layers}}", "ms"}), QString("2"));
        const RunResult t = strata({"build", "--target", "build", "-t", "ms-build", ctx});
        QVERIFY(QString::fromStdString(t.out).contains("Step 2/2 : RUN echo made > /out"));
        const RunResult bad = strata({"build", "--target", "nope", ctx});
        QCOMPARE(bad.exitCode, 1);
        QCOMPARE(bad.err, std::string("Error response from daemon: failed to reach build target nope in Dockerfile\n"));
    }

    void badInputAsDocker_data()
    {
        QTest::addColumn<QString>("dockerfile");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown") << "FROM strata/busybox\nFOO bar\n"
                                 << "Error response from daemon: dockerfile parse error line 2: unknown instruction: FOO\n";
        QTest::newRow("no FROM") << "RUN echo hi\n" << "Error response from daemon: no build stage in current context\n";
        QTest::newRow("outside") << "FROM strata/busybox\nCOPY ../x /x\n"
                                 << "COPY failed: forbidden path outside the build context: ../x ()\n";
        QTest::newRow("missing") << "FROM strata/busybox\nCOPY nothere /x\n"
                                 << "COPY failed: file not found in build context or excluded by .dockerignore: stat "
                                    "nothere: file does not exist\n";
        QTest::newRow("SHELL") << "FROM strata/busybox\nSHELL /bin/sh\n"
                               << "Error response from daemon: dockerfile parse error line 2: SHELL requires the "
                                  "arguments to be in JSON form\n";
    }

    void badInputAsDocker()
    {
        QFETCH(QString, dockerfile);
        QFETCH(QString, error);
        const QString images = out({"images", "-aq"});
        const QString ctx = context("bad", {{"Dockerfile", dockerfile.toStdString()}});
        const RunResult r = strata({"build", "-t", "bad:1", ctx});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromStdString(r.err), error);
        QCOMPARE(strata({"inspect", "bad:1"}).exitCode, 1);
        QCOMPARE(out({"images", "-aq"}), images);
        QCOMPARE(containerCount(), 0);
    }

    void missingContextOrDockerfile()
    {
        RunResult r = strata({"build", "/nonexistent"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, std::string("unable to prepare context: path \"/nonexistent\" not found\n"));
        const QString empty = context("empty", {{"x", "x"}});
        r = strata({"build", empty});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromStdString(r.err),
                 "unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat " + empty +
                     "/Dockerfile: no such file or directory\n");
        r = strata({"build", "-t", "stdin", "-"}, "FROM strata/busybox\nENV FROM_STDIN=1\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY(config("stdin")["Env"].dump().find("FROM_STDIN=1") != std::string::npos);
    }

    // Docker 20.10 ends with the command's own code and keeps the failed
    // step's container (unless --force-rm); nothing is tagged.
    void failingRun()
    {
        const QString ctx = context("fail", {{"Dockerfile", "FROM strata/busybox\nRUN exit 3\n"}});
        RunResult r = strata({"build", "-t", "failed", ctx});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.err, std::string("The command '/bin/sh -c exit 3' returned a non-zero code: 3\n"));
        QVERIFY(QString::fromStdString(r.out).endsWith("Step 2/2 : RUN exit 3\n ---> Running in " +
                                                       out({"ps", "-aq"}) + "\n"));
        QCOMPARE(strata({"inspect", "failed"}).exitCode, 1);
        QCOMPARE(containerCount(), 1);
        QCOMPARE(strata({"rm", out({"ps", "-aq"})}).exitCode, 0);
        r = strata({"build", "--force-rm", "-t", "failed", ctx});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(containerCount(), 0);
    }

    void keepIntermediateContainers()
    {
        const QString ctx = context("keep", {{"Dockerfile", "FROM strata/busybox\nRUN true\n"}});
        const RunResult r = strata({"build", "--no-cache", "--rm=false", ctx});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!QString::fromStdString(r.out).contains("Removing intermediate container"));
        QCOMPARE(containerCount(), 1);
        QCOMPARE(strata({"rm", out({"ps", "-aq"})}).exitCode, 0);
    }

    // The app animates a build from its events: one sequence per step.
    void buildEvents()
    {
        const QString ctx = context("ev", {{"Dockerfile", "FROM strata/busybox\nRUN echo ev > /ev\n"}});
        const QString since = QString::number(QDateTime::currentSecsSinceEpoch() - 1);
        QCOMPARE(strata({"build", "--no-cache", ctx}).exitCode, 0);
        QCOMPARE(strata({"build", ctx}).exitCode, 0);
        const QString until = QString::number(QDateTime::currentSecsSinceEpoch() + 1);
        QStringList actions;
        for (const auto &line : out({"events", "--since", since, "--until", until}).split('\n')) {
            const auto e = nlohmann::json::parse(line.toStdString(), nullptr, false);
            if (e.is_object() && e.value("Type", "") == "build")
                actions << QString::fromStdString(e["Action"].get<std::string>());
        }
        // (earlier tests' builds may fall in the same second: the last two builds are ours)
        QVERIFY2(actions.join(' ').endsWith("context step step_done step container commit step_done done "
                                            "context step step_done step cache step_done done"),
                 qPrintable(actions.join(' ')));
    }

    void cleanupTestCase()
    {
        const QString ids = out({"ps", "-aq"});
        if (!ids.isEmpty())
            (void)strata(QStringList{"rm", "-f"} + ids.split('\n'));
    }
};

QTEST_GUILESS_MAIN(TestCliBuild)
#include "tst_CliBuild.moc"
