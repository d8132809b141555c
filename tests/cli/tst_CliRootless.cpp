// SPDX-License-Identifier: GPL-3.0-or-later
// Rootless networking through the real `strata` binary run as an
// unprivileged user (nobody, through setpriv when the suite runs as root):
// slirp4netns gives the container outbound access (a host-side HTTP server,
// reached at one of the host's own addresses: nothing leaves the machine)
// and -p (busybox httpd answering the host on 127.0.0.1), `port` and `ps`
// report it, and nothing is left once the container is gone.
#include "tests/support/TestSupport.h"
#include "tests/cli/LoopbackHttp.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest/QTest>

#include <arpa/inet.h>
#include <filesystem>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using strata::test::RunResult;
using strata::test::eventually;
using strata::test::freePort;
using strata::test::httpGet;
using strata::test::binaryDir;
using strata::test::runProgram;

namespace {

constexpr uid_t kNobody = 65534;

bool contains(const std::string &hay, const std::string &needle)
{
    return hay.find(needle) != std::string::npos;
}

// One IPv4 address of this host other than loopback ("" when there is none):
// slirp4netns reaches it with an ordinary socket, as any outbound address.
std::string hostAddress()
{
    ifaddrs *list = nullptr;
    if (::getifaddrs(&list) != 0)
        return {};
    std::string out;
    for (ifaddrs *i = list; i && out.empty(); i = i->ifa_next)
        if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET) {
            const auto *a = reinterpret_cast<const sockaddr_in *>(i->ifa_addr);
            if ((ntohl(a->sin_addr.s_addr) >> 24) == 127)
                continue;
            char text[INET_ADDRSTRLEN] = {};
            ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
            out = text;
        }
    ::freeifaddrs(list);
    return out;
}

// The command lines of running slirp4netns processes that mention `needle`.
std::vector<std::string> slirpProcessesFor(const std::string &needle)
{
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto &e : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string pid = e.path().filename().string();
        if (pid.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::string cmd;
        try {
            cmd = strata::test::readFile(e.path() / "cmdline");
        } catch (...) {
            continue;
        }
        for (auto &c : cmd)
            if (c == '\0')
                c = ' ';
        if (contains(cmd, "slirp4netns") && contains(cmd, needle))
            out.push_back(pid + ": " + cmd);
    }
    return out;
}

std::string joined(const std::vector<std::string> &lines)
{
    std::string out;
    for (const auto &l : lines)
        out += l + "\n";
    return out;
}

} // namespace

class TestCliRootless : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir; // the unprivileged user's store (root/) and web files
    std::string m_store;
    std::string m_noUserMode; // why slirp4netns cannot serve this user ("" = it can)
    bool m_openTun = false;   // run the user's CLI where /dev/net/tun is open to it

    // `strata --root STORE args` as the unprivileged user, with `env`
    // ("NAME=value"; setpriv --reset-env keeps no variable, so through env(1)).
    RunResult strataWith(const QStringList &env, QStringList args, int timeoutMs = 60000)
    {
        args = env + QStringList{QString::fromStdString((binaryDir() / "strata").string()), "--root",
                                 QString::fromStdString(m_store)} +
               args;
        if (::geteuid() != 0)
            return runProgram(QStringLiteral("env"), args, {}, timeoutMs);
        args = QStringList{"setpriv", "--reuid=" + QString::number(kNobody), "--regid=" + QString::number(kNobody),
                           "--clear-groups", "--reset-env", "--", "env"} +
               args;
        if (!m_openTun)
            return runProgram(args.takeFirst(), args, {}, timeoutMs);
        // A machine whose /dev/net/tun is root's alone (0600; Debian ships
        // 0666): the user gets an open node in a mount namespace of its own,
        // where slirp4netns (a child of the CLI) finds it; the host's node
        // is never changed.
        return runProgram(QStringLiteral("unshare"),
                          QStringList{"--mount", "--propagation", "private", "--", "sh", "-c",
                                      "mount -t tmpfs -o mode=0755 strata-tun /dev/net && "
                                      "mknod -m 0666 /dev/net/tun c 10 200 && exec \"$@\"",
                                      "sh"} +
                              args,
                          {}, timeoutMs);
    }
    RunResult strata(QStringList args) { return strataWith({}, std::move(args)); }

    void expectNothingLeft()
    {
        QVERIFY2(eventually([&] { return slirpProcessesFor(m_store).empty(); }),
                 joined(slirpProcessesFor(m_store)).c_str());
        std::error_code ec;
        const auto endpoints = std::filesystem::path(m_store) / "networks" / "endpoints";
        QVERIFY(!std::filesystem::exists(endpoints) || std::filesystem::is_empty(endpoints, ec));
        const auto sockets = std::filesystem::path(m_store) / "networks" / "slirp";
        QVERIFY(!std::filesystem::exists(sockets) || std::filesystem::is_empty(sockets, ec));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!std::filesystem::exists("/bin/busybox"))
            QSKIP("needs /bin/busybox (busybox-static) for the builtin image");
        if (::access("/usr/bin/slirp4netns", X_OK) != 0)
            QSKIP("needs /usr/bin/slirp4netns (Debian's slirp4netns)");
        QVERIFY(m_dir.isValid());
        m_store = m_dir.path().toStdString() + "/root";
        std::filesystem::create_directories(m_store);
        if (::geteuid() == 0) {
            if (runProgram("setpriv", {"--version"}).exitCode != 0)
                QSKIP("needs setpriv (util-linux) to run the CLI as nobody");
            const QString strataBinary = QString::fromStdString((binaryDir() / "strata").string());
            if (runProgram("setpriv", {"--reuid=" + QString::number(kNobody), "--regid=" + QString::number(kNobody),
                                       "--clear-groups", "--", "test", "-x", strataBinary})
                    .exitCode != 0)
                QSKIP(("nobody cannot execute " + strataBinary.toStdString() +
                       " (a build tree under a private directory such as /root): build elsewhere to run this suite")
                          .c_str());
            struct stat tun {};
            m_openTun = ::stat("/dev/net/tun", &tun) == 0 && (tun.st_mode & 0006) != 0006 &&
                        runProgram("unshare", {"--mount", "--", "true"}).exitCode == 0;
            QVERIFY(::chown(m_dir.path().toLocal8Bit().constData(), kNobody, kNobody) == 0);
            QVERIFY(::chown(m_store.c_str(), kNobody, kNobody) == 0);
        }
        const RunResult info = strata({"info"});
        QVERIFY2(info.exitCode == 0, info.err.c_str());
        if (!contains(info.out, "Runtime: strata-shim (rootless)"))
            QSKIP(("the kernel refuses unprivileged user namespaces, so there is no rootless mode here:\n" + info.out)
                      .c_str());
        if (!contains(info.out, "\n Network: slirp4netns\n")) {
            const auto at = info.out.find(" Network: ");
            m_noUserMode = "no user-mode networking for an unprivileged user here:\n" +
                           info.out.substr(at, info.out.find("\n Security", at) - at);
        }
    }

    void cleanupTestCase()
    {
        if (m_store.empty())
            return;
        const RunResult ids = strata({"ps", "-aq"});
        if (!ids.out.empty())
            (void)strata(QStringList{"rm", "-f"} + QString::fromStdString(ids.out).trimmed().split('\n'));
        QVERIFY2(slirpProcessesFor(m_store).empty(), joined(slirpProcessesFor(m_store)).c_str());
    }

    void outboundTrafficReachesAHostServer()
    {
        if (!m_noUserMode.empty())
            QSKIP(m_noUserMode.c_str());
        const std::string address = hostAddress();
        if (address.empty())
            QSKIP("this host has no IPv4 address but loopback, which slirp4netns keeps containers from (as Docker's rootless mode)");
        const auto web = std::filesystem::path(m_dir.path().toStdString()) / "hostweb";
        std::filesystem::create_directories(web);
        strata::test::writeFile(web / "index.html", "hello-from-the-host\n");
        const int port = freePort(inet_addr(address.c_str()));
        QProcess server;
        server.start("/bin/busybox", {"httpd", "-f", "-p", QString::fromStdString(address + ":" + std::to_string(port)),
                                      "-h", QString::fromStdString(web.string())});
        QVERIFY(server.waitForStarted());
        const RunResult r = strata({"run", "--rm", "strata/busybox", "sh", "-c",
                                    QString::fromStdString("for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O - http://" +
                                                           address + ":" + std::to_string(port) +
                                                           "/ && exit 0; sleep 0.5; done; exit 1")});
        server.kill();
        server.waitForFinished();
        QVERIFY2(r.exitCode == 0, (r.out + r.err).c_str());
        QCOMPARE(r.out, std::string("hello-from-the-host\n"));
        expectNothingLeft();
    }

    void aPublishedPortAnswersTheHostUntilRm()
    {
        if (!m_noUserMode.empty())
            QSKIP(m_noUserMode.c_str());
        const int port = freePort();
        const QString publish = QString::fromStdString("127.0.0.1:" + std::to_string(port) + ":80");
        const RunResult run = strata({"run", "-d", "--name", "web", "-p", publish, "strata/busybox", "sh", "-c",
                                      "mkdir -p /www && echo hello-rootless > /www/index.html && exec httpd -f -p 80 -h /www"});
        QVERIFY2(run.exitCode == 0, run.err.c_str());
        QVERIFY2(eventually([&] { return contains(httpGet(port), "hello-rootless"); }),
                 strata({"logs", "web"}).err.c_str());
        const std::string where = "127.0.0.1:" + std::to_string(port);
        QCOMPARE(strata({"port", "web"}).out, "80/tcp -> " + where + "\n");
        QCOMPARE(strata({"port", "web", "80"}).out, where + "\n");
        const RunResult ps = strata({"ps", "--format", "{{.Ports}}"});
        QCOMPARE(ps.out, where + "->80/tcp\n");
        QVERIFY(!slirpProcessesFor(m_store).empty());
        const RunResult rm = strata({"rm", "-f", "web"});
        QVERIFY2(rm.exitCode == 0, rm.err.c_str());
        QCOMPARE(httpGet(port), std::string());
        expectNothingLeft();
    }

    // slirp4netns ends with the container's process, whoever notices the exit.
    // As Docker's rootless mode: 10.0.2.2 is the host but not its loopback,
    // unless STRATA_SLIRP_HOST_LOOPBACK=1 asks for it.
    void hostLoopbackOnlyWhenAsked()
    {
        if (!m_noUserMode.empty())
            QSKIP(m_noUserMode.c_str());
        const auto web = std::filesystem::path(m_dir.path().toStdString()) / "loweb";
        std::filesystem::create_directories(web);
        strata::test::writeFile(web / "index.html", "hello-from-loopback\n");
        const int port = freePort();
        QProcess server;
        server.start("/bin/busybox", {"httpd", "-f", "-p", QString::fromStdString("127.0.0.1:" + std::to_string(port)),
                                      "-h", QString::fromStdString(web.string())});
        QVERIFY(server.waitForStarted());
        QVERIFY(eventually([&] { return contains(httpGet(port), "hello-from-loopback"); }));
        const QStringList get{"run", "--rm", "strata/busybox", "sh", "-c",
                              QString::fromStdString("printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc 10.0.2.2 " +
                                                     std::to_string(port))};
        const RunResult refused = strata(get);
        const RunResult allowed = strataWith({"STRATA_SLIRP_HOST_LOOPBACK=1"}, get);
        server.kill();
        server.waitForFinished();
        QVERIFY2(refused.exitCode != 0, refused.out.c_str());
        QVERIFY2(allowed.exitCode == 0, allowed.err.c_str());
        QVERIFY2(contains(allowed.out, "\r\n\r\nhello-from-loopback\n"), allowed.out.c_str());
        expectNothingLeft();
    }

    void slirp4netnsEndsWithTheContainer()
    {
        if (!m_noUserMode.empty())
            QSKIP(m_noUserMode.c_str());
        const RunResult run = strata({"run", "-d", "--name", "brief", "-p", "127.0.0.1::80", "strata/busybox", "sh",
                                      "-c", "sleep 1"});
        QVERIFY2(run.exitCode == 0, run.err.c_str());
        QVERIFY(eventually([&] { return slirpProcessesFor(m_store).empty(); }));
        QVERIFY(eventually([&] { return contains(strata({"ps", "-a"}).out, "Exited (0)"); }));
        QCOMPARE(strata({"rm", "brief"}).exitCode, 0);
        expectNothingLeft();
    }

    void privilegedPortsAreRefusedClearly()
    {
        if (!m_noUserMode.empty())
            QSKIP(m_noUserMode.c_str());
        const std::string start = strata::test::readFile("/proc/sys/net/ipv4/ip_unprivileged_port_start");
        if (std::stoi(start) <= 80)
            QSKIP("net.ipv4.ip_unprivileged_port_start lets anyone bind port 80 here");
        const std::string before = strata({"ps", "-aq"}).out;
        const RunResult r = strata({"run", "--rm", "-p", "127.0.0.1:80:80", "strata/busybox", "true"});
        QCOMPARE(r.exitCode, 125);
        QCOMPARE(r.err, std::string("Error: cannot expose privileged port 80, you can add "
                                    "'net.ipv4.ip_unprivileged_port_start=80' to /etc/sysctl.conf, or choose a "
                                    "larger port number (>= 1024)\n"));
        QCOMPARE(strata({"ps", "-aq"}).out, before);
    }

    void withoutSlirp4netnsPublishingIsRefused()
    {
        const auto run = [&](const QStringList &args) {
            return strataWith({"STRATA_SLIRP4NETNS=/nonexistent/slirp4netns"}, args);
        };
        const RunResult info = run({"info"});
        QVERIFY2(contains(info.out, "\n Network: none\n"), info.out.c_str());
        const std::string before = strata({"ps", "-aq"}).out;
        const RunResult r = run({"run", "--rm", "-p", "8080:80", "strata/busybox", "true"});
        QCOMPARE(r.exitCode, 125);
        QCOMPARE(r.err, std::string("Error: cannot publish ports: rootless containers have no bridges and "
                                    "/nonexistent/slirp4netns (Debian's slirp4netns) is not installed\n"));
        QCOMPARE(strata({"ps", "-aq"}).out, before);
        // Without -p a container still runs, on loopback only.
        const RunResult lo = run({"run", "--rm", "strata/busybox", "cat", "/proc/net/dev"});
        QVERIFY2(lo.exitCode == 0, lo.err.c_str());
        QVERIFY(!contains(lo.out, "tap0"));
    }
};

QTEST_GUILESS_MAIN(TestCliRootless)
#include "tst_CliRootless.moc"
