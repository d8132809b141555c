// SPDX-License-Identifier: GPL-3.0-or-later
// Real containers from a busybox rootfs: what the command sees inside
// (pid 1, hostname, capabilities, masked and read-only paths, mounts) and
// how a start fails. Needs root; skips with the reason otherwise.
#include "engine/runtime/Capabilities.h"
#include "engine/runtime/Cgroup.h"
#include "engine/runtime/Namespaces.h"
#include "engine/runtime/Runtime.h"
#include "tests/engine/runtime/RuntimeFixture.h"

#include <QTemporaryDir>
#include <QtTest/QTest>
#include "tests/engine/runtime/TestPrinting.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sched.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace strata::test::runtime;
namespace rt = strata::engine::runtime;

class TestContainer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    fs::path m_dir;
    fs::path m_rootfs;
    int m_n = 0;

    std::vector<fs::path> m_started;

    fs::path bundle(const rt::RuntimeSpec &spec)
    {
        m_started.push_back(writeBundle(m_dir, "c" + std::to_string(++m_n), spec));
        return m_started.back();
    }

    // Runs `sh -c script` to its end; returns stdout.
    std::string runScript(const std::string &script, int expectedExit = 0)
    {
        const fs::path b = bundle(defaultSpec(m_rootfs, {"sh", "-c", script}));
        const rt::ShimState st = runToExit(b);
        if (st.exitCode != expectedExit)
            qWarning("exit %d, stderr: %s", st.exitCode, logText(b, "stderr").c_str());
        return logText(b);
    }

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

    void echoEndsUpInLogJson()
    {
        const fs::path b = bundle(defaultSpec(m_rootfs, {"echo", "hello world"}));
        const rt::ShimState st = runToExit(b);
        QCOMPARE(st.status, rt::ShimStatus::Exited);
        QCOMPARE(st.exitCode, 0);
        QCOMPARE(logText(b), std::string("hello world\n"));
        QVERIFY(!st.startedAt.empty());
        QVERIFY(!st.finishedAt.empty());
        std::ifstream in(b / "log.json");
        std::string line;
        std::getline(in, line);
        const auto j = nlohmann::json::parse(line);
        QVERIFY(j["stream"] == "stdout");
        QVERIFY(j["time"].get<std::string>().back() == 'Z');
    }

    void stderrIsItsOwnStream()
    {
        const fs::path b = bundle(defaultSpec(m_rootfs, {"sh", "-c", "echo out; echo err >&2"}));
        runToExit(b);
        QCOMPARE(logText(b, "stdout"), std::string("out\n"));
        QCOMPARE(logText(b, "stderr"), std::string("err\n"));
    }

    void exitCodePropagates()
    {
        const fs::path b = bundle(defaultSpec(m_rootfs, {"sh", "-c", "exit 3"}));
        QCOMPARE(runToExit(b).exitCode, 3);
    }

    void commandIsPid1() { QCOMPARE(runScript("echo $$"), std::string("1\n")); }

    void hostnameIsTheSpecs() { QCOMPARE(runScript("hostname"), std::string("c0ffee123456\n")); }

    void capEffIsDockersDefaultSet()
    {
        QCOMPARE(runScript("grep CapEff /proc/self/status"), std::string("CapEff:\t00000000a80425fb\n"));
        QCOMPARE(runScript("grep -E 'CapBnd|CapInh|CapAmb' /proc/self/status"),
                 std::string("CapInh:\t0000000000000000\nCapBnd:\t00000000a80425fb\nCapAmb:\t0000000000000000\n"));
        QCOMPARE(runScript("grep NoNewPrivs /proc/self/status"), std::string("NoNewPrivs:\t1\n"));
    }

    void mountIsRefused()
    {
        // No CAP_SYS_ADMIN: the kernel says EPERM (busybox words it
        // "permission denied (are you root?)").
        const std::string out = runScript("mkdir -p /mnt/t; mount -t tmpfs x /mnt/t 2>&1; echo rc=$?", 0);
        QVERIFY2(out.find("permission denied") != std::string::npos ||
                     out.find("Operation not permitted") != std::string::npos,
                 out.c_str());
        QVERIFY2(out.find("rc=0") == std::string::npos, out.c_str());
    }

    void maskedPathsAreMasked()
    {
        // /proc/kcore is absent on kernels without CONFIG_PROC_KCORE (this
        // CI's): then check the other masked files and directories.
        std::string script = "for f in /proc/kcore /proc/keys /proc/timer_list; do "
                             "[ -e $f ] && echo $f $(wc -c < $f); done; ls -A /proc/acpi | wc -l; "
                             "touch /proc/acpi/x 2>/dev/null || echo acpi-ro";
        const std::string out = runScript(script);
        if (fs::exists("/proc/kcore"))
            QVERIFY(out.find("/proc/kcore 0\n") != std::string::npos);
        if (fs::exists("/proc/keys"))
            QVERIFY(out.find("/proc/keys 0\n") != std::string::npos);
        if (fs::exists("/proc/timer_list"))
            QVERIFY(out.find("/proc/timer_list 0\n") != std::string::npos);
        if (fs::exists("/proc/acpi"))
            QVERIFY2(out.find("\n0\nacpi-ro\n") != std::string::npos, out.c_str());
    }

    void procSysIsReadOnly()
    {
        const std::string out = runScript("echo x > /proc/sys/kernel/hostname 2>/dev/null || echo refused; "
                                          "grep ' /proc/sys ' /proc/mounts | grep -c ro,");
        QCOMPARE(out, std::string("refused\n1\n"));
    }

    void sysIsReadOnly() { QCOMPARE(runScript("touch /sys/x 2>/dev/null || echo refused"), std::string("refused\n")); }

    void devHasTheDefaultDevices()
    {
        const std::string out = runScript("for d in null zero full random urandom tty; do [ -c /dev/$d ] && echo -n $d,; "
                                          "done; echo; readlink /dev/ptmx; head -c 3 /dev/zero | wc -c; "
                                          "grep -c devpts /proc/mounts; stat -c %a /dev/shm");
        QCOMPARE(out, std::string("null,zero,full,random,urandom,tty,\npts/ptmx\n3\n1\n1777\n"));
    }

    void loopbackOnlyNetwork()
    {
        const std::string out = runScript("ls /sys/class/net; cat /sys/class/net/lo/operstate");
        QVERIFY2(out.rfind("lo\n", 0) == 0, out.c_str());
    }

    void bindMountsAppearAndRoRefusesWrites()
    {
        const fs::path data = m_dir / "data";
        fs::create_directories(data);
        std::ofstream(data / "from-host") << "host-data\n";
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"sh", "-c",
                                                    "cat /data/from-host; echo w > /data/new && echo rw-ok; "
                                                    "cat /ro/from-host; echo w > /ro/x 2>/dev/null || echo ro-refused"});
        s.mounts = {{data.string(), "/data", "bind", {"rbind"}}, {data.string(), "/ro", "bind", {"rbind", "ro"}}};
        const fs::path b = bundle(s);
        QCOMPARE(runToExit(b).exitCode, 0);
        QCOMPARE(logText(b), std::string("host-data\nrw-ok\nhost-data\nro-refused\n"));
        QVERIFY(fs::exists(data / "new"));
        QVERIFY(!fs::exists(data / "x"));
    }

    void mountThroughSymlinkStaysInsideRootfs()
    {
        // A hostile image: /evil -> /etc. The mount must land on the
        // rootfs's etc, never on the host's /etc.
        const fs::path evilRoot = m_dir / "evil-rootfs";
        buildBusyboxRootfs(evilRoot);
        fs::create_symlink("/etc", evilRoot / "evil");
        const fs::path data = m_dir / "evil-data";
        fs::create_directories(data);
        std::ofstream(data / "marker") << "m\n";
        rt::RuntimeSpec s = defaultSpec(evilRoot, {"sh", "-c", "cat /etc/inside/marker"});
        s.mounts = {{data.string(), "/evil/inside", "bind", {"rbind"}}};
        const fs::path b = bundle(s);
        QCOMPARE(runToExit(b).exitCode, 0);
        QCOMPARE(logText(b), std::string("m\n"));
        QVERIFY(fs::is_directory(evilRoot / "etc/inside"));
        QVERIFY(!fs::exists("/etc/inside"));
    }

    // The init mounts while the shim moves it into its cgroups; a mount that
    // fails then must still be the start's error, not the placement's.
    void mountFailureWhileBeingPlacedIsTheStartsError()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"true"});
        const std::string missing = (m_dir / "no-such-source").string();
        s.mounts = {{missing, "/data", "bind", {"rbind"}}};
        const fs::path b = bundle(s);
        try {
            rt::startShim(b, shimPath());
            QFAIL("expected StartError");
        } catch (const rt::StartError &e) {
            QVERIFY2(std::string(e.what()).find(missing) != std::string::npos, e.what());
            QCOMPARE(e.exitCode(), 125);
        }
        QCOMPARE(rt::readState(b).status, rt::ShimStatus::Failed);
    }

    // The command runs in the container's own freezer and devices cgroups
    // (seen from the host), never where the shim is.
    void commandRunsInTheContainersCgroups()
    {
        const fs::path b = bundle(defaultSpec(m_rootfs, {"sleep", "30"}));
        const rt::StartResult r = rt::startShim(b, shimPath());
        std::ifstream in("/proc/" + std::to_string(r.pid) + "/cgroup");
        const std::string mine = "/strata-test/" + rt::RuntimeSpec::load(b).id;
        int placed = 0;
        for (std::string line; std::getline(in, line);)
            if ((line.find(":freezer:") != std::string::npos || line.find(":devices:") != std::string::npos) &&
                line.ends_with(mine))
                ++placed;
        QCOMPARE(placed, 2);
    }

    // cgroup v1: a single-threaded process joins a cgroup by itself, through
    // the `tasks` file its parent opened (SelfJoin: the init and exec'd
    // processes). When the write fails (here: the cgroup is gone) the error
    // names the file; the init sends it as the start's error.
    void selfJoinPlacesTheProcessOrNamesTheCgroup()
    {
        const std::string parent = "/sys/fs/cgroup/freezer/strata-test";
        if (::access("/sys/fs/cgroup/freezer/tasks", W_OK) != 0)
            QSKIP("no writable cgroup v1 freezer hierarchy (/sys/fs/cgroup/freezer)");
        const std::string dir = parent + "/self-join";
        QVERIFY(::mkdir(parent.c_str(), 0755) == 0 || errno == EEXIST);
        QVERIFY(::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST);
        const rt::SelfJoin join = rt::openSelfJoin(dir);
        // 0: joined and there; 1: joined elsewhere; 2: the write failed naming the file; 3: other error
        const auto joinInChild = [&] {
            const pid_t child = ::fork();
            if (child == 0) {
                try {
                    rt::joinSelf(join);
                    std::ifstream in("/proc/self/cgroup");
                    for (std::string line; std::getline(in, line);)
                        if (line.find(":freezer:/strata-test/self-join") != std::string::npos)
                            ::_exit(0);
                    ::_exit(1);
                } catch (const std::exception &e) {
                    ::_exit(std::string(e.what()).find(dir + "/tasks") != std::string::npos ? 2 : 3);
                }
            }
            int status = 0;
            return ::waitpid(child, &status, 0) == child && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        };
        QCOMPARE(joinInChild(), 0);
        QVERIFY(::rmdir(dir.c_str()) == 0);
        QCOMPARE(joinInChild(), 2);
    }

    // cgroup v2 hosts: clone3(CLONE_INTO_CGROUP) starts the init in its
    // cgroup, so no migration (and no wait for an RCU grace period) follows.
    void cloneIntoCgroupStartsTheChildThere()
    {
        std::string root;
        for (const char *v2 : {"/sys/fs/cgroup/unified", "/sys/fs/cgroup"}) {
            struct statfs sf {};
            if (root.empty() && ::statfs(v2, &sf) == 0 && sf.f_type == CGROUP2_SUPER_MAGIC && ::access(v2, W_OK) == 0)
                root = v2;
        }
        if (root.empty())
            QSKIP("no writable cgroup2 hierarchy (/sys/fs/cgroup or /sys/fs/cgroup/unified)");
        const std::string dir = root + "/strata-test-clone3";
        QVERIFY(::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST);
        const int fd = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        const pid_t child = rt::cloneIntoCgroup(CLONE_NEWUTS, fd);
        if (child == 0) { // system calls only: the test process may have threads
            char text[4096] = {};
            const int in = ::open("/proc/self/cgroup", O_RDONLY | O_CLOEXEC);
            const bool there = in >= 0 && ::read(in, text, sizeof text - 1) > 0 &&
                               std::strstr(text, "0::/strata-test-clone3\n") != nullptr;
            ::_exit(there ? 0 : 1);
        }
        const int err = errno;
        ::close(fd);
        if (child < 0) {
            ::rmdir(dir.c_str());
            QSKIP(qPrintable(QString("clone3(CLONE_INTO_CGROUP) refused: ") + std::strerror(err)));
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        ::rmdir(dir.c_str());
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
    }

    void tmpfsMount()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"sh", "-c", "grep ' /scratch ' /proc/mounts | cut -d' ' -f3"});
        s.mounts = {{"tmpfs", "/scratch", "tmpfs", {"nosuid", "size=1m"}}};
        const fs::path b = bundle(s);
        runToExit(b);
        QCOMPARE(logText(b), std::string("tmpfs\n"));
    }

    void readonlyRootfs()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"sh", "-c", "touch /x 2>/dev/null || echo refused; touch /tmp/y 2>/dev/null || echo tmp-refused"});
        s.readonlyRootfs = true;
        const fs::path b = bundle(s);
        runToExit(b);
        QCOMPARE(logText(b), std::string("refused\ntmp-refused\n"));
    }

    void userAndWorkingDir()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"sh", "-c", "id; pwd; echo $HOME; grep CapEff /proc/self/status"});
        s.user = "app";
        s.cwd = "/work/dir";
        const fs::path b = bundle(s);
        QCOMPARE(runToExit(b).exitCode, 0);
        QCOMPARE(logText(b), std::string("uid=1000(app) gid=1000(app) groups=44(video),50(staff)\n"
                                         "/work/dir\n/home/app\nCapEff:\t0000000000000000\n"));
    }

    void unknownUserFails()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"true"});
        s.user = "ghost";
        const fs::path b = bundle(s);
        try {
            rt::startShim(b, shimPath());
            QFAIL("expected StartError");
        } catch (const rt::StartError &e) {
            QVERIFY2(std::string(e.what()).find("unable to find user ghost") != std::string::npos, e.what());
            QCOMPARE(e.exitCode(), 125);
        }
    }

    void nonexistentCommandFailsLikeDocker()
    {
        const fs::path b = bundle(defaultSpec(m_rootfs, {"foo"}));
        try {
            rt::startShim(b, shimPath());
            QFAIL("expected StartError");
        } catch (const rt::StartError &e) {
            QCOMPARE(std::string(e.what()), std::string("exec: \"foo\": executable file not found in $PATH"));
            QCOMPARE(e.exitCode(), 127);
        }
        const rt::ShimState st = rt::readState(b);
        QCOMPARE(st.status, rt::ShimStatus::Failed);
        QCOMPARE(st.exitCode, 127);
        QCOMPARE(st.error, std::string("exec: \"foo\": executable file not found in $PATH"));
    }

    void notExecutableIs126()
    {
        const fs::path b = bundle(defaultSpec(m_rootfs, {"/etc/passwd"}));
        try {
            rt::startShim(b, shimPath());
            QFAIL("expected StartError");
        } catch (const rt::StartError &e) {
            QCOMPARE(std::string(e.what()), std::string("exec: \"/etc/passwd\": permission denied"));
            QCOMPARE(e.exitCode(), 126);
        }
    }

    void phasesAreReportedAndRecorded()
    {
        const fs::path b = bundle(defaultSpec(m_rootfs, {"true"}));
        std::vector<std::string> seen;
        rt::StartOptions opt;
        opt.onPhase = [&](const rt::PhaseReport &r) {
            seen.push_back(r.name);
            QVERIFY(!r.description.empty());
        };
        rt::startShim(b, shimPath(), opt);
        const std::vector<std::string> expected{"create-namespaces", "mount-rootfs", "pivot-root", "drop-capabilities",
                                                "exec"};
        QVERIFY(seen == expected);
        const auto st = rt::waitExit(b, std::chrono::seconds(10));
        QVERIFY(st);
        QCOMPARE(st->phases.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i)
            QCOMPARE(st->phases[i].name, expected[i]);
    }

    void stepGateHoldsEachPhase()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"true"});
        s.stepGate = true;
        const fs::path b = bundle(s);
        std::vector<std::string> statusAtPhase;
        rt::StartOptions opt;
        opt.onPhase = [&](const rt::PhaseReport &r) {
            if (r.name == "exec")
                return;
            // While the engine holds the gate, the container is stuck in
            // this phase: nothing recorded as running yet.
            ::usleep(100 * 1000);
            statusAtPhase.push_back(fs::exists(b / "shim-state.json") ? "state" : "none");
        };
        rt::startShim(b, shimPath(), opt);
        QCOMPARE(statusAtPhase.size(), size_t(4));
        for (const auto &s2 : statusAtPhase)
            QCOMPARE(s2, std::string("none"));
        QVERIFY(rt::waitExit(b, std::chrono::seconds(10)));
    }

    // CVE-2019-5736: from "go" on, the init runs from a protected view of
    // the shim (SealedExe.h), so the execve of the command (and a
    // "#!/proc/self/exe" interpreter it names) sees that view: the shim file
    // on a detached read-only overlayfs mount, or (where the kernel refuses
    // one, or STRATA_SHIM_SEALED_COPY=1) a sealed memfd copy. Checked from the
    // host while a step gate holds the init just before exec: its
    // /proc/PID/exe cannot be opened for writing, nor written through a
    // read-only handle, nor truncated.
    void initRunsFromAProtectedShim_data()
    {
        QTest::addColumn<bool>("forceCopy");
        QTest::newRow("read-only overlayfs view") << false;
        QTest::newRow("sealed memfd copy (fallback)") << true;
    }

    void initRunsFromAProtectedShim()
    {
        QFETCH(bool, forceCopy);
        if (forceCopy)
            ::setenv("STRATA_SHIM_SEALED_COPY", "1", 1);
        else
            ::unsetenv("STRATA_SHIM_SEALED_COPY");
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"true"});
        s.stepGate = true;
        const fs::path b = bundle(s);
        std::string pid, exe;
        int seals = -1, openForWrite = 0;
        struct statfs where {};
        bool writable = true;
        rt::StartOptions opt;
        opt.onPhase = [&](const rt::PhaseReport &r) {
            if (r.name == "create-namespaces" && r.detail.rfind("pid ", 0) == 0)
                pid = r.detail.substr(4, r.detail.find_first_of(" ,", 4) - 4);
            if (r.name != "drop-capabilities" || pid.empty())
                return;
            const std::string link = "/proc/" + pid + "/exe";
            exe = fs::read_symlink(link).string();
            const int w = ::open(link.c_str(), O_RDWR | O_CLOEXEC);
            openForWrite = w >= 0 ? 0 : errno;
            if (w >= 0)
                ::close(w);
            const int fd = ::open(link.c_str(), O_RDONLY | O_CLOEXEC);
            seals = fd < 0 ? -1 : ::fcntl(fd, F_GET_SEALS);
            if (fd >= 0)
                (void)::fstatfs(fd, &where);
            if (fd >= 0)
                writable = ::pwrite(fd, "x", 1, 0) == 1 || ::ftruncate(fd, 0) == 0;
            if (fd >= 0)
                ::close(fd);
        };
        rt::startShim(b, shimPath(), opt);
        ::unsetenv("STRATA_SHIM_SEALED_COPY");
        QVERIFY(rt::waitExit(b, std::chrono::seconds(10)));
        QVERIFY(!writable);
        QVERIFY2(openForWrite != 0, exe.c_str());
        if (!forceCopy && exe.rfind("/memfd:", 0) == 0)
            QSKIP("the kernel refused a detached overlayfs mount here (needs overlayfs, fsopen and "
                  "CAP_SYS_ADMIN): the init ran from the sealed copy, checked in the other row");
        if (forceCopy) {
            QVERIFY2(exe.rfind("/memfd:strata-shim", 0) == 0, exe.c_str());
            QVERIFY2(seals >= 0 && (seals & F_SEAL_WRITE) && (seals & F_SEAL_GROW) && (seals & F_SEAL_SHRINK) &&
                         (seals & F_SEAL_SEAL),
                     std::to_string(seals).c_str());
            QCOMPARE(openForWrite, ETXTBSY); // it runs; once it no longer does, the seal (EPERM)
        } else {
            // The shim's own name, on a mount no mount table lists; overlayfs, read-only.
            QCOMPARE(exe, "/" + shimPath().filename().string());
            QCOMPARE(where.f_type, static_cast<decltype(where.f_type)>(OVERLAYFS_SUPER_MAGIC));
            QVERIFY(where.f_flags & ST_RDONLY);
            QCOMPARE(openForWrite, EROFS);
        }
    }

    void ttyContainerHasAControllingTerminal()
    {
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"sh", "-c", "tty; stty size"});
        s.tty = true;
        s.consoleRows = 33;
        s.consoleCols = 101;
        const fs::path b = bundle(s);
        QCOMPARE(runToExit(b).exitCode, 0);
        QCOMPARE(logText(b), std::string("/dev/pts/0\r\n33 101\r\n"));
    }

    void userNamespaceContainer()
    {
        if (!rt::capabilities(shimPath()).userNamespaces)
            QSKIP("needs user namespaces");
        rt::RuntimeSpec s = defaultSpec(m_rootfs, {"sh", "-c", "id -u; cat /proc/self/uid_map | tr -s ' '; echo $$"});
        s.userNamespace = true;
        s.uidMappings = {{0, 0, 1}, {1, 100000, 65535}};
        s.gidMappings = {{0, 0, 1}, {1, 100000, 65535}};
        const fs::path b = bundle(s);
        QCOMPARE(runToExit(b).exitCode, 0);
        QCOMPARE(logText(b), std::string("0\n 0 0 1\n 1 100000 65535\n1\n"));
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

QTEST_GUILESS_MAIN(TestContainer)
#include "tst_Container.moc"
