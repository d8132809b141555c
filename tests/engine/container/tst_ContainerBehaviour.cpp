// SPDX-License-Identifier: GPL-3.0-or-later
// Containers for real, through the Engine facade, with one union driver
// (STRATA_TEST_DRIVER: this file is built once per driver): copy-on-write
// in the container's own layer, the lifecycle of a looping container
// (logs, top, pause, unpause, stop, kill, rm), and what the command sees
// inside (pid 1, hostname, capabilities, no mount, masked /proc).
#include "engine/Engine.h"
#include "engine/Error.h"
#include "engine/container/ContainerStore.h"
#include "engine/fs/DriverProbe.h"
#include "tests/support/EngineTestAccess.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <fstream>
#include <sstream>
#include <sys/capability.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace strata::engine;
namespace sfs = std::filesystem;

namespace {

std::string readText(const sfs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string skipReason()
{
    if (::geteuid() != 0)
        return "needs root: containers here run as root";
    cap_t caps = cap_get_proc();
    cap_flag_value_t v = CAP_CLEAR;
    if (caps) {
        cap_get_flag(caps, CAP_SYS_ADMIN, CAP_EFFECTIVE, &v);
        cap_free(caps);
    }
    if (v != CAP_SET)
        return "needs CAP_SYS_ADMIN";
    if (!sfs::exists("/bin/busybox"))
        return "needs /bin/busybox (busybox-static) for the builtin image";
    return {};
}

std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestContainerBehaviour : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;

    Engine &engine() { return *m_engine; }

    std::string create(std::vector<std::string> cmd, const std::string &name = {})
    {
        ContainerCreateOptions o;
        o.image = "strata/busybox";
        o.cmd = std::move(cmd);
        o.name = name;
        return engine().createContainer(o);
    }

    // create + start + wait; returns the id.
    std::string runToExit(std::vector<std::string> cmd, int expectedCode = 0)
    {
        const std::string id = create(std::move(cmd));
        engine().startContainer(id);
        const int code = engine().waitContainer(id);
        if (code != expectedCode)
            qWarning("container exited %d: %s", code, logs(id).c_str());
        return code == expectedCode ? id : std::string();
    }

    std::string logs(const std::string &id)
    {
        std::string out;
        engine().containerLogs(id, {}, [&](const LogEntry &e) {
            out += e.log;
            return true;
        });
        return out;
    }

    int abcLines(const std::string &id)
    {
        int n = 0;
        engine().containerLogs(id, {}, [&](const LogEntry &e) {
            n += e.log == "abc\n";
            return true;
        });
        return n;
    }

    sfs::path containerDir(const std::string &id) { return EngineTestAccess::containers(engine()).dir(id); }

    // Every lower layer dir of the builtin image.
    std::vector<sfs::path> imageLayerDirs()
    {
        std::vector<sfs::path> out;
        for (const auto &e : sfs::directory_iterator(engine().root() / "layers"))
            if (sfs::is_directory(e.path() / "diff"))
                out.push_back(e.path() / "diff");
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const std::string why = skipReason(); !why.empty())
            QSKIP(why.c_str());
        const sfs::path root = m_dir.path().toStdString();
        if (std::string(STRATA_TEST_DRIVER) == "overlay") {
            sfs::create_directories(root / "probe");
            try {
                (void)strata::engine::fs::chooseDriver("overlay", root / "probe");
            } catch (const Error &e) {
                QSKIP(("overlayfs refused here: " + std::string(e.what())).c_str());
            }
        }
        EngineOptions o;
        o.root = root / "store";
        o.driver = STRATA_TEST_DRIVER;
        o.journal = false;
        m_engine = std::make_unique<Engine>(o);
        engine().ensureBuiltinImages();
    }

    void cleanupTestCase()
    {
        if (!m_engine)
            return;
        for (const auto &c : engine().containers(true))
            (void)errorOf([&] { engine().removeContainer(c.id, true); });
    }

    void touchLandsInTheContainerLayerOnly()
    {
        const std::string id = runToExit({"touch", "happiness.txt"});
        QVERIFY(!id.empty());
        QCOMPARE(engine().container(id).driver, std::string(STRATA_TEST_DRIVER));
        QVERIFY(sfs::is_regular_file(containerDir(id) / "diff" / "happiness.txt"));
        for (const auto &layer : imageLayerDirs())
            QVERIFY2(!sfs::exists(layer / "happiness.txt"), layer.c_str());
        const auto j = engine().inspectContainer(id);
        QCOMPARE(j["GraphDriver"]["Data"]["UpperDir"].get<std::string>(), (containerDir(id) / "diff").string());
        QCOMPARE(j["GraphDriver"]["Name"].get<std::string>(), std::string(STRATA_TEST_DRIVER));
        QCOMPARE(j["State"]["Status"].get<std::string>(), std::string("exited"));
        QVERIFY(j["Mounts"].is_array() && j["Mounts"].empty());
        QCOMPARE(j["HostConfig"]["MaskedPaths"].size(), runtime::dockerDefaultMaskedPaths().size());
        QCOMPARE(j["Config"]["Hostname"].get<std::string>(), id.substr(0, 12));
    }

    // The init layer is the store's one, linked from each container: what
    // the container sees, what <container>/init/diff lists and what
    // LowerDir names are as with a layer of its own, and removing one
    // container leaves it to the others.
    void initLayerIsSharedAndNamedPerContainer()
    {
        const std::string a = runToExit({"sh", "-c", "cat /etc/hostname; ls /.dockerenv; readlink /etc/mtab"});
        QVERIFY(!a.empty());
        QCOMPARE(logs(a), a.substr(0, 12) + "\n/.dockerenv\n/proc/mounts\n");
        const std::string b = create({"true"});
        const sfs::path shared = sfs::canonical(engine().root() / "layers" / "init");
        QVERIFY(sfs::is_symlink(containerDir(a) / "init"));
        QCOMPARE(sfs::canonical(containerDir(a) / "init"), shared);
        QCOMPARE(sfs::canonical(containerDir(b) / "init"), shared);
        for (const char *p : {"dev/pts", "dev/shm", "proc", "sys", "etc/hostname", "etc/hosts", "etc/resolv.conf",
                              ".dockerenv"})
            QVERIFY2(sfs::exists(containerDir(b) / "init" / "diff" / p), p);
        QCOMPARE(sfs::read_symlink(containerDir(b) / "init" / "diff" / "etc" / "mtab"), sfs::path("/proc/mounts"));
        const std::string lower = engine().inspectContainer(a)["GraphDriver"]["Data"]["LowerDir"].get<std::string>();
        QVERIFY2(lower.rfind((containerDir(a) / "init" / "diff").string() + ":", 0) == 0, lower.c_str());
        engine().removeContainer(a, true);
        QVERIFY(sfs::is_directory(shared / "diff" / "etc"));
        engine().startContainer(b);
        QCOMPARE(engine().waitContainer(b), 0);
        engine().removeContainer(b, true);
        QVERIFY(sfs::is_directory(shared / "diff" / "etc"));
    }

    void writingALowerFileCopiesItUp()
    {
        sfs::path lowerPasswd;
        for (const auto &layer : imageLayerDirs())
            if (sfs::is_regular_file(layer / "etc/passwd"))
                lowerPasswd = layer / "etc/passwd";
        QVERIFY2(!lowerPasswd.empty(), "the builtin image has no /etc/passwd");
        const std::string before = readText(lowerPasswd);

        const std::string a = runToExit({"sh", "-c", "echo changed-by-a >> /etc/passwd; rm /etc/group"});
        QVERIFY(!a.empty());
        const sfs::path upper = containerDir(a) / "diff";
        QVERIFY(readText(upper / "etc/passwd").find("changed-by-a") != std::string::npos);
        QCOMPARE(readText(lowerPasswd), before); // the lower copy is untouched
        // The deletion is a whiteout in the container layer (a 0/0 device
        // for overlay, a .wh. marker for userspace).
        struct stat sb {};
        const bool device = ::lstat((upper / "etc/group").c_str(), &sb) == 0 && S_ISCHR(sb.st_mode) && sb.st_rdev == 0;
        QVERIFY2(device || sfs::exists(upper / "etc/.wh.group"), "no whiteout for /etc/group");

        const std::string b = runToExit({"cat", "/etc/passwd", "/etc/group"});
        QVERIFY(!b.empty());
        const std::string seen = logs(b);
        QVERIFY(seen.find("changed-by-a") == std::string::npos);
        QVERIFY(seen.find("root:x:0:") != std::string::npos);
    }

    void loopingContainerLifecycle()
    {
        const std::string id = create({"sh", "-c", "while true; do echo abc; sleep 1; done"}, "looper");
        engine().startContainer("looper");
        QCOMPARE(engine().container(id).state.status, container::Status::Running);
        QTRY_VERIFY_WITH_TIMEOUT(abcLines(id) >= 2, 10000);

        const auto procs = engine().containerTop("looper");
        QVERIFY(!procs.empty());
        QCOMPARE(procs.front().nsPid, 1);
        QVERIFY(procs.front().cmd.find("sh -c") != std::string::npos);

        engine().pauseContainer("looper");
        QCOMPARE(engine().container(id).state.status, container::Status::Paused);
        QVERIFY(engine().inspectContainer(id)["State"]["Paused"].get<bool>());
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        const int frozen = abcLines(id);
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        QCOMPARE(abcLines(id), frozen);

        engine().unpauseContainer("looper");
        QCOMPARE(engine().container(id).state.status, container::Status::Running);
        QTRY_VERIFY_WITH_TIMEOUT(abcLines(id) > frozen, 5000);

        const auto t0 = std::chrono::steady_clock::now();
        engine().stopContainer("looper", 2);
        const auto took = std::chrono::steady_clock::now() - t0;
        const container::Record stopped = engine().container(id);
        QCOMPARE(stopped.state.status, container::Status::Exited);
        QVERIFY2(stopped.state.exitCode == 143 || stopped.state.exitCode == 137,
                 std::to_string(stopped.state.exitCode).c_str());
        QVERIFY(took < std::chrono::seconds(6));
        QVERIFY(!stopped.state.finishedAt.empty());

        // Restart, then kill: 137.
        engine().startContainer(id);
        QCOMPARE(engine().container(id).state.status, container::Status::Running);
        engine().killContainer(id);
        QCOMPARE(engine().container(id).state.status, container::Status::Exited);
        QCOMPARE(engine().container(id).state.exitCode, 137);

        const sfs::path dir = containerDir(id);
        QVERIFY(sfs::exists(dir));
        engine().removeContainer("looper");
        QVERIFY(!sfs::exists(dir));
        QVERIFY(errorOf([&] { (void)engine().container(id); }).find("No such container") == 0);
    }

    void insideTheContainer()
    {
        const std::string id = runToExit(
            {"sh", "-c",
             "echo pid=$$; echo host=$(hostname); grep CapEff /proc/self/status;"
             " if mount -t tmpfs none /tmp 2>/dev/null; then echo mount=ok; else echo mount=refused; fi;"
             " if [ -e /proc/kcore ]; then echo kcore=$(wc -c < /proc/kcore); else echo kcore=absent; fi;"
             " echo keys=$(wc -c < /proc/keys); cat /etc/hostname"});
        QVERIFY(!id.empty());
        const std::string out = logs(id);
        QVERIFY2(out.find("pid=1\n") != std::string::npos, out.c_str());
        QVERIFY2(out.find("host=" + id.substr(0, 12) + "\n") != std::string::npos, out.c_str());
        // Docker's default set: 14 capabilities = 0xa80425fb.
        QVERIFY2(out.find("CapEff:\t00000000a80425fb") != std::string::npos, out.c_str());
        QVERIFY2(out.find("mount=refused") != std::string::npos, out.c_str());
        // Masked: /dev/null over it (reads empty); a kernel without kcore has nothing to mask.
        const bool hostKcore = sfs::exists("/proc/kcore");
        QVERIFY2(out.find(hostKcore ? "kcore=0\n" : "kcore=absent\n") != std::string::npos, out.c_str());
        QVERIFY2(out.find("keys=0\n") != std::string::npos, out.c_str());
        QCOMPARE(readText(containerDir(id) / "hostname"), id.substr(0, 12) + "\n");
    }

    void removingARunningContainerIsRefused()
    {
        const std::string id = create({"sleep", "100"});
        engine().startContainer(id);
        const std::string before = readText(containerDir(id) / "config.v2.json");
        const std::string why = errorOf([&] { engine().removeContainer(id); });
        QCOMPARE(why, "You cannot remove a running container " + id +
                          ". Stop the container before attempting removal or force remove");
        QCOMPARE(readText(containerDir(id) / "config.v2.json"), before);
        QCOMPARE(engine().container(id).state.status, container::Status::Running);
        QVERIFY(sfs::exists(containerDir(id) / "diff"));
        engine().removeContainer(id, true);
        QVERIFY(!sfs::exists(containerDir(id)));
    }

    void refusedTransitions()
    {
        const std::string id = create({"true"});
        QVERIFY(errorOf([&] { engine().pauseContainer(id); }).find("is not running") != std::string::npos);
        QVERIFY(errorOf([&] { (void)engine().containerTop(id); }).find("is not running") != std::string::npos);
        engine().startContainer(id);
        QCOMPARE(engine().waitContainer(id), 0);
        QVERIFY(errorOf([&] { engine().unpauseContainer(id); }).find("is not paused") != std::string::npos);
        engine().renameContainer(id, "renamed-one");
        QCOMPARE(engine().resolveContainer("renamed-one"), id);
        const std::string other = create({"true"}, "other-one");
        QVERIFY(errorOf([&] { engine().renameContainer(other, "renamed-one"); }).find("is already in use") !=
                std::string::npos);
        engine().removeContainer(id);
        engine().removeContainer(other);
    }

    void commandNotFoundKeepsCreated()
    {
        const std::string id = create({"no-such-command"});
        bool threw = false;
        try {
            engine().startContainer(id);
        } catch (const runtime::StartError &e) {
            threw = true;
            QCOMPARE(e.exitCode(), 127);
        }
        QVERIFY(threw);
        const auto r = engine().container(id);
        QCOMPARE(r.state.status, container::Status::Created);
        QCOMPARE(r.state.exitCode, 127);
        engine().removeContainer(id);
    }
};

QTEST_GUILESS_MAIN(TestContainerBehaviour)
#include "tst_ContainerBehaviour.moc"
