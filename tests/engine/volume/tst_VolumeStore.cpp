// SPDX-License-Identifier: GPL-3.0-or-later
// The volume store and the mount planner on a scratch root: names, records,
// in-use refusal, prune, and "nothing created" when a flag is bad.
#include "engine/Error.h"
#include "engine/events/EventBus.h"
#include "engine/store/StoreLayout.h"
#include "engine/volume/MountPlanner.h"
#include "engine/volume/MountSetup.h"
#include "engine/volume/VolumeStore.h"
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <filesystem>

using namespace strata::engine;
using namespace strata::engine::volume;
namespace fs = std::filesystem;

class TestVolumeStore : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<store::StoreLayout> m_layout;
    events::EventBus m_bus;
    std::vector<events::Event> m_events;
    std::unique_ptr<VolumeStore> m_store;

    static ErrorCode codeOf(const std::function<void()> &f, std::string *message = nullptr)
    {
        try {
            f();
        } catch (const Error &e) {
            if (message)
                *message = e.what();
            return e.code();
        }
        return ErrorCode::Internal;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_tmp.isValid());
        fs::remove_all(m_tmp.path().toStdString() + "/root");
        m_layout = std::make_unique<store::StoreLayout>(m_tmp.path().toStdString() + "/root");
        m_layout->create();
        m_store = std::make_unique<VolumeStore>(*m_layout, m_bus);
        m_events.clear();
        m_bus.subscribe([this](const events::Event &e) { m_events.push_back(e); });
    }

    void namedVolumeRoundTrips()
    {
        const Volume v = m_store->create({"juming-nginx", "", std::map<std::string, std::string>{{"a", "b"}},
                                          std::map<std::string, std::string>{}});
        QVERIFY(fs::is_directory(v.mountpoint));
        QCOMPARE(v.mountpoint, m_layout->volumesDir() / "juming-nginx" / "_data");
        QVERIFY(fs::is_regular_file(m_layout->volumesDir() / "juming-nginx" / "volume.json"));
        const auto j = m_store->get("juming-nginx").toInspect();
        QCOMPARE(QString::fromStdString(j["Name"]), QString("juming-nginx"));
        QCOMPARE(QString::fromStdString(j["Driver"]), QString("local"));
        QCOMPARE(QString::fromStdString(j["Scope"]), QString("local"));
        QCOMPARE(QString::fromStdString(j["Labels"]["a"]), QString("b"));
        QVERIFY(j["Options"].is_object() && j["Options"].empty());
        QVERIFY(QRegularExpression(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$)")
                    .match(QString::fromStdString(j["CreatedAt"])).hasMatch());
        // keys in Docker's order
        std::string keys;
        for (auto it = j.begin(); it != j.end(); ++it)
            keys += it.key() + " ";
        QCOMPARE(keys, std::string("CreatedAt Driver Labels Mountpoint Name Options Scope "));
        QCOMPARE(m_events.back().kind, events::EventKind::VolumeCreated);
        // Docker: creating an existing name returns it unchanged.
        QCOMPARE(m_store->create({"juming-nginx", "", std::nullopt, std::nullopt}).labels->at("a"), std::string("b"));
    }

    void anonymousVolumesHave64HexNamesAndNullLabels()
    {
        const Volume v = m_store->create({});
        QVERIFY(QRegularExpression("^[0-9a-f]{64}$").match(QString::fromStdString(v.name)).hasMatch());
        QVERIFY(v.anonymous);
        QVERIFY(m_store->get(v.name).toInspect()["Labels"].is_null());
    }

    void badNamesAndDriversCreateNothing()
    {
        std::string msg;
        QCOMPARE(codeOf([&] { m_store->create({"./foo", "", {}, {}}); }, &msg), ErrorCode::InvalidArgument);
        QCOMPARE(QString::fromStdString(msg),
                 QString("create ./foo: \"./foo\" includes invalid characters for a local volume name, only "
                         "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"));
        QCOMPARE(codeOf([&] { m_store->create({"a", "", {}, {}}); }), ErrorCode::InvalidArgument);
        QCOMPARE(codeOf([&] { m_store->create({"ok-name", "nfs", {}, {}}); }, &msg), ErrorCode::NotFound);
        QCOMPARE(QString::fromStdString(msg), QString("error looking up volume plugin nfs: plugin \"nfs\" not found"));
        QVERIFY(m_store->list().empty());
        QVERIFY(fs::is_empty(m_layout->volumesDir()));
    }

    void removeIsRefusedWhileInUse()
    {
        m_store->create({"data", "", {}, {}});
        m_store->setUsersQuery([](const std::string &name) {
            return name == "data" ? std::vector<std::string>{"c1", "c2"} : std::vector<std::string>{};
        });
        std::string msg;
        QCOMPARE(codeOf([&] { m_store->remove("data", true); }, &msg), ErrorCode::Conflict);
        QCOMPARE(QString::fromStdString(msg), QString("remove data: volume is in use - [c1, c2]"));
        QVERIFY(m_store->find("data"));
        QCOMPARE(m_store->prune().removed.size(), std::size_t{0});
        m_store->setUsersQuery({});
        m_store->remove("data", false);
        QVERIFY(!m_store->find("data"));
        QCOMPARE(m_events.back().kind, events::EventKind::VolumeRemoved);
        QCOMPARE(codeOf([&] { m_store->remove("data", false); }, &msg), ErrorCode::NotFound);
        QCOMPARE(QString::fromStdString(msg), QString("No such volume: data"));
        m_store->remove("data", true); // -f: a missing volume is no error
    }

    void pruneReportsNamesAndBytes()
    {
        const Volume a = m_store->create({"aa", "", {}, {}});
        strata::test::writeFile(a.mountpoint / "f", std::string(100, 'x'));
        m_store->create({"bb", "", {}, {}});
        const PruneResult r = m_store->prune();
        QCOMPARE(r.removed, (std::vector<std::string>{"aa", "bb"}));
        QCOMPARE(r.reclaimedBytes, std::uint64_t{100});
        QVERIFY(m_store->list().empty());
    }

    void listIsInNaturalOrder()
    {
        for (const char *n : {"v10", "v9", "a1"})
            m_store->create({n, "", {}, {}});
        std::vector<std::string> names;
        for (const auto &v : m_store->list())
            names.push_back(v.name);
        QCOMPARE(names, (std::vector<std::string>{"a1", "v9", "v10"}));
    }

    void plannerResolvesInDockersOrder()
    {
        QTemporaryDir host;
        MountFlags flags;
        flags.volumes = {host.path().toStdString() + ":/home", "named:/data:ro", "/anon"};
        flags.tmpfs = {"/run:size=1m"};
        MountPlanContext ctx;
        ctx.volumes = m_store.get();
        ctx.imageVolumes = {"/anon", "/var/lib/db", "/data"};
        const ContainerMounts cm = planMounts(parseMountFlags(flags), ctx);
        QCOMPARE(cm.points.size(), std::size_t{5}); // bind, named, tmpfs, /anon, /var/lib/db (/data already mounted)
        QCOMPARE(cm.binds, (std::vector<std::string>{host.path().toStdString() + ":/home", "named:/data:ro"}));
        QCOMPARE(cm.configVolumes, (std::vector<std::string>{"/anon", "/var/lib/db", "/data"}));
        QCOMPARE(cm.anonymousVolumeNames().size(), std::size_t{2});
        QCOMPARE(m_store->list().size(), std::size_t{3});
        QVERIFY(m_store->get("named").labels == std::nullopt); // made for a container: Labels null
        const auto j = inspectMounts(cm.points);
        QCOMPARE(j.size(), std::size_t{4}); // --tmpfs is not listed in Mounts, as in Docker
        QCOMPARE(QString::fromStdString(j[1]["Mode"]), QString("ro"));
        QCOMPARE(j[1]["RW"].get<bool>(), false);

        // --volumes-from takes them all, read-only when asked
        MountFlags from;
        from.volumesFrom = {"first:ro"};
        ctx.imageVolumes.clear();
        ctx.containerMounts = [&](const std::string &c) {
            if (c != "first")
                throw Error(ErrorCode::NotFound, "No such container: " + c);
            return cm.points;
        };
        const ContainerMounts second = planMounts(parseMountFlags(from), ctx);
        QCOMPARE(second.points.size(), std::size_t{4});
        for (const auto &p : second.points)
            QVERIFY(!p.rw);
        QCOMPARE(second.points[1].name, cm.points[1].name);
        QCOMPARE(m_store->list().size(), std::size_t{3});
    }

    void plannerCreatesNothingOnError()
    {
        MountFlags flags;
        flags.volumes = {"one:/a", "/anon", "two:/a"};
        MountPlanContext ctx;
        ctx.volumes = m_store.get();
        std::string msg;
        QCOMPARE(codeOf([&] { (void)planMounts(parseMountFlags(flags), ctx); }, &msg), ErrorCode::InvalidArgument);
        QCOMPARE(QString::fromStdString(msg), QString("Duplicate mount point: /a"));
        flags.volumes = {"one:/a", "./rel:/b"};
        QCOMPARE(codeOf([&] { (void)planMounts(parseMountFlags(flags), ctx); }), ErrorCode::InvalidArgument);
        flags.volumes = {"one:/a"};
        flags.volumesFrom = {"ghost"};
        ctx.containerMounts = [](const std::string &c) -> std::vector<MountPoint> {
            throw Error(ErrorCode::NotFound, "No such container: " + c);
        };
        QCOMPARE(codeOf([&] { (void)planMounts(parseMountFlags(flags), ctx); }), ErrorCode::NotFound);
        QVERIFY(m_store->list().empty());
    }

    void copyUpFillsOnlyEmptyVolumes()
    {
        QTemporaryDir rootfs;
        const fs::path r = rootfs.path().toStdString();
        fs::create_directories(r / "etc/nginx/conf.d");
        strata::test::writeFile(r / "etc/nginx/nginx.conf", "worker 1;\n");
        fs::create_symlink("nginx.conf", r / "etc/nginx/link");
        // a symlink in the image must not send the copy outside the rootfs
        fs::create_symlink("/usr/share", r / "evil");
        const Volume v = m_store->create({"cfg", "", {}, {}});
        QCOMPARE(populateVolume(r, "/etc/nginx", v.mountpoint), std::uint64_t{3});
        QCOMPARE(strata::test::readFile(v.mountpoint / "nginx.conf"), std::string("worker 1;\n"));
        QVERIFY(fs::is_symlink(v.mountpoint / "link"));
        QVERIFY(fs::is_directory(v.mountpoint / "conf.d"));
        strata::test::writeFile(r / "etc/nginx/second", "x");
        QCOMPARE(populateVolume(r, "/etc/nginx", v.mountpoint), std::uint64_t{0}); // not empty: left alone
        const Volume w = m_store->create({"evil", "", {}, {}});
        QCOMPARE(populateVolume(r, "/evil", w.mountpoint), std::uint64_t{0}); // /evil -> <rootfs>/usr/share: absent
        QVERIFY(fs::is_empty(w.mountpoint));
    }
};

QTEST_GUILESS_MAIN(TestVolumeStore)
#include "tst_VolumeStore.moc"
