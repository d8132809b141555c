// SPDX-License-Identifier: GPL-3.0-or-later
// The runtime's pure parts, no root needed: spec JSON, Docker's defaults,
// path resolution under a hostile rootfs, user lookup, mount options, the
// attach framing, the json-file log format, exit codes.
#include "engine/Error.h"
#include "engine/runtime/AttachProtocol.h"
#include "engine/runtime/Capabilities.h"
#include "engine/runtime/CommandLookup.h"
#include "engine/runtime/LogWriter.h"
#include "engine/runtime/MountOptions.h"
#include "engine/runtime/RuntimeSpec.h"
#include "engine/runtime/SecureJoin.h"
#include "engine/runtime/ShimState.h"
#include "engine/runtime/StartError.h"
#include "engine/runtime/UserLookup.h"

#include <QTemporaryDir>
#include <QtTest/QTest>
#include "tests/engine/runtime/TestPrinting.h"

#include <fstream>
#include <sys/mount.h>
#include <sys/wait.h>

using namespace strata::engine;
using namespace strata::engine::runtime;
namespace fs = std::filesystem;

class TestRuntimeUnits : public QObject {
    Q_OBJECT
private:
    fs::path m_root; // a hostile little rootfs for openInRoot
    QTemporaryDir m_tmp;

    static void write(const fs::path &p, const std::string &text)
    {
        fs::create_directories(p.parent_path());
        std::ofstream(p) << text;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_root = fs::path(m_tmp.path().toStdString()) / "rootfs";
        fs::create_directories(m_root / "etc");
        fs::create_directories(m_root / "usr/lib");
        fs::create_symlink("/etc", m_root / "evil");             // absolute: must stay inside
        fs::create_symlink("../../../../..", m_root / "up");     // climbs: must stop at the root
        fs::create_symlink("usr/lib", m_root / "lib");           // relative, benign
        fs::create_symlink("/lib/../../etc", m_root / "mixed");  // absolute with ..
        fs::create_symlink("loop2", m_root / "loop1");
        fs::create_symlink("loop1", m_root / "loop2");
    }

    void specRoundTrip()
    {
        RuntimeSpec s;
        s.id = "abc";
        s.args = {"sh", "-c", "echo hi"};
        s.env = {"A=1"};
        s.cwd = "/work";
        s.user = "app:staff";
        s.tty = true;
        s.openStdin = true;
        s.stdinOnce = true;
        s.consoleRows = 40;
        s.consoleCols = 120;
        s.hostname = "h";
        s.rootfs = "/r";
        s.readonlyRootfs = true;
        s.mounts = {{"/src", "/dst", "bind", {"rbind", "ro"}}};
        s.userNamespace = true;
        s.uidMappings = {{0, 100000, 65536}};
        s.shareHostNetwork = true;
        s.capabilities = {"CAP_KILL"};
        s.maskedPaths = {"/proc/kcore"};
        s.readonlyPaths = {"/proc/sys"};
        s.noNewPrivileges = false;
        s.cgroupParent = "p";
        s.stepGate = true;
        const RuntimeSpec r = RuntimeSpec::fromJson(nlohmann::json::parse(s.toJson().dump()));
        QVERIFY(r.toJson() == s.toJson());
        QCOMPARE(r.uidMappings.at(0).hostId, 100000u);
        QCOMPARE(r.mounts.at(0).options.at(1), std::string("ro"));
    }

    void specWithoutCommandIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(Error, RuntimeSpec::fromJson(nlohmann::json{{"rootfs", "/r"}}));
    }

    void dockerDefaults()
    {
        QCOMPARE(dockerDefaultCapabilities().size(), size_t(14));
        // CapEff of `docker run busybox grep CapEff /proc/self/status`.
        QCOMPARE(capabilityMask(dockerDefaultCapabilities()), std::uint64_t{0xa80425fb});
        QCOMPARE(dockerDefaultMaskedPaths().size(), size_t(10));
        QVERIFY(dockerDefaultReadonlyPaths() ==
                (std::vector<std::string>{"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}));
    }

    void capabilityNames()
    {
        QCOMPARE(capabilityFromName("CAP_CHOWN"), 0);
        QCOMPARE(capabilityFromName("chown"), 0);
        QCOMPARE(capabilityFromName("cap_sys_admin"), 21);
        QVERIFY_THROWS_EXCEPTION(Error, (void)capabilityFromName("CAP_FLY"));
    }

    // The mount destinations' walk (util::openInRoot under the runtime's
    // errors): where each path lands, read back from the descriptor.
    void openInRootResolvesAsTheContainerWould_data()
    {
        QTest::addColumn<QString>("unsafe");
        QTest::addColumn<QString>("expected"); // relative to the root
        QTest::newRow("Plain") << "/etc/passwd" << "etc/passwd";
        QTest::newRow("Relative") << "etc/passwd" << "etc/passwd";
        QTest::newRow("DotDotAtRoot") << "/../../etc" << "etc";
        QTest::newRow("DotDotInside") << "/usr/lib/../../etc" << "etc";
        QTest::newRow("AbsoluteSymlinkOut") << "/evil/passwd" << "etc/passwd";
        QTest::newRow("ClimbingSymlink") << "/up/etc/shadow" << "etc/shadow";
        QTest::newRow("RelativeSymlink") << "/lib/x" << "usr/lib/x";
        QTest::newRow("SymlinkWithDotDot") << "/mixed/hosts" << "etc/hosts";
        QTest::newRow("MissingMadeAsWritten") << "/new/dir/file" << "new/dir/file";
        QTest::newRow("Root") << "/" << "";
        QTest::newRow("DoubleSlashes") << "//etc//./passwd" << "etc/passwd";
    }
    void openInRootResolvesAsTheContainerWould()
    {
        QFETCH(QString, unsafe);
        QFETCH(QString, expected);
        UniqueFd fd = openInRoot(m_root, unsafe.toStdString(), CreateKind::File);
        QVERIFY(fd.valid());
        const fs::path got = fs::read_symlink(fdPath(fd.get()));
        QCOMPARE(QString::fromStdString(got.string()),
                 QString::fromStdString((expected.isEmpty() ? m_root : m_root / expected.toStdString()).string()));
    }

    void openInRootLoopIsAnError()
    {
        try {
            (void)openInRoot(m_root, "/loop1/x", CreateKind::None);
            QFAIL("expected UnsafePath");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::UnsafePath);
        }
    }

    void openInRootCreatesInsideOnly()
    {
        {
            UniqueFd fd = openInRoot(m_root, "/evil/created-by-test", CreateKind::File);
            QVERIFY(fd.valid());
        }
        QVERIFY(fs::exists(m_root / "etc/created-by-test"));
        QVERIFY(!fs::exists("/etc/created-by-test"));
        UniqueFd dir = openInRoot(m_root, "/up/a/b", CreateKind::Directory);
        QVERIFY(fs::is_directory(m_root / "a/b"));
        QVERIFY_THROWS_EXCEPTION(Error, (void)openInRoot(m_root, "/does/not/exist", CreateKind::None));
    }

    void userLookup_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("uid");
        QTest::addColumn<int>("gid");
        QTest::addColumn<int>("groups");
        QTest::addColumn<QString>("home");
        QTest::newRow("Empty") << "" << 0 << 0 << 1 << "/root";
        QTest::newRow("Name") << "app" << 1000 << 1000 << 2 << "/home/app";
        QTest::newRow("Uid") << "1000" << 1000 << 1000 << 2 << "/home/app";
        QTest::newRow("UnknownUid") << "4242" << 4242 << 0 << 0 << "/";
        QTest::newRow("NameAndGroup") << "app:staff" << 1000 << 50 << 0 << "/home/app";
        QTest::newRow("UidAndGid") << "7:9" << 7 << 9 << 0 << "/";
    }
    void userLookup()
    {
        QFETCH(QString, spec);
        QFETCH(int, uid);
        QFETCH(int, gid);
        QFETCH(int, groups);
        QFETCH(QString, home);
        const fs::path etc = m_root / "etc";
        write(etc / "passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        write(etc / "group", "root:x:0:\nstaff:x:50:app\nvideo:x:44:app,root\napp:x:1000:\n");
        const ResolvedUser u = resolveUser(spec.toStdString(), etc);
        QCOMPARE(int(u.uid), uid);
        QCOMPARE(int(u.gid), gid);
        QCOMPARE(int(u.supplementaryGroups.size()), groups);
        QCOMPARE(QString::fromStdString(u.home), home);
    }

    void userLookupErrorsLikeDocker()
    {
        const fs::path etc = m_root / "etc";
        try {
            (void)resolveUser("ghost", etc);
            QFAIL("expected NotFound");
        } catch (const Error &e) {
            QCOMPARE(std::string(e.what()), std::string("unable to find user ghost: no matching entries in passwd file"));
        }
        QVERIFY_THROWS_EXCEPTION(Error, (void)resolveUser("app:nogroup-here", etc));
    }

    void commandLookupMessages()
    {
        const std::vector<std::string> env{"PATH=/nonexistent:/bin"};
        QCOMPARE(findExecutable("sh", env), std::string("/bin/sh"));
        try {
            (void)findExecutable("no-such-command-xyz", env);
            QFAIL("expected StartError");
        } catch (const StartError &e) {
            QCOMPARE(std::string(e.what()), std::string("exec: \"no-such-command-xyz\": executable file not found in $PATH"));
            QCOMPARE(e.exitCode(), 127);
        }
        try {
            (void)findExecutable("/etc/passwd", env);
            QFAIL("expected StartError");
        } catch (const StartError &e) {
            QCOMPARE(std::string(e.what()), std::string("exec: \"/etc/passwd\": permission denied"));
            QCOMPARE(e.exitCode(), 126);
        }
    }

    void mountOptions()
    {
        const MountOptions o = parseMountOptions({"rbind", "ro", "nosuid", "rprivate", "mode=1777", "size=64m"});
        QVERIFY(o.bind && o.recursive);
        QCOMPARE(o.flags, static_cast<unsigned long>(MS_RDONLY | MS_NOSUID));
        QCOMPARE(o.propagation, static_cast<unsigned long>(MS_PRIVATE | MS_REC));
        QCOMPARE(o.data, std::string("mode=1777,size=64m"));
        QCOMPARE(parseMountOptions({"ro", "rw"}).flags, 0ul);
    }

    void frames()
    {
        std::string stream = encodeFrame(FrameType::Stdout, "hello") + encodeResize(40, 120) +
                             encodeFrame(FrameType::Exit, "137");
        QCOMPARE(stream.substr(0, 8), std::string("\x01\0\0\0\0\0\0\x05", 8));
        FrameDecoder d;
        // Byte by byte: frames appear only when complete.
        for (char c : stream)
            d.feed(std::string_view(&c, 1));
        const auto frames = d.take();
        QCOMPARE(frames.size(), size_t(3));
        QCOMPARE(frames[0].payload, std::string("hello"));
        std::uint16_t rows = 0, cols = 0;
        QVERIFY(decodeResize(frames[1].payload, rows, cols));
        QCOMPARE(rows, std::uint16_t{40});
        QCOMPARE(cols, std::uint16_t{120});
        QCOMPARE(frames[2].type, FrameType::Exit);
        QVERIFY(d.take().empty());
    }

    void logLinesLikeDockerJsonFile()
    {
        QCOMPARE(formatLogLine("abc\n", LogStream::Stdout, "2024-01-02T03:04:05.123456789Z"),
                 std::string("{\"log\":\"abc\\n\",\"stream\":\"stdout\",\"time\":\"2024-01-02T03:04:05.123456789Z\"}\n"));
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "log.json";
        {
            LogWriter w(file);
            w.append(LogStream::Stdout, "one\ntw");
            w.append(LogStream::Stderr, "err\n");
            w.append(LogStream::Stdout, "o\nthree");
            w.append(LogStream::Stdout, std::string(LogWriter::kMaxLine + 10, 'x'));
            w.flush(LogStream::Stdout);
        }
        std::ifstream in(file);
        std::vector<nlohmann::json> lines;
        for (std::string l; std::getline(in, l);)
            lines.push_back(nlohmann::json::parse(l));
        QCOMPARE(lines.size(), size_t(5));
        QVERIFY(lines[0]["log"] == "one\n");
        QVERIFY(lines[1]["stream"] == "stderr");
        QVERIFY(lines[2]["log"] == "two\n");
        QCOMPARE(lines[3]["log"].get<std::string>().size(), LogWriter::kMaxLine); // partial, no "\n"
        QCOMPARE(lines[4]["log"].get<std::string>().size(), size_t(5 + 10));
    }

    void exitCodes()
    {
        QCOMPARE(exitCodeFromWaitStatus(3 << 8), 3);     // exited 3
        QCOMPARE(exitCodeFromWaitStatus(SIGKILL), 137);  // killed
        QCOMPARE(exitCodeFromWaitStatus(SIGTERM), 143);
    }

    void shimStateRoundTrip()
    {
        ShimState s;
        s.status = ShimStatus::Exited;
        s.pid = 42;
        s.exitCode = 137;
        s.signal = 9;
        s.phases = {{"create-namespaces", "t", "d"}};
        const ShimState r = ShimState::fromJson(s.toJson());
        QCOMPARE(r.status, ShimStatus::Exited);
        QCOMPARE(r.exitCode, 137);
        QCOMPARE(r.phases.at(0).name, std::string("create-namespaces"));
        QVERIFY(r.finished());
    }
};

QTEST_GUILESS_MAIN(TestRuntimeUnits)
#include "tst_RuntimeUnits.moc"
