// SPDX-License-Identifier: GPL-3.0-or-later
// Controlling running containers from outside, as `kill`, `stop`, `pause`,
// `exec`, `top` and `attach` will: every call goes through the bundle
// directory, as from another process. Needs root; skips otherwise.
#include "engine/Error.h"
#include "engine/runtime/Runtime.h"
#include "tests/engine/runtime/RuntimeFixture.h"

#include <QTemporaryDir>
#include <QtTest/QTest>
#include "tests/engine/runtime/TestPrinting.h"

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace strata::test::runtime;
namespace rt = strata::engine::runtime;
using namespace std::chrono_literals;

namespace {

// A pipe whose read end collects what a child writes.
struct Capture {
    int fds[2] = {-1, -1};
    Capture() { QVERIFY(::pipe2(fds, O_CLOEXEC) == 0); }
    ~Capture()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    std::string drain()
    {
        ::close(fds[1]);
        fds[1] = -1;
        std::string out;
        char buf[4096];
        for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
            out.append(buf, static_cast<size_t>(n));
        return out;
    }
};

bool waitFor(const std::function<bool()> &cond, std::chrono::milliseconds timeout = 10s)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!cond()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

} // namespace

class TestContainerControl : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    fs::path m_dir;
    fs::path m_rootfs;
    int m_n = 0;
    std::vector<fs::path> m_started;

    fs::path start(const rt::RuntimeSpec &spec)
    {
        const fs::path b = writeBundle(m_dir, "k" + std::to_string(++m_n), spec);
        m_started.push_back(b);
        rt::startShim(b, shimPath());
        return b;
    }
    fs::path startScript(const std::string &script) { return start(defaultSpec(m_rootfs, {"sh", "-c", script})); }

private Q_SLOTS:
    void initTestCase()
    {
        if (const std::string why = containerSkipReason(); !why.empty())
            QSKIP(why.c_str());
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.path().toStdString();
        m_rootfs = m_dir / "rootfs";
        buildBusyboxRootfs(m_rootfs);
    }

    void runningStateIsRecorded()
    {
        const fs::path b = start(defaultSpec(m_rootfs, {"sleep", "30"}));
        const rt::ShimState st = rt::readState(b);
        QCOMPARE(st.status, rt::ShimStatus::Running);
        QVERIFY(st.pid > 0);
        QVERIFY(::kill(st.pid, 0) == 0);
        QVERIFY(!st.startedAt.empty());
        QVERIFY(!st.paused);
        QVERIFY(!rt::waitExit(b, 100ms)); // still running: times out
        rt::signal(b, SIGKILL);
    }

    void killIs137()
    {
        const fs::path b = start(defaultSpec(m_rootfs, {"sleep", "30"}));
        rt::signal(b, SIGKILL);
        const auto st = rt::waitExit(b, 10s);
        QVERIFY(st);
        QCOMPARE(st->status, rt::ShimStatus::Exited);
        QCOMPARE(st->exitCode, 137);
        QCOMPARE(st->signal, SIGKILL);
        QVERIFY_THROWS_EXCEPTION(strata::engine::Error, rt::signal(b, SIGKILL)); // not running any more
    }

    void termWithHandlerIs143()
    {
        // PID 1 only receives signals it handles (pid_namespaces(7)), so the
        // command traps TERM, as a well-behaved server does.
        const fs::path b = startScript("trap 'exit 143' TERM; echo ready; while :; do sleep 0.1; done");
        QVERIFY(waitFor([&] { return logText(b) == "ready\n"; }));
        rt::signal(b, SIGTERM);
        const auto st = rt::waitExit(b, 10s);
        QVERIFY(st);
        QCOMPARE(st->exitCode, 143);
    }

    void stopEscalatesWhenTermIsIgnored()
    {
        // `sleep` as PID 1 has no TERM handler: TERM is ignored, as in
        // Docker, and stop falls back to SIGKILL after the timeout.
        const fs::path b = start(defaultSpec(m_rootfs, {"sleep", "30"}));
        const auto t0 = std::chrono::steady_clock::now();
        const rt::ShimState st = rt::stop(b, 1s);
        QVERIFY(std::chrono::steady_clock::now() - t0 >= 900ms);
        QCOMPARE(st.exitCode, 137);
    }

    void freezeStopsOutputAndThawResumes()
    {
        const fs::path b = startScript("while :; do echo abc; sleep 0.1; done");
        QVERIFY(waitFor([&] { return logLineCount(b) >= 2; }));
        const rt::FreezeResult fr = rt::freeze(b);
        QVERIFY(rt::readState(b).paused);
        std::this_thread::sleep_for(150ms); // a line in flight may still land
        const size_t frozenAt = logLineCount(b);
        std::this_thread::sleep_for(700ms);
        QCOMPARE(logLineCount(b), frozenAt);
        rt::thaw(b);
        QVERIFY(!rt::readState(b).paused);
        QVERIFY(waitFor([&] { return logLineCount(b) > frozenAt + 2; }));
        if (fr.fallback)
            qInfo("no cgroup freezer here: used %s", fr.method.c_str());
        rt::signal(b, SIGKILL);
        QVERIFY(rt::waitExit(b, 10s));
    }

    void sigstopFallbackWithoutCgroup()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"sh", "-c", "while :; do echo abc; sleep 0.1; done"});
        s.cgroupParent = "cgroup.procs"; // a file: the shim cannot make a cgroup below it
        s.privilegedDevices = true;      // nor a device cgroup, which a root container may not go without
        const fs::path b = start(s);
        QVERIFY(rt::readState(b).cgroup.empty());
        QVERIFY(waitFor([&] { return logLineCount(b) >= 2; }));
        const rt::FreezeResult fr = rt::freeze(b);
        QVERIFY(fr.fallback);
        QCOMPARE(fr.method, std::string("SIGSTOP"));
        QVERIFY(rt::readState(b).paused);
        std::this_thread::sleep_for(150ms);
        const size_t frozenAt = logLineCount(b);
        std::this_thread::sleep_for(500ms);
        QCOMPARE(logLineCount(b), frozenAt);
        QVERIFY(rt::thaw(b).fallback);
        QVERIFY(waitFor([&] { return logLineCount(b) > frozenAt + 2; }));
        rt::signal(b, SIGKILL);
        QCOMPARE(rt::waitExit(b, 10s)->exitCode, 137);
    }

    // Without a device cgroup (v1) or program (v2), a root container could
    // open every host device it mknods: the start fails and says why.
    void rootContainerWithoutADevicePolicyIsRefused()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"true"});
        s.cgroupParent = "cgroup.procs";
        const fs::path b = writeBundle(m_dir, "nodevices", s);
        try {
            (void)rt::startShim(b, shimPath());
            QFAIL("started without a device policy");
        } catch (const strata::engine::Error &e) {
            QVERIFY2(std::string(e.what()).find("cannot enforce the container's device policy") != std::string::npos,
                     e.what());
        }
        QCOMPARE(rt::readState(b).status, rt::ShimStatus::Failed);
    }

    void killWhilePausedStillKills()
    {
        const fs::path b = start(defaultSpec(m_rootfs, {"sleep", "30"}));
        rt::freeze(b);
        rt::signal(b, SIGKILL);
        const auto st = rt::waitExit(b, 10s);
        QVERIFY(st);
        QCOMPARE(st->exitCode, 137);
    }

    void execSeesTheContainer()
    {
        const fs::path b = start(defaultSpec(m_rootfs, {"sleep", "30"}));
        Capture out, err;
        rt::ExecSpec e;
        e.args = {"sh", "-c", "cat /etc/hostname; hostname; ps -o pid,comm | tr -s ' '; grep CapEff /proc/self/status"};
        const rt::ExecResult r = rt::exec(b, e, -1, out.fds[1], err.fds[1], shimPath());
        QCOMPARE(r.exitCode, 0);
        const std::string text = out.drain();
        QVERIFY2(text.rfind("image-hostname\nc0ffee123456\n", 0) == 0, text.c_str());
        QVERIFY2(text.find("1 sleep") != std::string::npos, text.c_str()); // pid 1 of its pid namespace
        QVERIFY2(text.find("CapEff:\t00000000a80425fb") != std::string::npos, text.c_str());
        QVERIFY2(text.find("strata-shim") == std::string::npos, text.c_str());
        rt::signal(b, SIGKILL);
        QVERIFY(rt::waitExit(b, 10s));
    }

    void execExitCodesAndErrors()
    {
        const fs::path b = start(defaultSpec(m_rootfs, {"sleep", "30"}));
        Capture out, err;
        rt::ExecSpec e;
        e.args = {"sh", "-c", "exit 7"};
        QCOMPARE(rt::exec(b, e, -1, out.fds[1], err.fds[1], shimPath()).exitCode, 7);
        e.args = {"nope"};
        const rt::ExecResult r = rt::exec(b, e, -1, out.fds[1], err.fds[1], shimPath());
        QCOMPARE(r.exitCode, 127);
        QCOMPARE(r.error, std::string("exec: \"nope\": executable file not found in $PATH"));
        e.args = {"id", "-u"};
        e.user = "app";
        e.env = {"X=1"};
        Capture idOut;
        QCOMPARE(rt::exec(b, e, -1, idOut.fds[1], err.fds[1], shimPath()).exitCode, 0);
        QCOMPARE(idOut.drain(), std::string("1000\n"));
        rt::signal(b, SIGKILL);
        QVERIFY(rt::waitExit(b, 10s));
    }

    void execWithStdin()
    {
        const fs::path b = start(defaultSpec(m_rootfs, {"sleep", "30"}));
        int in[2];
        QVERIFY(::pipe2(in, O_CLOEXEC) == 0);
        QVERIFY(::write(in[1], "piped\n", 6) == 6);
        ::close(in[1]);
        Capture out, err;
        rt::ExecSpec e;
        e.args = {"cat"};
        e.openStdin = true;
        QCOMPARE(rt::exec(b, e, in[0], out.fds[1], err.fds[1], shimPath()).exitCode, 0);
        ::close(in[0]);
        QCOMPARE(out.drain(), std::string("piped\n"));
        rt::signal(b, SIGKILL);
        QVERIFY(rt::waitExit(b, 10s));
    }

    void topListsTheProcesses()
    {
        const fs::path b = startScript("sleep 30 & sleep 31 & wait");
        QVERIFY(waitFor([&] {
            const auto p = rt::listProcesses(b); // the children exec sleep a moment after forking
            return p.size() == 3 && p[1].cmd.rfind("sleep", 0) == 0 && p[2].cmd.rfind("sleep", 0) == 0;
        }));
        const auto procs = rt::listProcesses(b);
        QCOMPARE(procs.front().nsPid, 1);
        QCOMPARE(procs.front().pid, rt::readState(b).pid);
        QCOMPARE(procs.front().user, std::string("root"));
        QVERIFY(procs.front().cmd.rfind("sh -c", 0) == 0);
        QCOMPARE(procs[1].cmd, std::string("sleep 30"));
        QCOMPARE(procs[1].ppid, procs.front().pid);
        QCOMPARE(procs[1].time, std::string("00:00:00"));
        rt::signal(b, SIGKILL);
        QVERIFY(rt::waitExit(b, 10s));
    }

    void attachGetsLiveOutputAndExit()
    {
        const fs::path b = startScript("sleep 0.3; echo one; echo two >&2; exit 5");
        Capture out, err;
        const rt::AttachResult r = rt::attach(b, -1, out.fds[1], err.fds[1], {});
        QVERIFY(!r.detached);
        QCOMPARE(r.exitCode.value_or(-1), 5);
        QCOMPARE(out.drain(), std::string("one\n"));
        QCOMPARE(err.drain(), std::string("two\n"));
    }

    void attachAfterExitReportsTheCode()
    {
        const fs::path b = startScript("exit 4");
        QVERIFY(rt::waitExit(b, 10s));
        Capture out, err;
        QCOMPARE(rt::attach(b, -1, out.fds[1], err.fds[1], {}).exitCode.value_or(-1), 4);
    }

    void heldStartWithStdinOnce()
    {
        // `run -i`: created, held before exec; the client attaches, starts
        // it, feeds stdin and closes it; the command sees EOF.
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"sh", "-c", "echo started; cat; echo done"});
        s.openStdin = true;
        s.stdinOnce = true;
        const fs::path b = writeBundle(m_dir, "held", s);
        m_started.push_back(b);
        rt::StartOptions opt;
        opt.holdUntilAttach = true;
        const rt::StartResult sr = rt::startShim(b, shimPath(), opt);
        QCOMPARE(sr.state.status, rt::ShimStatus::Created);
        std::this_thread::sleep_for(200ms);
        QCOMPARE(logLineCount(b), size_t(0)); // nothing ran yet
        int in[2];
        QVERIFY(::pipe2(in, O_CLOEXEC) == 0);
        QVERIFY(::write(in[1], "typed\n", 6) == 6);
        ::close(in[1]);
        Capture out, err;
        rt::AttachOptions ao;
        ao.forwardStdin = true;
        ao.start = true;
        const rt::AttachResult r = rt::attach(b, in[0], out.fds[1], err.fds[1], ao);
        ::close(in[0]);
        QCOMPARE(r.exitCode.value_or(-1), 0);
        QCOMPARE(out.drain(), std::string("started\ntyped\ndone\n"));
        QCOMPARE(rt::readState(b).status, rt::ShimStatus::Exited);
    }

    // `run` / `start -a` where the shim is forked in-process: the caller is
    // connected from the shim's birth (StartOptions::attachAtBirth), so the
    // command is not held; and nothing it writes is lost when the caller
    // comes late: past 4 MiB queued for that silent client the shim stops
    // reading the container's pipe, and the command waits. The shim can only
    // be forked from a single-threaded process (QtTest runs a watchdog
    // thread), so a forked child of this one plays the CLI and reports.
    static std::string birthScenario(const fs::path &b)
    {
        rt::StartOptions opt;
        opt.holdUntilAttach = true;
        opt.attachAtBirth = true;
        opt.forkInProcess = true;
        rt::StartResult sr = rt::startShim(b, shimPath(), opt);
        if (!sr.attachConnection)
            return "no connection from birth";
        if (sr.state.status != rt::ShimStatus::Running)
            return "held";
        // The caller comes late: until the log stops growing (the command blocked on its pipe).
        std::uintmax_t last = 0;
        const bool blocked = waitFor([&] {
            std::error_code ec;
            const std::uintmax_t now = fs::file_size(b / "log.json", ec);
            std::this_thread::sleep_for(100ms);
            const bool still = !ec && now > 0 && now == last;
            last = now;
            return still;
        });
        if (!blocked || rt::readState(b).finished())
            return "the command was not held back by the silent client";
        char outName[] = "/tmp/strata-birth-XXXXXX";
        const int outFd = ::mkstemp(outName);
        ::unlink(outName);
        Capture err;
        rt::AttachOptions ao;
        ao.start = true;
        const rt::AttachResult r = rt::attach(b, std::move(sr.attachConnection), -1, outFd, err.fds[1], ao);
        const off_t size = ::lseek(outFd, 0, SEEK_END);
        std::string tail(10, '\0');
        (void)::pread(outFd, tail.data(), tail.size(), size - 10);
        ::close(outFd);
        return "exit " + std::to_string(r.exitCode.value_or(-1)) + ", " + std::to_string(size) + " bytes ending " +
               tail + ", stderr " + err.drain();
    }

    void attachFromBirthLosesNothing()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"sh", "-c", "head -c 6000000 /dev/zero | tr '\\0' x; echo end >&2; exit 3"});
        const fs::path b = writeBundle(m_dir, "birth", s);
        m_started.push_back(b);
        int report[2];
        QVERIFY(::pipe2(report, O_CLOEXEC) == 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(report[0]);
            std::string r;
            try {
                r = birthScenario(b);
            } catch (const std::exception &e) {
                r = e.what();
            }
            (void)!::write(report[1], r.data(), r.size());
            ::_exit(0);
        }
        ::close(report[1]);
        std::string got;
        char buf[256];
        for (ssize_t n; (n = ::read(report[0], buf, sizeof buf)) > 0;)
            got.append(buf, static_cast<size_t>(n));
        ::close(report[0]);
        (void)::waitpid(child, nullptr, 0);
        QCOMPARE(got, std::string("exit 3, 6000000 bytes ending xxxxxxxxxx, stderr end\n"));
    }

    void detachKeysLeaveItRunning()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"cat"});
        s.openStdin = true;
        const fs::path b = start(s);
        int in[2];
        QVERIFY(::pipe2(in, O_CLOEXEC) == 0);
        QVERIFY(::write(in[1], "x\x10y\x10\x11", 5) == 5);
        Capture out, err;
        rt::AttachOptions ao;
        ao.forwardStdin = true;
        const rt::AttachResult r = rt::attach(b, in[0], out.fds[1], err.fds[1], ao);
        ::close(in[0]);
        ::close(in[1]);
        QVERIFY(r.detached);
        QVERIFY(!r.exitCode);
        QCOMPARE(rt::readState(b).status, rt::ShimStatus::Running);
        QVERIFY(waitFor([&] { return logText(b) == "x\x10y"; }) || logText(b).empty()); // cat buffers no newline
        rt::signal(b, SIGKILL);
        QVERIFY(rt::waitExit(b, 10s));
    }

    void cleanup()
    {
        for (const auto &b : std::exchange(m_started, {}))
            killIfRunning(b);
    }

    void cleanupTestCase()
    {
        ::rmdir("/sys/fs/cgroup/freezer/strata-test");
    }
};

QTEST_GUILESS_MAIN(TestContainerControl)
#include "tst_ContainerControl.moc"
