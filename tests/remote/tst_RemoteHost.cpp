// SPDX-License-Identifier: GPL-3.0-or-later
// `strata -H unix://…` against podman's Docker-compatible API service,
// started here on a temporary socket over a podman store of the suite's own
// (busybox rootfs → `podman import`, no network). What Strata prints for the
// host must agree with podman's own CLI; a host that is missing, refuses,
// is too old or cuts a stream must give one line naming it, exit 1, and
// leave Strata's store untouched.

#include "tests/interop/PodmanSandbox.h"
#include "tests/remote/FakeEngine.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace fs = std::filesystem;
using strata::test::FakeEngine;
using strata::test::PodmanSandbox;
using strata::test::RunResult;

namespace {

const QString kImage = QStringLiteral("localhost/strata-remote:1");
const QString kExtraTag = QStringLiteral("localhost/strata-remote:extra");

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

} // namespace

class tst_RemoteHost : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path m_dir;
    std::unique_ptr<PodmanSandbox> m_podman;
    QProcess m_service;
    QString m_host; // "unix:///…/podman.sock"
    std::string m_containerId;

    // `strata --root <scratch> -H host args…`: the scratch root must stay
    // unwritten (a host never touches Strata's store).
    RunResult strata(QStringList args, const QString &host = {})
    {
        args.prepend(host.isEmpty() ? m_host : host);
        args.prepend(QStringLiteral("-H"));
        args.prepend(q(storeRoot()));
        args.prepend(QStringLiteral("--root"));
        return strata::test::runStrata(args);
    }

    fs::path storeRoot() const { return m_dir / "strata-store"; }

    bool makeRootfs(const fs::path &tarball)
    {
        const fs::path rootfs = m_dir / "rootfs";
        fs::create_directories(rootfs / "bin");
        fs::create_directories(rootfs / "etc");
        fs::copy_file("/bin/busybox", rootfs / "bin/busybox");
        for (const char *applet : {"sh", "ls", "cat", "sleep", "true", "echo"})
            fs::create_symlink("busybox", rootfs / "bin" / applet);
        strata::test::writeFile(rootfs / "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
        return strata::test::runProgram("tar", {"-C", q(rootfs), "-cf", q(tarball), "."}).exitCode == 0;
    }

    // Checks the error contract: exit 1, one line naming the host and `problem`.
    void checkOneLineError(const RunResult &r, const QString &host, const std::string &problem)
    {
        QVERIFY2(r.exitCode == 1, what(r).c_str());
        QVERIFY2(r.out.empty(), r.out.c_str());
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
        QVERIFY2(r.err.find(host.toStdString()) != std::string::npos, r.err.c_str());
        QVERIFY2(r.err.find(problem) != std::string::npos, r.err.c_str());
        QVERIFY2(!fs::exists(storeRoot()), "the host's error wrote to Strata's store");
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (strata::test::runProgram("podman", {"--version"}).exitCode != 0)
            QSKIP("podman is not installed (Debian package podman): no real host to talk to");
        if (!fs::exists("/bin/busybox"))
            QSKIP("/bin/busybox is missing (Debian package busybox-static): no rootfs to make images from");
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.path().toStdString();
        m_podman = std::make_unique<PodmanSandbox>(m_dir / "podman");

        const fs::path tarball = m_dir / "rootfs.tar";
        QVERIFY(makeRootfs(tarball));
        RunResult r = m_podman->run({"import", "--change", "CMD [\"/bin/sleep\",\"300\"]", q(tarball), kImage});
        QVERIFY2(r.exitCode == 0, ("podman import: " + what(r)).c_str());
        QVERIFY2(m_podman->run({"tag", kImage, kExtraTag}).exitCode == 0, "podman tag");
        // runc (crun refuses hybrid cgroups) and rlimits pinned to the hard
        // limits (no CAP_SYS_RESOURCE here): see DESIGN.md's podman notes.
        rlimit nofile{}, nproc{};
        ::getrlimit(RLIMIT_NOFILE, &nofile);
        ::getrlimit(RLIMIT_NPROC, &nproc);
        const auto pin = [](const char *name, rlim_t hard) {
            const QString n = QString::number(static_cast<qulonglong>(hard));
            return QString::fromLatin1(name) + "=" + n + ":" + n;
        };
        r = m_podman->run({"--runtime", "runc", "create", "--name", "strata-remote-c1", "--network", "none",
                           "--ulimit", pin("nofile", nofile.rlim_max),
                           "--ulimit", pin("nproc", std::min<rlim_t>(nproc.rlim_max, 32768)), kImage, "/bin/sh",
                           "-c", "echo hello; echo oops >&2; touch /added; rm /bin/cat; exec sleep 300"});
        QVERIFY2(r.exitCode == 0, ("podman create: " + what(r)).c_str());
        m_containerId = QString::fromStdString(r.out).trimmed().toStdString();

        const fs::path sock = m_dir / "podman.sock";
        m_host = "unix://" + q(sock);
        m_service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_service.start("podman", m_podman->flags() + QStringList{"system", "service", "--time=0", m_host});
        QVERIFY2(m_service.waitForStarted(), "podman system service did not start");
        QDeadlineTimer deadline(60000);
        while (!fs::exists(sock) && !deadline.hasExpired() && m_service.state() == QProcess::Running)
            QThread::msleep(50);
        QVERIFY2(fs::exists(sock), "podman system service never made its socket");
    }

    void cleanupTestCase()
    {
        if (m_service.state() == QProcess::Running) {
            m_service.terminate();
            if (!m_service.waitForFinished(10000))
                m_service.kill();
            m_service.waitForFinished(5000);
        }
        // Leave no container running and no read-only vfs layers behind.
        if (m_podman) {
            m_podman->run({"rm", "-f", "-t", "0", "-a"});
            m_podman->run({"system", "reset", "-f"});
        }
    }

    void infoNamesTheHostAndEngine()
    {
        const RunResult r = strata({"info"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(r.out.find(" Host: " + m_host.toStdString() + "\n") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find(" Engine: Podman (Engine API 1.41)\n") != std::string::npos, r.out.c_str());
        QVERIFY(!fs::exists(storeRoot()));
    }

    void imagesAgreeWithPodman()
    {
        const QString fmt = QStringLiteral("{{.Repository}}:{{.Tag}} {{.ID}}");
        const RunResult mine = strata({"images", "--format", fmt});
        QVERIFY2(mine.exitCode == 0, what(mine).c_str());
        const RunResult theirs = m_podman->run({"images", "--format", fmt});
        QVERIFY2(theirs.exitCode == 0, what(theirs).c_str());
        QCOMPARE(lines(mine.out), lines(theirs.out));
        QCOMPARE(lines(mine.out).size(), std::size_t{2});

        // The table is Strata's own (Docker's columns), not podman's.
        const RunResult table = strata({"images"});
        QVERIFY2(table.out.rfind("REPOSITORY                TAG       IMAGE ID       CREATED", 0) == 0, table.out.c_str());
        QVERIFY(!fs::exists(storeRoot()));
    }

    void psAgreesWithPodman()
    {
        const QString fmt = QStringLiteral("{{.ID}} {{.Names}} {{.Image}}");
        const RunResult mine = strata({"ps", "-a", "--format", fmt});
        QVERIFY2(mine.exitCode == 0, what(mine).c_str());
        const RunResult theirs = m_podman->run({"ps", "-a", "--format", fmt});
        QCOMPARE(lines(mine.out), lines(theirs.out));
        const RunResult table = strata({"ps", "-a"});
        QVERIFY2(table.out.find("Created") != std::string::npos, table.out.c_str());
    }

    void inspectAndHistoryComeFromTheHost()
    {
        const auto theirs = m_podman->inspect(kImage);
        RunResult r = strata({"image", "inspect", "--format", "{{.Id}}", kImage});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(QString::fromStdString(r.out).trimmed().remove("sha256:"),
                 QString::fromStdString(theirs.at("Id").get<std::string>()).remove("sha256:"));
        r = strata({"inspect", "--format", "{{.Name}}", "strata-remote-c1"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(r.out, std::string("/strata-remote-c1\n"));
        r = strata({"history", "--format", "{{.Comment}}", kImage});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(r.out.find("imported from tarball") != std::string::npos, r.out.c_str());
    }

    void eventsArriveDuringAPodmanStart()
    {
        QProcess events;
        events.start(q(strata::test::binaryDir() / "strata"),
                     {"--root", q(storeRoot()), "-H", m_host, "events", "--format",
                      "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}"});
        QVERIFY(events.waitForStarted());
        // The subscription may open after podman's start: start once the
        // stream is surely open (the host answered something), else retry
        // with a stop/start pair until the deadline.
        QDeadlineTimer deadline(60000);
        std::string seen;
        RunResult start;
        int round = 0;
        const std::string wanted = "container start strata-remote-c1";
        while (!deadline.hasExpired() && seen.find(wanted) == std::string::npos) {
            if (round++ % 20 == 0) {
                m_podman->run({"stop", "-t", "0", "strata-remote-c1"});
                start = m_podman->run({"start", "strata-remote-c1"});
                if (start.exitCode != 0)
                    break;
            }
            events.waitForReadyRead(250);
            seen += events.readAllStandardOutput().toStdString();
        }
        events.terminate();
        events.waitForFinished(5000);
        if (start.exitCode != 0)
            QSKIP(("podman start cannot run a container here: " + what(start)).c_str());
        QVERIFY2(seen.find(wanted) != std::string::npos, ("events seen: " + seen).c_str());
        QVERIFY(!fs::exists(storeRoot()));
    }

    void psShowsTheRunningContainer()
    {
        const RunResult theirs = m_podman->run({"ps", "--format", "{{.ID}} {{.Names}}"});
        if (theirs.out.find("strata-remote-c1") == std::string::npos)
            QSKIP("the container is not running (podman start failed above)");
        const RunResult mine = strata({"ps", "--format", "{{.ID}} {{.Names}}"});
        QCOMPARE(lines(mine.out), lines(theirs.out));
        const RunResult table = strata({"ps"});
        QVERIFY2(table.out.find("   Up ") != std::string::npos, table.out.c_str());
    }

    void logsAndDiffComeFromTheHost()
    {
        if (m_podman->run({"ps", "-q"}).out.empty())
            QSKIP("the container is not running (podman start failed above)");
        // The container's shell has run its first lines once podman diff sees /added.
        QDeadlineTimer deadline(30000);
        RunResult theirs;
        do {
            theirs = m_podman->run({"diff", "strata-remote-c1"});
        } while (theirs.out.find("D /bin/cat") == std::string::npos && !deadline.hasExpired());
        const RunResult mine = strata({"diff", "strata-remote-c1"});
        QVERIFY2(mine.exitCode == 0, what(mine).c_str());
        // Docker's CLI prints the host's order; podman's CLI sorts its own way.
        QCOMPARE(lines(mine.out), lines(theirs.out));
        QVERIFY(lines(mine.out).count("A /added"));

        const RunResult logs = strata({"logs", "strata-remote-c1"});
        QVERIFY2(logs.exitCode == 0, what(logs).c_str());
        QCOMPARE(logs.out, std::string("hello\n"));
        QCOMPARE(logs.err, std::string("oops\n"));
    }

    void volumesAndNetworksAgreeWithPodman()
    {
        QVERIFY(m_podman->run({"volume", "create", "strata-remote-v1"}).exitCode == 0);
        RunResult mine = strata({"volume", "ls", "--format", "{{.Driver}} {{.Name}}"});
        RunResult theirs = m_podman->run({"volume", "ls", "--format", "{{.Driver}} {{.Name}}"});
        QVERIFY2(mine.exitCode == 0, what(mine).c_str());
        QCOMPARE(lines(mine.out), lines(theirs.out));
        mine = strata({"volume", "inspect", "--format", "{{.Name}}", "strata-remote-v1"});
        QCOMPARE(mine.out, std::string("strata-remote-v1\n"));

        mine = strata({"network", "ls", "-q", "--no-trunc"});
        // podman's own -q prints names; its IDs are the same as the API's.
        theirs = m_podman->run({"network", "ls", "--no-trunc", "--format", "{{.ID}}"});
        QVERIFY2(mine.exitCode == 0, what(mine).c_str());
        QCOMPARE(lines(mine.out), lines(theirs.out));
        QVERIFY(!fs::exists(storeRoot()));
    }

    void aMissingSocketIsOneLine()
    {
        const QString host = "unix://" + q(m_dir / "nothing-here.sock");
        checkOneLineError(strata({"images"}, host), host, "no such socket");
    }

    void aRefusingSocketIsOneLine()
    {
        // A socket file nobody listens on.
        const fs::path path = m_dir / "refusing.sock";
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
        QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
        ::close(fd);
        const QString host = "unix://" + q(path);
        checkOneLineError(strata({"ps"}, host), host, "connection refused");
    }

    void permissionDeniedIsOneLine()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to run strata as another user against root's socket");
        if (strata::test::runProgram("setpriv", {"--version"}).exitCode != 0)
            QSKIP("setpriv (util-linux) is missing");
        // Root's socket, closed to others for the duration.
        const fs::path sock = m_dir / "podman.sock";
        ::chmod(sock.c_str(), 0600);
        const RunResult r = strata::test::runProgram(
                "setpriv", {"--reuid=65534", "--regid=65534", "--clear-groups", q(strata::test::binaryDir() / "strata"),
                            "--root", q(storeRoot()), "-H", m_host, "images"});
        ::chmod(sock.c_str(), 0660);
        const bool ranStrata = r.err.find("Error: ") == 0 || r.exitCode == 0;
        if (!ranStrata)
            QSKIP(("nobody cannot run the strata binary here: " + r.err).c_str());
        checkOneLineError(r, m_host, "permission denied");
    }

    void anHttpErrorIsOneLine()
    {
        const RunResult r = strata({"image", "inspect", "localhost/no-such-image:1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.find("localhost/no-such-image:1") != std::string::npos, r.err.c_str());
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
        QVERIFY(!fs::exists(storeRoot()));
    }

    void anOldApiIsOneLine()
    {
        const fs::path sock = m_dir / "old.sock";
        FakeEngine old(sock.string(), "HTTP/1.1 200 OK\r\nApi-Version: 1.12\r\nServer: Docker/1.0.0\r\n"
                                      "Content-Length: 2\r\nConnection: close\r\n\r\nOK");
        QVERIFY(old.listening());
        const QString host = "unix://" + q(sock);
        checkOneLineError(strata({"images"}, host), host, "Engine API 1.12 is too old");
    }

    void aStreamCutMidWayIsOneLine()
    {
        // Says 1000 bytes, sends a few, hangs up: a ping that claims a
        // long body is as cut as any stream.
        const fs::path sock = m_dir / "cut.sock";
        FakeEngine cut(sock.string(), "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nServer: Docker/20.10\r\n"
                                      "Content-Length: 1000\r\nConnection: close\r\n\r\nOK");
        QVERIFY(cut.listening());
        const QString host = "unix://" + q(sock);
        checkOneLineError(strata({"events"}, host), host, "cut");
    }

    void aVerbWithoutAHostSideRefusesInsteadOfUsingTheStore()
    {
        const RunResult r = strata({"volume", "create", "v1"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.find(m_host.toStdString()) != std::string::npos, r.err.c_str());
        QVERIFY(!fs::exists(storeRoot()));
    }
};

QTEST_GUILESS_MAIN(tst_RemoteHost)
#include "tst_RemoteHost.moc"
