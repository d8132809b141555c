// SPDX-License-Identifier: GPL-3.0-or-later
// The interactive verbs against a real host: `run -it`, `run -i`, `exec -it`,
// `attach`, `start -ai`, the detach keys and resize, over the Engine API's
// hijacked connection to podman's Docker-compatible API service (started
// once for the suite on a temporary socket). `strata` runs on a pty of the
// test's own, typed into as a user would.
#include "tests/interop/PodmanSandbox.h"
#include "tests/interop/PodmanService.h"
#include "tests/remote/FakeEngine.h"
#include "tests/remote/PtyProcess.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <memory>


namespace fs = std::filesystem;
using strata::test::FakeEngine;
using strata::test::PodmanSandbox;
using strata::test::PodmanService;
using strata::test::PtyProcess;
using strata::test::RunResult;

namespace {

const QString kImage = QStringLiteral("localhost/strata-attach:1");
const std::string kPrompt = "# "; // busybox sh's, as root

QString q(const fs::path &p)
{
    return QString::fromStdString(p.string());
}

std::string what(const RunResult &r)
{
    return "exit " + std::to_string(r.exitCode) + "\nout: " + r.out + "\nerr: " + r.err;
}

} // namespace

class HostAttachTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path m_dir;
    std::unique_ptr<PodmanSandbox> m_podman;
    std::unique_ptr<PodmanService> m_service;
    QString m_host;
    bool m_canRun = false;

    QStringList strataArgs(QStringList args, const QString &host = {}) const
    {
        return QStringList{"--root", q(storeRoot()), "-H", host.isEmpty() ? m_host : host} + args;
    }
    RunResult strata(const QStringList &args, const std::string &input = {}, const QString &host = {}) const
    {
        return strata::test::runStrata(strataArgs(args, host), input);
    }
    std::unique_ptr<PtyProcess> onPty(const QStringList &args, int rows = 24, int cols = 80) const
    {
        return std::make_unique<PtyProcess>(q(strata::test::binaryDir() / "strata"), strataArgs(args), rows, cols);
    }
    fs::path storeRoot() const { return m_dir / "strata-store"; }
    std::string status(const QString &name) const
    {
        return QString::fromStdString(m_podman->run({"inspect", "--format", "{{.State.Status}}", name}).out)
                .trimmed()
                .toStdString();
    }
    // The terminal strata leaves behind is the one it was given (raw mode undone).
    static void checkTerminalRestored(const PtyProcess &p)
    {
        const termios t = p.modes();
        QVERIFY2((t.c_lflag & ICANON) && (t.c_lflag & ECHO), "the terminal was left in raw mode");
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (strata::test::runProgram("podman", {"--version"}).exitCode != 0)
            QSKIP("podman is not installed (Debian package podman): no real host to attach to");
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.path().toStdString();
        bool missingPackage = false;
        const QString why = strata::test::startPodmanHost(m_dir, kImage, m_podman, m_service, &missingPackage);
        if (missingPackage)
            QSKIP(qPrintable(why));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        m_host = m_service->url();
        const RunResult r = strata({"run", "--rm", "--network", "none", kImage, "true"});
        if (r.exitCode != 0 && r.err.find("OCI") != std::string::npos)
            QSKIP(("podman cannot run a container here: " + what(r)).c_str());
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        m_canRun = true;
    }

    void cleanupTestCase()
    {
        if (m_podman) {
            m_podman->run({"rm", "-f", "-t", "0", "-a"});
            m_service.reset();
            m_podman->run({"system", "reset", "-f"});
        }
    }

    // `run -it`: a shell on the host's container, typed into; its exit code is strata's.
    void runItIsAShell()
    {
        auto p = onPty({"run", "-it", "--rm", "--network", "none", kImage, "sh"});
        QVERIFY(p->waitFor(kPrompt));
        p->type("echo h''i; exit 3\r");
        QCOMPARE(p->wait(), 3);
        QVERIFY2(p->shown().find("\nhi\r") != std::string::npos, p->shown().c_str());
        checkTerminalRestored(*p);
    }

    // `run -i` without a terminal: stdin piped, its end closes the container's.
    void runIPipesStdin()
    {
        const RunResult r = strata({"run", "-i", "--rm", "--network", "none", kImage, "cat"}, "x\n");
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(r.out, std::string("x\n"));
        QCOMPARE(r.err, std::string());
    }

    // The window size reaches the container, at the start and on SIGWINCH.
    void resizeFollowsTheTerminal()
    {
        auto p = onPty({"run", "-it", "--rm", "--network", "none", kImage, "sh"}, 30, 100);
        QVERIFY(p->waitFor(kPrompt));
        p->type("stty size\r");
        QVERIFY2(p->waitFor("30 100"), p->shown().c_str());
        p->resize(40, 120);
        QDeadlineTimer deadline(30000);
        while (!p->waitFor("40 120", 500) && !deadline.hasExpired())
            p->type("stty size\r"); // the host applies a resize asynchronously: ask until it shows
        QVERIFY2(p->shown().find("40 120") != std::string::npos, p->shown().c_str());
        p->type("exit\r");
        QCOMPARE(p->wait(), 0);
    }

    // Ctrl+P Ctrl+Q leaves the container running; `attach` comes back to it.
    void detachKeysThenAttach()
    {
        auto p = onPty({"run", "-it", "--name", "strata-detach", "--network", "none", kImage, "sh"});
        QVERIFY(p->waitFor(kPrompt));
        p->type("\x10\x11");
        QCOMPARE(p->wait(), 0);
        checkTerminalRestored(*p);
        QCOMPARE(status("strata-detach"), std::string("running"));

        auto a = onPty({"attach", "strata-detach"});
        a->type("echo ba''ck\r"); // typed ahead: the attach forwards it once connected
        QVERIFY2(a->waitFor("back\r"), a->shown().c_str());
        a->type("exit 5\r");
        QCOMPARE(a->wait(), 5);
        checkTerminalRestored(*a);
        QCOMPARE(status("strata-detach"), std::string("exited"));
    }

    // `exec -it` in a running container; `start -ai` of a created one.
    void execItAndStartAi()
    {
        RunResult r = strata({"run", "-d", "--name", "strata-exec", "--network", "none", kImage});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        auto e = onPty({"exec", "-it", "strata-exec", "sh"});
        QVERIFY(e->waitFor(kPrompt));
        e->type("echo in-e''xec; exit 4\r");
        QCOMPARE(e->wait(), 4);
        QVERIFY2(e->shown().find("in-exec\r") != std::string::npos, e->shown().c_str());
        QCOMPARE(status("strata-exec"), std::string("running")); // the exec ended, not the container

        r = strata({"create", "-it", "--name", "strata-startai", "--network", "none", kImage, "sh"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        auto s = onPty({"start", "-ai", "strata-startai"});
        QVERIFY(s->waitFor(kPrompt));
        s->type("exit 2\r");
        QCOMPARE(s->wait(), 2);
    }

    // `exec -d`: nothing printed, status 0, and the command runs on in the container.
    void execDetachedRunsInTheContainer()
    {
        RunResult r = strata({"run", "-d", "--name", "strata-execd", "--network", "none", kImage});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        r = strata({"exec", "-d", "strata-execd", "sh", "-c", "echo from-b''g > /bg"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(r.out, std::string());
        QCOMPARE(r.err, std::string());
        QTRY_COMPARE_WITH_TIMEOUT(m_podman->run({"exec", "strata-execd", "cat", "/bg"}).out, std::string("from-bg\n"), 30000);
        r = strata({"exec", "-d", "strata-nothing", "true"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, std::string("Error: No such container: strata-nothing\n"));
        QVERIFY(!fs::exists(storeRoot()));
    }

    // `run -it --rm` left with Ctrl+P Ctrl+Q runs on; it is removed once it
    // ends, by the host (HostConfig.AutoRemove), whoever ends it: here an
    // `attach` that exits it, which still gets its exit code.
    void runItRmDetachedIsRemovedWhenItEnds()
    {
        auto p = onPty({"run", "-it", "--rm", "--name", "strata-rmdetach", "--network", "none", kImage, "sh"});
        QVERIFY(p->waitFor(kPrompt));
        p->type("\x10\x11");
        QCOMPARE(p->wait(), 0);
        checkTerminalRestored(*p);
        QCOMPARE(status("strata-rmdetach"), std::string("running"));

        auto a = onPty({"attach", "strata-rmdetach"});
        a->type("exit 6\r");
        QCOMPARE(a->wait(), 6);
        QTRY_COMPARE_WITH_TIMEOUT(m_podman->run({"container", "exists", "strata-rmdetach"}).exitCode, 1, 30000);
    }

    // Bad input: one line, exit 1, the terminal as it was.
    void attachToAStoppedContainerIsOneLine()
    {
        RunResult r = strata({"create", "--name", "strata-stopped", "--network", "none", kImage});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        auto p = onPty({"attach", "strata-stopped"});
        QCOMPARE(p->wait(), 1);
        QVERIFY2(p->shown() == "Error: You cannot attach to a stopped container, start it first\r\n", p->shown().c_str());
        checkTerminalRestored(*p);
        r = strata({"attach", "strata-nothing"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, std::string("Error: No such container: strata-nothing\n"));
    }

    void aHostWithoutHijackingIsOneLine()
    {
        const fs::path sock = m_dir / "nohijack.sock";
        FakeEngine fake(sock.string(), "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nServer: Docker/20.10\r\n"
                                       "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        const std::string running = R"({"Id":"abc","Config":{"Tty":true,"OpenStdin":true},"State":{"Running":true}})";
        fake.answer("/json", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                             "Content-Length: " + std::to_string(running.size()) + "\r\n\r\n" + running);
        QVERIFY(fake.listening());
        const QString host = "unix://" + q(sock);
        auto p = std::make_unique<PtyProcess>(q(strata::test::binaryDir() / "strata"),
                                              strataArgs({"attach", "abc"}, host), 24, 80);
        QCOMPARE(p->wait(), 1);
        const std::string &shown = p->shown();
        QCOMPARE(std::count(shown.begin(), shown.end(), '\n'), 1L);
        QVERIFY2(shown.find(host.toStdString()) != std::string::npos, shown.c_str());
        QVERIFY2(shown.find("does not support attaching") != std::string::npos, shown.c_str());
        checkTerminalRestored(*p);
    }

    // The host goes away mid-stream: one line naming it, exit 1, terminal restored.
    // (Last: the service is started again for nothing else.)
    void aStreamCutMidWayIsOneLine()
    {
        auto p = onPty({"run", "-it", "--name", "strata-cut", "--network", "none", kImage, "sh"});
        QVERIFY(p->waitFor(kPrompt));
        const std::size_t before = p->shown().size();
        m_service->stop();
        QCOMPARE(p->wait(), 1);
        const std::string after = p->shown().substr(before);
        QVERIFY2(after.find("Error: host " + m_host.toStdString() + ": ") != std::string::npos, after.c_str());
        QCOMPARE(std::count(after.begin(), after.end(), '\n'), 1L);
        checkTerminalRestored(*p);
        QString failed;
        QVERIFY2(m_service->start(&failed), qPrintable(failed));
    }
};

QTEST_GUILESS_MAIN(HostAttachTest)
#include "tst_HostAttach.moc"
