// SPDX-License-Identifier: GPL-3.0-or-later
// `strata -H unix://…` against Debian's docker.io daemon, the same checks as
// tst_RemoteHost makes against podman: images, ps, inspect JSON, events
// during a `docker start`, diff against `docker diff`, and image tree
// against the daemon's own view of the image (its overlay2 GraphDriver
// directories, mounted here read-only as overlay).
//
// The suite starts its own dockerd (once) on a temporary socket and
// data-root, as DESIGN.md's Docker notes say (a private mount namespace with
// the hybrid cgroup2 tree detached, no iptables, no bridge), and fills it
// offline: `docker load` of Strata's own `strata save strata/busybox`, then
// a classic-builder layer on top. No docker.io or a daemon that cannot start
// ⇒ QSKIP naming what is missing.

#include "tests/interop/TreeListing.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;
using strata::test::RunResult;
using strata::test::TreeListing;

namespace {

const QString kImage = QStringLiteral("strata/busybox:latest");
const QString kExtraTag = QStringLiteral("strata/busybox:extra");
const QString kLayered = QStringLiteral("strata-docker/layered:1"); // kImage + COPY + a whiteout
const QString kContainer = QStringLiteral("strata-docker-c1");

std::set<std::string> lines(const std::string &text)
{
    std::set<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            out.insert(line);
    return out;
}

std::string what(const RunResult &r)
{
    return "exit " + std::to_string(r.exitCode) + ": " + r.err + r.out;
}

QString q(const fs::path &p)
{
    return QString::fromStdString(p.string());
}

bool have(const char *tool)
{
    return !QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty();
}

} // namespace

class tst_DockerHost : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp{QDir::tempPath() + QStringLiteral("/strata-docker-XXXXXX")};
    fs::path m_dir;
    QString m_host; // "unix:///…/docker.sock"
    QProcess m_daemon;
    bool m_started = false;

    fs::path storeRoot() const { return m_dir / "strata-store"; }

    RunResult docker(const QStringList &args, int timeoutMs = 120000) const
    {
        return strata::test::runProgram("docker", QStringList{"--host", m_host} + args, {}, timeoutMs);
    }

    // strata -H <docker> args…, on a store that must stay unwritten.
    RunResult strata(QStringList args) const
    {
        return strata::test::runStrata(QStringList{"--root", q(storeRoot()), "-H", m_host} + args);
    }

    json dockerInspect(const QString &what) const
    {
        const RunResult r = docker({"inspect", what});
        const json all = json::parse(r.out, nullptr, false);
        return all.is_array() && !all.empty() ? all.front() : json();
    }

    // Starts dockerd; empty when its socket answers, else why not.
    QString startDaemon()
    {
        const fs::path sock = m_dir / "docker.sock";
        m_host = "unix://" + q(sock);
        const QString script =
                QStringLiteral("umount /sys/fs/cgroup/unified 2>/dev/null; exec dockerd --host %1 --data-root %2 "
                               "--exec-root %3 --pidfile %4 --iptables=false --ip-masq=false --bridge=none "
                               "--storage-driver=overlay2")
                        .arg(m_host, q(m_dir / "root"), q(m_dir / "exec"), q(m_dir / "docker.pid"));
        m_daemon.setStandardOutputFile(q(m_dir / "dockerd.log"));
        m_daemon.setStandardErrorFile(q(m_dir / "dockerd.log"));
        m_daemon.start("unshare", {"-m", "--propagation", "slave", "sh", "-c", script});
        if (!m_daemon.waitForStarted())
            return QStringLiteral("unshare did not start");
        m_started = true;
        QDeadlineTimer deadline(90000);
        while (!deadline.hasExpired() && m_daemon.state() == QProcess::Running) {
            if (fs::exists(sock) && docker({"version", "--format", "{{.Server.Version}}"}, 10000).exitCode == 0)
                return {};
            QThread::msleep(200);
        }
        const std::string log = strata::test::readFile(m_dir / "dockerd.log");
        return QStringLiteral("dockerd did not start: ") +
               QString::fromStdString(log.size() > 600 ? log.substr(log.size() - 600) : log);
    }

private slots:
    void initTestCase()
    {
        if (!have("dockerd") || !have("docker"))
            QSKIP("dockerd/docker are not installed (Debian package docker.io): no Docker host to talk to");
        if (!have("unshare"))
            QSKIP("unshare is missing (Debian package util-linux): dockerd needs a private mount namespace");
        if (::geteuid() != 0)
            QSKIP("dockerd needs root");
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.path().toStdString();
        if (const QString why = startDaemon(); !why.isEmpty())
            QSKIP(qPrintable(why));
        // The layer cache of this suite only.
        qputenv("XDG_CACHE_HOME", q(m_dir / "cache").toUtf8());

        // Strata's own busybox, saved by Strata, loaded by Docker (offline).
        const fs::path seed = m_dir / "seed-store", archive = m_dir / "busybox.tar";
        RunResult r = strata::test::runStrata({"--root", q(seed), "save", "-o", q(archive), kImage});
        QVERIFY2(r.exitCode == 0, ("strata save: " + what(r)).c_str());
        r = docker({"load", "-i", q(archive)});
        QVERIFY2(r.exitCode == 0, ("docker load: " + what(r)).c_str());
        fs::remove_all(seed);
        QVERIFY(docker({"tag", kImage, kExtraTag}).exitCode == 0);

        // A second layer that adds a file and a third with a whiteout.
        fs::create_directories(m_dir / "ctx");
        strata::test::writeFile(m_dir / "ctx/Dockerfile", "FROM " + kImage.toStdString() +
                                                              "\nCOPY hello.txt /etc/hello.txt\nRUN rm /etc/passwd\n");
        strata::test::writeFile(m_dir / "ctx/hello.txt", "hello\n");
        const QStringList build{"--host", m_host, "build", "--network", "none", "-q", "-t", kLayered, q(m_dir / "ctx")};
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DOCKER_BUILDKIT", "0");
        QProcess builder;
        builder.setProcessEnvironment(env);
        builder.start("docker", build);
        QVERIFY2(builder.waitForFinished(180000) && builder.exitCode() == 0,
                 ("docker build: " + builder.readAllStandardError().toStdString()).c_str());

        r = docker({"create", "--name", kContainer, "--network", "none", kImage, "sh", "-c",
                    "echo hello; echo oops >&2; touch /added; rm /bin/cat; exec sleep 300"});
        QVERIFY2(r.exitCode == 0, ("docker create: " + what(r)).c_str());
    }

    void cleanupTestCase()
    {
        if (!m_started)
            return;
        if (m_daemon.state() == QProcess::Running) {
            docker({"rm", "-f", "-t", "0", kContainer});
            const RunResult all = docker({"ps", "-aq"});
            for (const auto &id : lines(all.out))
                docker({"rm", "-f", QString::fromStdString(id)});
            m_daemon.terminate(); // dockerd itself (unshare and sh exec it)
            if (!m_daemon.waitForFinished(30000))
                m_daemon.kill();
            m_daemon.waitForFinished(5000);
        }
    }

    void infoNamesTheHostAndEngine()
    {
        const RunResult r = strata({"info"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(r.out.find(" Host: " + m_host.toStdString() + "\n") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find(" Engine: Docker") != std::string::npos, r.out.c_str());
        QVERIFY(!fs::exists(storeRoot()));
    }

    void imagesAgreeWithDocker()
    {
        const QString fmt = QStringLiteral("{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}");
        const RunResult mine = strata({"images", "--format", fmt});
        QVERIFY2(mine.exitCode == 0, what(mine).c_str());
        const RunResult theirs = docker({"images", "--format", fmt});
        QCOMPARE(lines(mine.out), lines(theirs.out));
        QCOMPARE(lines(mine.out).size(), std::size_t{3});
        // -a also lists the build's intermediate image, as Docker's does.
        QCOMPARE(lines(strata({"images", "-a", "-q"}).out), lines(docker({"images", "-a", "-q"}).out));
    }

    void psAgreesWithDocker()
    {
        const QString fmt = QStringLiteral("{{.ID}} {{.Names}} {{.Image}} {{.Status}}");
        const RunResult mine = strata({"ps", "-a", "--format", fmt});
        QVERIFY2(mine.exitCode == 0, what(mine).c_str());
        QCOMPARE(lines(mine.out), lines(docker({"ps", "-a", "--format", fmt}).out));
    }

    // The inspector shows the host's own JSON, untouched.
    void inspectJsonIsTheDaemons()
    {
        RunResult r = strata({"image", "inspect", kLayered});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const json mine = json::parse(r.out, nullptr, false);
        QVERIFY(mine.is_array() && mine.size() == 1);
        QVERIFY2(mine.front() == dockerInspect(kLayered), r.out.c_str());

        r = strata({"inspect", kContainer});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const json container = json::parse(r.out, nullptr, false);
        QVERIFY(container.is_array() && container.size() == 1);
        QVERIFY2(container.front() == dockerInspect(kContainer), r.out.c_str());
        r = strata({"inspect", "--format", "{{.Name}} {{.State.Status}}", kContainer});
        QCOMPARE(r.out, "/" + kContainer.toStdString() + " created\n");
    }

    void eventsArriveDuringADockerStart()
    {
        QProcess events;
        events.start(q(strata::test::binaryDir() / "strata"),
                     {"--root", q(storeRoot()), "-H", m_host, "events", "--format",
                      "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}"});
        QVERIFY(events.waitForStarted());
        // The subscription may open after the start: stop and start again
        // until the event is seen or the deadline passes.
        QDeadlineTimer deadline(60000);
        std::string seen;
        RunResult start;
        int round = 0;
        const std::string wanted = "container start " + kContainer.toStdString();
        while (!deadline.hasExpired() && seen.find(wanted) == std::string::npos) {
            if (round++ % 20 == 0) {
                docker({"stop", "-t", "0", kContainer});
                start = docker({"start", kContainer});
                if (start.exitCode != 0)
                    break;
            }
            events.waitForReadyRead(250);
            seen += events.readAllStandardOutput().toStdString();
        }
        events.terminate();
        events.waitForFinished(5000);
        if (start.exitCode != 0)
            QSKIP(("docker start cannot run a container here: " + what(start)).c_str());
        QVERIFY2(seen.find(wanted) != std::string::npos, ("events seen: " + seen).c_str());
        QVERIFY(!fs::exists(storeRoot()));
    }

    void psShowsTheRunningContainer()
    {
        const QString fmt = QStringLiteral("{{.ID}} {{.Names}} {{.Command}}");
        const RunResult theirs = docker({"ps", "--format", fmt});
        if (theirs.out.find(kContainer.toStdString()) == std::string::npos)
            QSKIP("the container is not running (docker start failed above)");
        QCOMPARE(lines(strata({"ps", "--format", fmt}).out), lines(theirs.out));
    }

    void diffAndLogsAgreeWithDocker()
    {
        if (docker({"ps", "-q"}).out.empty())
            QSKIP("the container is not running (docker start failed above)");
        QDeadlineTimer deadline(30000);
        RunResult theirs;
        do {
            theirs = docker({"diff", kContainer});
        } while (theirs.out.find("D /bin/cat") == std::string::npos && !deadline.hasExpired());
        const RunResult mine = strata({"diff", kContainer});
        QVERIFY2(mine.exitCode == 0, what(mine).c_str());
        // dockerd lists changes in no fixed order (a Go map), call to call.
        QCOMPARE(lines(mine.out), lines(theirs.out));
        QVERIFY(lines(mine.out).count("A /added"));

        const RunResult logs = strata({"logs", kContainer});
        QVERIFY2(logs.exitCode == 0, what(logs).c_str());
        QVERIFY2(logs.out.rfind("hello\n", 0) == 0, logs.out.c_str());
        QVERIFY2(logs.err.rfind("oops\n", 0) == 0, logs.err.c_str());
    }

    // The daemon is local and its overlay2 directories are readable, so
    // Strata reads them in place; the tree must be the one overlayfs makes
    // of the same directories (the image's GraphDriver data, mounted here).
    void imageTreeAgreesWithTheDaemonsOverlay()
    {
        const RunResult tree = strata({"-D", "image", "tree", "--json", kLayered});
        QVERIFY2(tree.exitCode == 0, what(tree).c_str());
        QVERIFY2(tree.err.find("layers from the graphdriver") != std::string::npos, tree.err.c_str());
        const TreeListing mine = TreeListing::fromStrataTree(json::parse(tree.out, nullptr, false));

        const json data = dockerInspect(kLayered).at("GraphDriver").at("Data");
        const std::string lowers = data.at("UpperDir").get<std::string>() + ":" + data.at("LowerDir").get<std::string>();
        const fs::path mnt = m_dir / "mnt";
        fs::create_directories(mnt);
        const RunResult mount = strata::test::runProgram(
                "mount", {"-t", "overlay", "overlay", "-o", QString::fromStdString("ro,lowerdir=" + lowers), q(mnt)});
        if (mount.exitCode != 0)
            QSKIP(("cannot mount the image's overlay2 layers here: " + what(mount)).c_str());
        const TreeListing theirs = TreeListing::fromDirectory(mnt);
        strata::test::runProgram("umount", {q(mnt)});
        QVERIFY2(mine == theirs, mine.diff(theirs).c_str());
        QVERIFY(mine.entries.count("etc/hello.txt"));
        QVERIFY(!mine.entries.count("etc/passwd"));

        const RunResult layers = strata({"image", "layers", kLayered});
        QVERIFY2(layers.exitCode == 0, what(layers).c_str());
        QVERIFY(!fs::exists(storeRoot()));
    }
};

QTEST_GUILESS_MAIN(tst_DockerHost)
#include "tst_DockerHost.moc"
