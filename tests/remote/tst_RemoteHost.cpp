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

#include <nlohmann/json.hpp>
#include <QThread>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

namespace fs = std::filesystem;
using strata::test::FakeEngine;
using strata::test::PodmanSandbox;
using strata::test::RunResult;

namespace {

const QString kImage = QStringLiteral("localhost/strata-remote:1");
const QString kExtraTag = QStringLiteral("localhost/strata-remote:extra");
const QString kLayered = QStringLiteral("localhost/strata-remote:layered"); // kImage + a COPY layer

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

// A loopback TCP port nobody uses right now.
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

bool accepting(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

// A CA, and a key + certificate it signed for `cn` (client or server use).
bool makeCert(const fs::path &dir, const QString &ca, const QString &name, const QString &cn, const QString &extension)
{
    const QString key = q(dir / (name.toStdString() + "-key.pem")), csr = q(dir / (name.toStdString() + ".csr"));
    strata::test::writeFile(dir / (name.toStdString() + ".ext"), extension.toStdString() + "\n");
    return strata::test::runProgram("openssl", {"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                                "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=" + cn})
                           .exitCode == 0 &&
           strata::test::runProgram("openssl", {"x509", "-req", "-in", csr, "-CA", q(dir / (ca.toStdString() + ".pem")),
                                                "-CAkey", q(dir / (ca.toStdString() + "-key.pem")), "-CAcreateserial",
                                                "-days", "2", "-out", q(dir / (name.toStdString() + ".pem")),
                                                "-extfile", q(dir / (name.toStdString() + ".ext"))})
                           .exitCode == 0;
}

bool makeCa(const fs::path &dir, const QString &name)
{
    return strata::test::runProgram("openssl", {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                                "-nodes", "-keyout", q(dir / (name.toStdString() + "-key.pem")), "-out",
                                                q(dir / (name.toStdString() + ".pem")), "-days", "2", "-subj",
                                                "/CN=" + name})
                   .exitCode == 0;
}

// Sets an environment variable for the strata runs of one test.
class ScopedEnv {
public:
    ScopedEnv(const char *name, const QByteArray &value) : m_name(name), m_had(qEnvironmentVariableIsSet(name)),
                                                           m_old(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

class tst_RemoteHost : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path m_dir;
    std::unique_ptr<PodmanSandbox> m_podman;
    QProcess m_service;
    QString m_host; // "unix:///…/podman.sock"
    std::string m_containerId;

    QProcess m_tlsProxy;
    QString m_tlsHost; // "tcp://127.0.0.1:PORT"

    // Certificates (a CA, the proxy's, a client's; a stranger CA and its
    // client; a rogue CA) and `socat OPENSSL-LISTEN … UNIX-CONNECT:podman.sock`,
    // once per suite.
    void startTlsProxy()
    {
        if (m_tlsProxy.state() == QProcess::Running)
            return;
        if (strata::test::runProgram("socat", {"-V"}).exitCode != 0)
            QSKIP("socat is missing (Debian package socat)");
        const fs::path d = m_dir / "tls";
        fs::create_directories(d);
        QVERIFY(makeCa(d, "ca") && makeCa(d, "stranger-ca") && makeCa(d, "rogue-ca"));
        QVERIFY(makeCert(d, "ca", "server", "127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth"));
        QVERIFY(makeCert(d, "ca", "client", "strata-client", "extendedKeyUsage=clientAuth"));
        QVERIFY(makeCert(d, "stranger-ca", "stranger", "strata-client", "extendedKeyUsage=clientAuth"));
        const int port = freePort();
        m_tlsHost = "tcp://127.0.0.1:" + QString::number(port);
        m_tlsProxy.setProcessChannelMode(QProcess::ForwardedChannels);
        // -t 30: after one side's end (the input's, half-closed) the other
        // side's output goes on being relayed, not cut after socat's 0.5 s.
        m_tlsProxy.start("socat", {"-t", "30", "OPENSSL-LISTEN:" + QString::number(port) + ",bind=127.0.0.1,reuseaddr,fork,cert=" +
                                           q(d / "server.pem") + ",key=" + q(d / "server-key.pem") + ",cafile=" +
                                           q(d / "ca.pem") + ",verify=1",
                                   "UNIX-CONNECT:" + q(m_dir / "podman.sock")});
        QVERIFY(m_tlsProxy.waitForStarted());
        QDeadlineTimer deadline(30000);
        while (!accepting(port) && !deadline.hasExpired() && m_tlsProxy.state() == QProcess::Running)
            QThread::msleep(50);
        QVERIFY2(accepting(port), "the TLS proxy (socat) never listened");
    }

    // `strata --root <scratch> -H host args…`: the scratch root must stay
    // unwritten (a host never touches Strata's store).
    RunResult strata(QStringList args, const QString &host = {}, const std::string &input = {})
    {
        args.prepend(host.isEmpty() ? m_host : host);
        args.prepend(QStringLiteral("-H"));
        args.prepend(q(storeRoot()));
        args.prepend(QStringLiteral("--root"));
        return strata::test::runStrata(args, input);
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
        // A second layer that replaces a file of the first (image tree's shadows).
        fs::create_directories(m_dir / "ctx");
        strata::test::writeFile(m_dir / "ctx/Dockerfile", "FROM " + kImage.toStdString() +
                                                              "\nCOPY passwd /etc/passwd\nCOPY hello.txt /etc/hello.txt\n");
        strata::test::writeFile(m_dir / "ctx/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/sh\n");
        strata::test::writeFile(m_dir / "ctx/hello.txt", "hello\n");
        r = m_podman->build(m_dir / "ctx", kLayered);
        QVERIFY2(r.exitCode == 0, ("podman build: " + what(r)).c_str());
        // The layer cache of this suite only (image tree -H).
        qputenv("XDG_CACHE_HOME", q(m_dir / "cache").toUtf8());
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
        // Containers the API creates get the same runc and pinned rlimits.
        strata::test::writeFile(m_dir / "containers.conf",
                                "[containers]\ndefault_ulimits = [\"" + pin("nofile", nofile.rlim_max).toStdString() +
                                        "\", \"" + pin("nproc", std::min<rlim_t>(nproc.rlim_max, 32768)).toStdString() +
                                        "\"]\n[engine]\nruntime = \"runc\"\n");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("CONTAINERS_CONF", q(m_dir / "containers.conf"));
        m_service.setProcessEnvironment(env);
        m_service.start("podman", m_podman->flags() + QStringList{"system", "service", "--time=0", m_host});
        QVERIFY2(m_service.waitForStarted(), "podman system service did not start");
        QDeadlineTimer deadline(60000);
        while (!fs::exists(sock) && !deadline.hasExpired() && m_service.state() == QProcess::Running)
            QThread::msleep(50);
        QVERIFY2(fs::exists(sock), "podman system service never made its socket");
    }

    void cleanupTestCase()
    {
        if (m_tlsProxy.state() == QProcess::Running) {
            m_tlsProxy.terminate();
            m_tlsProxy.waitForFinished(5000);
        }
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
        QCOMPARE(lines(mine.out).size(), std::size_t{3}); // kImage twice, kLayered (not its build's intermediate)

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

    // image tree -H: the host's export unpacked into the layer cache the
    // first time (podman here keeps vfs layers, which cannot be read in
    // place), the cache the second; the paths are those podman mounts.
    void imageTreeAgreesWithPodmanMount()
    {
        const RunResult first = strata({"-D", "image", "tree", "--json", kLayered});
        QVERIFY2(first.exitCode == 0, what(first).c_str());
        QVERIFY2(first.err.find("layers from the export") != std::string::npos, first.err.c_str());
        std::set<std::string> mine;
        for (const auto &e : nlohmann::json::parse(first.out))
            mine.insert(e.at("path").get<std::string>() + " " + e.at("type").get<std::string>());

        const RunResult mount = m_podman->run({"image", "mount", kLayered});
        QVERIFY2(mount.exitCode == 0, what(mount).c_str());
        const fs::path root = QString::fromStdString(mount.out).trimmed().toStdString();
        std::set<std::string> theirs;
        for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
            const auto st = it->symlink_status().type();
            const char *type = st == fs::file_type::directory ? "dir" : st == fs::file_type::symlink ? "symlink" : "file";
            theirs.insert(it->path().lexically_relative(root).string() + " " + type);
        }
        m_podman->run({"image", "unmount", kLayered});
        QCOMPARE(mine, theirs);
        QVERIFY(mine.count("etc/hello.txt file"));

        const RunResult again = strata({"-D", "image", "tree", "--json", kLayered});
        QVERIFY2(again.exitCode == 0, what(again).c_str());
        QVERIFY2(again.err.find("layers from the cache") != std::string::npos, again.err.c_str());
        QCOMPARE(again.out, first.out);
        QVERIFY(fs::is_empty(m_dir / "cache/strata/remote-layers/tmp"));
        QVERIFY(!fs::exists(storeRoot()));
    }

    // The host's image prints exactly as the same image loaded into Strata.
    void imageLayersAndTreeMatchStrataOwn()
    {
        const fs::path archive = m_dir / "layered.tar";
        RunResult r = m_podman->run({"save", "--format", "docker-archive", "-o", q(archive), kLayered});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const QString own = q(m_dir / "own-store");
        r = strata::test::runStrata({"--root", own, "load", "-i", q(archive)});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        for (const QStringList &verb : {QStringList{"image", "layers"}, QStringList{"image", "layers", "--json"},
                                        QStringList{"image", "tree", "--all"}}) {
            const RunResult theirs = strata::test::runStrata(QStringList{"--root", own} + verb + QStringList{kLayered});
            const RunResult mine = strata(verb + QStringList{kLayered});
            QVERIFY2(mine.exitCode == 0, what(mine).c_str());
            QCOMPARE(mine.out, theirs.out);
        }
        QVERIFY2(strata({"image", "tree", kLayered}).out.find("/etc/passwd   (shadows L1)") != std::string::npos,
                 "the second layer's passwd shadows the first's");
        QVERIFY(!fs::exists(storeRoot()));
    }

    // The lifecycle verbs print what they print for Strata's own store and
    // change the host's container as podman sees it.
    void lifecycleVerbsDriveTheHost()
    {
        RunResult r = strata({"create", "--name", "strata-life", kImage, "/bin/sh", "-c", "exec sleep 300"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const std::string id = QString::fromStdString(r.out).trimmed().toStdString();
        QCOMPARE(id.size(), std::size_t{64});
        QCOMPARE(r.out, id + "\n");
        QCOMPARE(QString::fromStdString(m_podman->run({"inspect", "--format", "{{.Id}} {{.State.Status}}", "strata-life"}).out)
                         .trimmed().toStdString(),
                 id + " created");
        r = strata({"start", "strata-life"});
        if (r.exitCode != 0 && r.err.find("OCI") != std::string::npos)
            QSKIP(("podman cannot run a container here: " + what(r)).c_str());
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(r.out, std::string("strata-life\n"));
        const auto status = [&] {
            return QString::fromStdString(m_podman->run({"inspect", "--format", "{{.State.Status}}", "strata-life"}).out)
                    .trimmed().toStdString();
        };
        QCOMPARE(status(), std::string("running"));

        r = strata({"exec", "strata-life", "/bin/sh", "-c", "echo in-exec; echo to-err >&2; exit 4"});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.out, std::string("in-exec\n"));
        QCOMPARE(r.err, std::string("to-err\n"));
        r = strata({"top", "strata-life"});
        QVERIFY2(r.exitCode == 0 && r.out.find("sleep 300") != std::string::npos, what(r).c_str());

        r = strata({"pause", "strata-life"});
        if (r.exitCode == 0) { // needs a usable freezer on the host
            QCOMPARE(r.out, std::string("strata-life\n"));
            QCOMPARE(status(), std::string("paused"));
            r = strata({"unpause", "strata-life"});
            QCOMPARE(r.out, std::string("strata-life\n"));
            QCOMPARE(status(), std::string("running"));
        } else {
            QVERIFY2(r.err.rfind("Error: ", 0) == 0 && std::count(r.err.begin(), r.err.end(), '\n') == 1, r.err.c_str());
        }

        r = strata({"commit", "strata-life", "localhost/strata-committed:1"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(r.out.rfind("sha256:", 0) == 0 && r.out.size() == 7 + 64 + 1, r.out.c_str());
        QCOMPARE(QString::fromStdString(m_podman->inspect("localhost/strata-committed:1").value("Id", "")).remove("sha256:"),
                 QString::fromStdString(r.out).trimmed().remove("sha256:"));

        r = strata({"restart", "-t", "0", "strata-life"});
        QCOMPARE(r.out, std::string("strata-life\n"));
        QCOMPARE(status(), std::string("running"));
        r = strata({"kill", "strata-life"});
        QCOMPARE(r.out, std::string("strata-life\n"));
        r = strata({"wait", "strata-life"});
        QCOMPARE(r.out, std::string("137\n"));
        r = strata({"rm", "strata-life"});
        QCOMPARE(r.out, std::string("strata-life\n"));
        r = strata({"rm", "strata-life"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, std::string("Error: No such container: strata-life\n"));
        QVERIFY(!fs::exists(storeRoot()));
    }

    void runAttachedAndDetached()
    {
        const std::size_t before = lines(m_podman->run({"ps", "-aq"}).out).size();
        RunResult r = strata({"run", "--rm", kImage, "/bin/sh", "-c", "echo to-out; echo to-err >&2; exit 3"});
        if (r.exitCode == 125 && r.err.find("OCI") != std::string::npos)
            QSKIP(("podman cannot run a container here: " + what(r)).c_str());
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.out, std::string("to-out\n"));
        QCOMPARE(r.err, std::string("to-err\n"));
        QCOMPARE(lines(m_podman->run({"ps", "-aq"}).out).size(), before); // --rm

        r = strata({"run", "-d", "--name", "strata-detached", kImage, "/bin/sleep", "300"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(r.out.size(), std::size_t{65});
        QVERIFY(m_podman->run({"ps", "--format", "{{.Names}}"}).out.find("strata-detached") != std::string::npos);
        QCOMPARE(strata({"rm", "-f", "strata-detached"}).out, std::string("strata-detached\n"));

        // A missing image: Docker's line, then the host's pull fails (no registry).
        r = strata({"run", "localhost:1/strata-nothing:1"});
        QCOMPARE(r.exitCode, 125);
        QVERIFY2(r.err.rfind("Unable to find image 'localhost:1/strata-nothing:1' locally\n", 0) == 0, r.err.c_str());
        QVERIFY(!fs::exists(storeRoot()));
    }

    // tcp:// with TLS through a TLS proxy in front of podman's socket (socat).
    void tlsWithAGoodClientCertificate()
    {
        startTlsProxy();
        const fs::path d = m_dir / "tls";
        const RunResult mine = strata({"--tlsverify", "--tlscacert", q(d / "ca.pem"), "--tlscert", q(d / "client.pem"),
                                       "--tlskey", q(d / "client-key.pem"), "images", "--format", "{{.ID}}"},
                                      m_tlsHost);
        QVERIFY2(mine.exitCode == 0, what(mine).c_str());
        QCOMPARE(lines(mine.out), lines(m_podman->run({"images", "--format", "{{.ID}}"}).out));

        // Docker's environment: DOCKER_TLS_VERIFY + DOCKER_CERT_PATH with ca.pem, cert.pem, key.pem.
        const fs::path env = m_dir / "tls-env";
        fs::create_directories(env);
        fs::copy_file(d / "ca.pem", env / "ca.pem");
        fs::copy_file(d / "client.pem", env / "cert.pem");
        fs::copy_file(d / "client-key.pem", env / "key.pem");
        const ScopedEnv verify("DOCKER_TLS_VERIFY", "1");
        const ScopedEnv certs("DOCKER_CERT_PATH", q(env).toUtf8());
        const RunResult viaEnv = strata({"ps", "-a", "--format", "{{.Names}}"}, m_tlsHost);
        QVERIFY2(viaEnv.exitCode == 0, what(viaEnv).c_str());
        QCOMPARE(lines(viaEnv.out), lines(m_podman->run({"ps", "-a", "--format", "{{.Names}}"}).out));
        QVERIFY(!fs::exists(storeRoot()));
    }

    // The end of piped input over TLS reaches the container (close_notify,
    // then the socket's half-close, as Docker's CLI): `run -i` and `exec -i`
    // of `cat` end with the input's end instead of waiting for more.
    void tlsPassesTheEndOfStdin()
    {
        startTlsProxy();
        const fs::path d = m_dir / "tls";
        const QStringList tls{"--tlsverify", "--tlscacert", q(d / "ca.pem"), "--tlscert", q(d / "client.pem"),
                              "--tlskey", q(d / "client-key.pem")};
        RunResult r = strata(tls + QStringList{"run", "-i", "--rm", "--network", "none", kImage, "cat"}, m_tlsHost,
                             "over tls\n");
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(r.out, std::string("over tls\n"));
        r = strata(tls + QStringList{"run", "-d", "--name", "strata-tls-exec", "--network", "none", kImage}, m_tlsHost);
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        r = strata(tls + QStringList{"exec", "-i", "strata-tls-exec", "cat"}, m_tlsHost, "exec input\n");
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(r.out, std::string("exec input\n"));
        QCOMPARE(strata({"rm", "-f", "strata-tls-exec"}).exitCode, 0);
        QVERIFY(!fs::exists(storeRoot()));
    }

    void tlsRefusesAStrangersCertificateInOneLine()
    {
        startTlsProxy();
        const fs::path d = m_dir / "tls";
        // The proxy trusts only its CA: a client certificate from another is refused.
        checkOneLineError(strata({"--tlsverify", "--tlscacert", q(d / "ca.pem"), "--tlscert", q(d / "stranger.pem"),
                                  "--tlskey", q(d / "stranger-key.pem"), "images"},
                                 m_tlsHost),
                          m_tlsHost, "TLS");
        // And we trust only ours: a server our CA did not sign is refused.
        checkOneLineError(strata({"--tlsverify", "--tlscacert", q(d / "rogue-ca.pem"), "--tlscert", q(d / "client.pem"),
                                  "--tlskey", q(d / "client-key.pem"), "images"},
                                 m_tlsHost),
                          m_tlsHost, "TLS");
        const RunResult missing = strata({"--tlsverify", "--tlscacert", q(d / "nothing.pem"), "images"}, m_tlsHost);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.find("--tlscacert " + (d / "nothing.pem").string() + ": no such file") != std::string::npos,
                 missing.err.c_str());
    }

    // ssh://: the Docker CLI's transport is `ssh USER@HOST docker system
    // dial-stdio`, HTTP over the pipes. A fake "ssh" on PATH stands in for
    // it: it checks the remote command and bridges stdio to podman's socket
    // with socat, as dial-stdio does on the far side. That is the real
    // transport minus the network hop (no sshd is started here).
    void sshDialStdio()
    {
        if (strata::test::runProgram("socat", {"-V"}).exitCode != 0)
            QSKIP("socat is missing (Debian package socat)");
        const fs::path bin = m_dir / "fake-ssh";
        fs::create_directories(bin);
        strata::test::writeFile(bin / "ssh", "#!/bin/sh\ncase \"$*\" in\n*\" -- tester@example.invalid docker system dial-stdio\")"
                                             " exec socat - UNIX-CONNECT:" + (m_dir / "podman.sock").string() +
                                             " ;;\n*) echo \"fake ssh: unexpected arguments: $*\" >&2; exit 255 ;;\nesac\n");
        fs::permissions(bin / "ssh", fs::perms::owner_all);
        const ScopedEnv path("PATH", q(bin).toUtf8() + ":" + qgetenv("PATH"));
        const QString host = "ssh://tester@example.invalid";
        const RunResult mine = strata({"images", "--format", "{{.ID}}"}, host);
        QVERIFY2(mine.exitCode == 0, what(mine).c_str());
        QCOMPARE(lines(mine.out), lines(m_podman->run({"images", "--format", "{{.ID}}"}).out));
        const RunResult info = strata({"info"}, host);
        QVERIFY2(info.out.find(" Engine: Podman") != std::string::npos, what(info).c_str());

        // What ssh says when it cannot connect is the one line.
        strata::test::writeFile(bin / "ssh", "#!/bin/sh\necho 'ssh: Could not resolve hostname example.invalid: Name or "
                                             "service not known' >&2\nexit 255\n");
        checkOneLineError(strata({"ps"}, host), host, "ssh: Could not resolve hostname example.invalid");
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

    // A local host whose overlay GraphDriver directories are readable: read
    // in place (no export, nothing cached), overlay whiteouts honoured. The
    // host is a FakeEngine answering as podman would (a real podman with
    // overlay storage may be unavailable here); the layers are made here.
    void localGraphDriverDirsAreReadInPlace()
    {
        const fs::path lower = m_dir / "overlay/l1/diff", upper = m_dir / "overlay/l2/diff";
        fs::create_directories(lower / "etc");
        fs::create_directories(upper / "etc");
        strata::test::writeFile(lower / "etc/motd", "old\n");
        strata::test::writeFile(lower / "etc/gone", "x\n");
        strata::test::writeFile(upper / "etc/motd", "new!\n");
        if (::mknod((upper / "etc/gone").c_str(), S_IFCHR | 0600, makedev(0, 0)) != 0)
            QSKIP("cannot make an overlay whiteout (a 0/0 character device) here: needs CAP_MKNOD");
        const std::string head = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nServer: Libpod/4.3.1 (linux)\r\n"
                                 "Connection: close\r\nContent-Type: application/json\r\n";
        const auto answer = [&](const nlohmann::json &body) {
            const std::string text = body.dump();
            return head + "Content-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text;
        };
        const fs::path sock = m_dir / "overlay.sock";
        FakeEngine fake(sock.string(), head + "Content-Length: 2\r\n\r\nOK");
        const std::string l1(64, '1'), l2(64, '2');
        using nlohmann::json;
        fake.answer("/libpod/images/", answer(json{{"History", json::array({json{{"created_by", "ADD base"}},
                                                                             json{{"created_by", "ENV A=1"}, {"empty_layer", true}},
                                                                             json{{"created_by", "COPY motd"}}})}}));
        fake.answer("/json", answer(json{{"Id", "sha256:" + std::string(64, 'c')},
                                         {"RootFS", {{"Type", "layers"}, {"Layers", {"sha256:" + l1, "sha256:" + l2}}}},
                                         {"GraphDriver", {{"Name", "overlay"},
                                                          {"Data", {{"LowerDir", lower.string()},
                                                                    {"UpperDir", upper.string()},
                                                                    {"WorkDir", "/nowhere"}}}}}}));
        QVERIFY(fake.listening());
        const QString host = "unix://" + q(sock);
        const ScopedEnv xdg("XDG_CACHE_HOME", q(m_dir / "overlay-cache").toUtf8());
        RunResult r = strata({"-D", "image", "tree", "localhost/overlaid:1"}, host);
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(r.err.find("layers from the graphdriver") != std::string::npos, r.err.c_str());
        QVERIFY2(r.out.find("L2  /etc/motd   (shadows L1)") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("/etc/gone") == std::string::npos, r.out.c_str());
        r = strata({"image", "layers", "localhost/overlaid:1"}, host);
        QVERIFY2(r.out.find("L2  sha256:222222222222  5B  COPY motd\n") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("    D  /etc/gone\n") != std::string::npos, r.out.c_str());
        QVERIFY(!fs::exists(m_dir / "overlay-cache/strata/remote-layers/sha256"));
    }

    // image tree's export cut mid-way: one line, and neither Strata's store
    // nor the layer cache holds anything of it.
    void anExportCutMidWayIsOneLineAndCachesNothing()
    {
        const fs::path sock = m_dir / "cut-export.sock";
        const std::string head = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nServer: Docker/20.10\r\nConnection: close\r\n";
        FakeEngine fake(sock.string(), head + "Content-Length: 2\r\n\r\nOK");
        const std::string hex(64, 'a'), diff(64, 'b');
        const std::string inspect =
                nlohmann::json{{"Id", "sha256:" + hex},
                               {"RootFS", {{"Type", "layers"}, {"Layers", {"sha256:" + diff}}}},
                               {"GraphDriver", {{"Name", "vfs"}, {"Data", nullptr}}}}
                        .dump();
        fake.answer("/json", head + "Content-Type: application/json\r\nContent-Length: " + std::to_string(inspect.size()) +
                                     "\r\n\r\n" + inspect);
        fake.answer("/get", head + "Content-Length: 1048576\r\n\r\n" + std::string(4096, '\0'));
        QVERIFY(fake.listening());
        const QString host = "unix://" + q(sock);
        const fs::path cache = m_dir / "cut-cache";
        const ScopedEnv xdg("XDG_CACHE_HOME", q(cache).toUtf8());
        checkOneLineError(strata({"image", "tree", "localhost/cut:1"}, host), host, "cut");
        QVERIFY(!fs::exists(cache / "strata/remote-layers/sha256"));
        QVERIFY(!fs::exists(cache / "strata/remote-layers/configs"));
        QVERIFY(fs::is_empty(cache / "strata/remote-layers/tmp"));
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
