// SPDX-License-Identifier: GPL-3.0-or-later
// The notes' volume scenarios end to end on real containers, built once per
// union driver (STRATA_TEST_DRIVER): bind mounts seen from both sides, named
// volumes outliving their container, --volumes-from both ways, anonymous
// 64-hex volumes, :ro, tmpfs emptied by a restart, copy-up, rm -v, and bad
// flags creating nothing.
#include "engine/Engine.h"
#include "engine/Error.h"
#include "engine/volume/VolumeStore.h"
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef STRATA_TEST_DRIVER
#error "build with STRATA_TEST_DRIVER=\"overlay\" or \"userspace\""
#endif

using namespace strata::engine;
namespace sfs = std::filesystem;

class TestVolumeContainers : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    sfs::path m_host; // host directories for bind mounts
    std::unique_ptr<Engine> m_engine;
    int m_n = 0;

    std::string create(const volume::MountFlags &flags, std::vector<std::string> cmd,
                       const std::string &image = "strata/busybox")
    {
        ContainerCreateOptions o;
        o.image = image;
        o.name = "v" + std::to_string(++m_n);
        o.cmd = std::move(cmd);
        o.attachStdout = false;
        o.mountFlags = flags;
        return m_engine->createContainer(o);
    }

    std::string runDetached(const volume::MountFlags &flags, const std::string &image = "strata/busybox")
    {
        const std::string id = create(flags, {"sleep", "600"}, image);
        m_engine->startContainer(id);
        return id;
    }

    // Runs `sh -c script` to its end in a new container; returns its stdout.
    std::string runScript(const volume::MountFlags &flags, const std::string &script, int *exitCode = nullptr,
                          const std::string &image = "strata/busybox")
    {
        const std::string id = create(flags, {"sh", "-c", script}, image);
        m_engine->startContainer(id);
        const int code = m_engine->waitContainer(id);
        if (exitCode)
            *exitCode = code;
        std::string out, err;
        m_engine->containerLogs(id, {}, [&](const LogEntry &e) {
            (e.stream == "stdout" ? out : err) += e.log;
            return true;
        });
        if (!err.empty())
            qInfo("stderr of %s: %s", script.c_str(), err.c_str());
        return out;
    }

    // `exec sh -c script` in a running container; returns its exit code.
    int execSh(const std::string &id, const std::string &script, std::string *out = nullptr)
    {
        const int outFd = ::memfd_create("exec-out", 0);
        const int nullFd = ::open("/dev/null", O_RDWR);
        runtime::ExecSpec spec;
        spec.args = {"sh", "-c", script};
        const runtime::ExecResult r = m_engine->execInContainer(id, spec, nullFd, outFd, outFd);
        if (out) {
            out->clear();
            ::lseek(outFd, 0, SEEK_SET);
            char buf[4096];
            for (ssize_t n; (n = ::read(outFd, buf, sizeof buf)) > 0;)
                out->append(buf, static_cast<std::size_t>(n));
        }
        ::close(outFd);
        ::close(nullFd);
        return r.exitCode;
    }

    static QString errorOf(const std::function<void()> &f)
    {
        try {
            f();
        } catch (const Error &e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

    std::vector<std::string> volumeNames()
    {
        std::vector<std::string> names;
        for (const auto &v : m_engine->volumes())
            names.push_back(v.name);
        return names;
    }

    bool hasVolume(const std::string &name)
    {
        const auto names = volumeNames();
        return std::find(names.begin(), names.end(), name) != names.end();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The shim built with this test, wherever ctest runs it from.
        ::setenv("STRATA_SHIM", STRATA_SHIM_PATH, 0);
        if (::geteuid() != 0)
            QSKIP("needs root: containers here run as root (the runtime's rootless mode needs user namespaces set up)");
        if (!sfs::exists("/bin/busybox"))
            QSKIP("needs /bin/busybox (busybox-static) for the built-in image");
        QVERIFY(m_tmp.isValid());
        m_host = sfs::path(m_tmp.path().toStdString()) / "host";
        sfs::create_directories(m_host);
        EngineOptions options;
        options.root = sfs::path(m_tmp.path().toStdString()) / "store";
        options.driver = STRATA_TEST_DRIVER;
        options.journal = false;
        try {
            m_engine = std::make_unique<Engine>(options);
            m_engine->ensureBuiltinImages();
            // A first container tells whether this host can run them at all.
            const std::string id = create({}, {"true"});
            m_engine->startContainer(id);
            QCOMPARE(m_engine->waitContainer(id), 0);
            m_engine->removeContainer(id);
        } catch (const Error &e) {
            if (e.code() == ErrorCode::PermissionDenied || e.code() == ErrorCode::Unsupported)
                QSKIP(qPrintable(QString("the kernel refused: ") + e.what()));
            throw;
        }
    }

    void cleanupTestCase()
    {
        if (!m_engine)
            return;
        for (const auto &c : m_engine->containers(true))
            try {
                m_engine->removeContainer(c.id, true, true);
            } catch (...) {
            }
    }

    // Notes: `docker run -it -v ~/test:/home centos` — edit from either side.
    void bindMountSeenFromBothSides()
    {
        const sfs::path test = m_host / "test";
        sfs::create_directories(test);
        const std::string id = runDetached({{test.string() + ":/home"}, {}, {}, {}});
        QCOMPARE(execSh(id, "echo from-container > /home/inside.txt"), 0);
        QCOMPARE(strata::test::readFile(test / "inside.txt"), std::string("from-container\n"));
        strata::test::writeFile(test / "outside.txt", "from-host\n");
        std::string out;
        QCOMPARE(execSh(id, "cat /home/outside.txt", &out), 0);
        QCOMPARE(out, std::string("from-host\n"));

        const auto j = m_engine->inspectContainer(id);
        QCOMPARE(QString::fromStdString(j["Mounts"].dump()),
                 QString::fromStdString(R"([{"Type":"bind","Source":")" + test.string() +
                                        R"(","Destination":"/home","Mode":"","RW":true,"Propagation":"rprivate"}])"));
        QCOMPARE(QString::fromStdString(j["HostConfig"]["Binds"].dump()),
                 QString::fromStdString(nlohmann::json::array({test.string() + ":/home"}).dump()));
        m_engine->removeContainer(id, true);
        QVERIFY(sfs::exists(test / "inside.txt")); // a bind is the host's: rm leaves it
    }

    void missingBindSourceIsMadeForDashV()
    {
        const sfs::path made = m_host / "made" / "by" / "v";
        QCOMPARE(runScript({{made.string() + ":/data"}, {}, {}, {}}, "echo hi > /data/f"), std::string());
        QVERIFY(sfs::is_directory(made));
        QCOMPARE(strata::test::readFile(made / "f"), std::string("hi\n"));
    }

    void namedVolumeOutlivesItsContainer()
    {
        const std::string first = create({{"juming:/data"}, {}, {}, {}}, {"sh", "-c", "echo kept > /data/f"});
        m_engine->startContainer(first);
        QCOMPARE(m_engine->waitContainer(first), 0);
        const auto names = volumeNames();
        QVERIFY(std::find(names.begin(), names.end(), "juming") != names.end());
        const auto mounts = m_engine->inspectContainer(first)["Mounts"];
        QCOMPARE(QString::fromStdString(mounts[0]["Name"]), QString("juming"));
        QCOMPARE(QString::fromStdString(mounts[0]["Driver"]), QString("local"));
        QCOMPARE(QString::fromStdString(mounts[0]["Source"]),
                 QString::fromStdString((m_engine->root() / "volumes/juming/_data").string()));

        // in use (even by a stopped container): refused, as Docker
        QCOMPARE(errorOf([&] { m_engine->removeVolume("juming", true); }),
                 QString::fromStdString("remove juming: volume is in use - [" + first + "]"));
        m_engine->removeContainer(first, false, true); // -v leaves named volumes
        QCOMPARE(runScript({{"juming:/srv"}, {}, {}, {}}, "cat /srv/f"), std::string("kept\n"));
    }

    void volumesFromSharesBothWays()
    {
        const std::string a = runDetached({{"/home"}, {}, {}, {}});
        const std::string b = runDetached({{}, {}, {}, {"v" + std::to_string(m_n)}});
        QCOMPARE(execSh(a, "echo from-a > /home/a.txt"), 0);
        QCOMPARE(execSh(b, "echo from-b > /home/b.txt"), 0);
        std::string out;
        QCOMPARE(execSh(b, "cat /home/a.txt", &out), 0);
        QCOMPARE(out, std::string("from-a\n"));
        QCOMPARE(execSh(a, "cat /home/b.txt", &out), 0);
        QCOMPARE(out, std::string("from-b\n"));

        // the anonymous volume: 64 hex digits, listed, shared by name
        const auto ma = m_engine->inspectContainer(a)["Mounts"];
        const auto mb = m_engine->inspectContainer(b)["Mounts"];
        const QString name = QString::fromStdString(ma[0]["Name"]);
        QVERIFY(QRegularExpression("^[0-9a-f]{64}$").match(name).hasMatch());
        QCOMPARE(QString::fromStdString(mb[0]["Name"]), name);
        const auto names = volumeNames();
        QVERIFY(std::find(names.begin(), names.end(), name.toStdString()) != names.end());
        QCOMPARE(m_engine->inspectContainer(b)["HostConfig"]["VolumesFrom"][0].get<std::string>(),
                 "v" + std::to_string(m_n - 1));

        // rm -v of one keeps the volume while the other still uses it
        m_engine->removeContainer(a, true, true);
        QVERIFY(hasVolume(name.toStdString()));
        m_engine->removeContainer(b, true, true);
        QVERIFY(!hasVolume(name.toStdString()));
    }

    void readOnlyRefusesWrites()
    {
        const sfs::path ro = m_host / "ro";
        sfs::create_directories(ro);
        strata::test::writeFile(ro / "old", "x");
        int code = 0;
        runScript({{ro.string() + ":/data:ro"}, {}, {}, {}}, "echo y > /data/new", &code);
        QVERIFY(code != 0);
        QVERIFY(!sfs::exists(ro / "new"));
        runScript({{}, {"type=bind,src=" + ro.string() + ",dst=/data,readonly"}, {}, {}}, "rm /data/old", &code);
        QVERIFY(code != 0);
        QVERIFY(sfs::exists(ro / "old"));
        QCOMPARE(runScript({{"rovol:/data:ro"}, {}, {}, {}}, "cat /proc/mounts | grep -c ' /data .*ro[,]'"),
                 std::string("1\n"));
    }

    void tmpfsContentVanishesOnRestart()
    {
        const std::string id = runDetached({{}, {}, {"/scratch:size=1m"}, {}});
        QCOMPARE(execSh(id, "echo x > /scratch/f && test -f /scratch/f"), 0);
        std::string out;
        QCOMPARE(execSh(id, "grep ' /scratch ' /proc/mounts", &out), 0);
        QVERIFY2(QString::fromStdString(out).contains("tmpfs") && QString::fromStdString(out).contains("nosuid"),
                 out.c_str());
        m_engine->restartContainer(id, 1);
        QCOMPARE(execSh(id, "test -f /scratch/f"), 1);
        const auto j = m_engine->inspectContainer(id);
        QCOMPARE(j["Mounts"].size(), std::size_t{0}); // --tmpfs is HostConfig.Tmpfs, not Mounts
        QCOMPARE(QString::fromStdString(j["HostConfig"]["Tmpfs"]["/scratch"]), QString("size=1m"));
        m_engine->removeContainer(id, true);
    }

    void emptyVolumeReceivesImageContent()
    {
        int code = 0;
        const std::string out = runScript({{"webcfg:/etc", "/srv/www"}, {}, {}, {}},
                                          "cat /etc/web.conf >/dev/null && ls /srv/www", &code, "strata/demo-web:1.0");
        QCOMPARE(code, 0);
        QCOMPARE(out, std::string("index.html\n"));
        const sfs::path data = m_engine->root() / "volumes/webcfg/_data";
        QVERIFY(sfs::is_regular_file(data / "web.conf"));
        // the volume keeps what was copied once: a second container sees the volume, not the image
        sfs::remove(data / "web.conf");
        runScript({{"webcfg:/etc"}, {}, {}, {}}, "test -e /etc/web.conf", &code, "strata/demo-web:1.0");
        QCOMPARE(code, 1);
    }

    void badFlagsCreateNothing_data()
    {
        QTest::addColumn<QStringList>("volumes");
        QTest::addColumn<QStringList>("mounts");
        QTest::addColumn<QString>("message");
        const QString missing = QString::fromStdString((m_host / "nope").string());
        QTest::newRow("RelativeBindSource") << QStringList{"named-ok:/a", "./rel:/x"} << QStringList{}
                                            << "create ./rel: \"./rel\" includes invalid characters for a local volume "
                                               "name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to "
                                               "pass a host directory, use absolute path";
        QTest::newRow("MissingMountSource") << QStringList{"named-ok:/a", "/anon"}
                                            << QStringList{"type=bind,src=" + missing + ",dst=/x"}
                                            << "invalid mount config for type \"bind\": bind source path does not exist: " + missing;
        QTest::newRow("UnknownDriver") << QStringList{"/anon"} << QStringList{"src=v2,dst=/x,volume-driver=nfs"}
                                       << "error looking up volume plugin nfs: plugin \"nfs\" not found";
        QTest::newRow("MalformedMount") << QStringList{} << QStringList{"type=bind,oops"}
                                        << "invalid argument \"type=bind,oops\" for \"--mount\" flag: invalid field 'oops' must be a key=value pair";
        QTest::newRow("RelativeDestination") << QStringList{"named-ok:data"} << QStringList{}
                                             << "invalid volume specification: 'named-ok:data': invalid mount config for "
                                                "type \"volume\": invalid mount path: 'data' mount path must be absolute";
        QTest::newRow("Duplicate") << QStringList{"named-ok:/a", "/anon", "other:/a"} << QStringList{}
                                   << "Duplicate mount point: /a";
    }

    void badFlagsCreateNothing()
    {
        QFETCH(QStringList, volumes);
        QFETCH(QStringList, mounts);
        QFETCH(QString, message);
        const auto before = volumeNames();
        const auto containersBefore = m_engine->containers(true).size();
        volume::MountFlags flags;
        for (const auto &v : volumes)
            flags.volumes.push_back(v.toStdString());
        for (const auto &m : mounts)
            flags.mounts.push_back(m.toStdString());
        QCOMPARE(errorOf([&] { (void)create(flags, {"true"}); }), message);
        QCOMPARE(volumeNames(), before);
        QCOMPARE(m_engine->containers(true).size(), containersBefore);
        QVERIFY(!sfs::exists(m_host / "nope"));
    }

    void rmDashVRemovesOnlyAnonymousVolumes()
    {
        const std::string id = create({{"keepme:/k", "/gone"}, {}, {}, {}}, {"true"});
        const auto inspected = m_engine->inspectContainer(id);
        std::string anon;
        for (const auto &m : inspected["Mounts"])
            if (m["Name"] != "keepme")
                anon = m["Name"];
        QCOMPARE(anon.size(), std::size_t{64});
        QVERIFY(hasVolume(anon));
        m_engine->removeContainer(id, false, true);
        QVERIFY(!hasVolume(anon));
        QVERIFY(hasVolume("keepme"));
    }
};

QTEST_GUILESS_MAIN(TestVolumeContainers)
#include "tst_VolumeContainers.moc"
