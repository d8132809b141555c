// SPDX-License-Identifier: GPL-3.0-or-later
// One behaviour suite, built once per union driver (STRATA_TEST_DRIVER is
// "overlay" or "userspace"): both drivers must show the same union, record
// the same container layer and report the same changes and events.
#include "DriverTestKit.h"

#include "engine/Error.h"
#include "engine/fs/UnionView.h"
#include "engine/fs/drivers/UpperWalk.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <fstream>
#include <memory>
#include <sys/sysmacros.h>
#include <unistd.h>

#ifndef STRATA_TEST_DRIVER
#error "build with STRATA_TEST_DRIVER=\"overlay\" or \"userspace\""
#endif

using namespace strata::engine;
using namespace strata::test;
using namespace strata::test::drivers;
using events::EventKind;
using fs::drivers::UpperKind;

class TestDriverBehaviour : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    stdfs::path m_root;
    std::unique_ptr<events::EventBus> m_bus;
    std::unique_ptr<EventLog> m_log;
    std::unique_ptr<fs::drivers::UnionDriver> m_driver;
    fs::drivers::Lowers m_lowers;

    [[nodiscard]] stdfs::path container(const std::string &id) const { return m_root / "containers" / id; }
    [[nodiscard]] stdfs::path merged(const std::string &id = "c1") const { return container(id) / "merged"; }
    [[nodiscard]] stdfs::path diff(const std::string &id = "c1") const { return container(id) / "diff"; }

    fs::drivers::MountInfo mountC1() { return m_driver->mount(m_lowers, container("c1")); }

    // The container layer as the drivers' common reader sees it: path -> kind.
    [[nodiscard]] std::map<std::string, UpperKind> upper(const std::string &id = "c1") const
    {
        std::map<std::string, UpperKind> out;
        for (const auto &e : fs::drivers::walkUpper(diff(id), m_driver->upperWhiteouts(), {}))
            out[e.path] = e.kind;
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_root = m_tmp->path().toStdString();
        m_bus = std::make_unique<events::EventBus>();
        m_log = std::make_unique<EventLog>(*m_bus);
        try {
            m_driver = fs::drivers::makeDriver(STRATA_TEST_DRIVER, {m_bus.get(), m_root / "tmp", m_root / "l"});
        } catch (const Error &e) {
            QSKIP(qPrintable(QStringLiteral("the kernel refused an overlay mount here: %1").arg(e.what())));
        }
        QCOMPARE(m_driver->name(), std::string(STRATA_TEST_DRIVER));
        m_lowers = makeLowers(m_root / "layers");
    }

    void cleanup()
    {
        if (m_driver) {
            for (const auto *id : {"c1", "c2"})
                m_driver->unmount(container(id));
        }
        m_driver.reset();
        m_tmp.reset();
    }

    // ".wh..wh..opq" at a layer's root hides every path of the layers below
    // (overlayfs ignores the opaque xattr on a lower's root: the driver must
    // leave those layers out).
    void rootOpaqueMarkerHidesEveryLowerPath()
    {
        const auto top = m_root / "layers" / "l3" / "diff";
        writeFile(top / ".wh..wh..opq", "");
        writeFile(top / "fresh", "upper");
        ageTree(top);
        m_lowers.push_back({top, layer::WhiteoutFormat::OciMarkers, "sha256:l3"});
        mountC1();
        QCOMPARE(listTree(merged()), std::vector<std::string>{"fresh"});
        QCOMPARE(readFile(merged() / "fresh"), std::string("upper"));
    }

    // A whiteout or opaque marker below a directory that the layers below
    // hold as a symlink acts at the link's in-root target, as containerd's
    // apply resolves an entry's parent inside the root; the link stays a
    // link, and a target outside the container (here a host directory named
    // by its absolute path) is never reached.
    void markersBelowASymlinkedDirKeepTheLink()
    {
        const auto host = m_root / "host-dir";
        writeFile(host / "secret", "host");
        writeFile(host / "x", "host");
        const auto l3 = m_root / "layers" / "l3" / "diff";
        writeFile(l3 / "data" / "x", "x");
        writeFile(l3 / "data" / "y", "y");
        writeFile(l3 / "data2" / "sub" / "z", "z");
        stdfs::create_symlink("/data", l3 / "abs");
        stdfs::create_symlink("../data2/.", l3 / "rel");
        stdfs::create_symlink(host, l3 / "esc");
        ageTree(l3);
        const auto l4 = m_root / "layers" / "l4" / "diff";
        writeFile(l4 / "abs" / ".wh.x", "");
        writeFile(l4 / "rel" / ".wh..wh..opq", "");
        writeFile(l4 / "esc" / ".wh.secret", "");
        writeFile(l4 / "esc" / ".wh..wh..opq", "");
        writeFile(l4 / "esc" / "deeper" / ".wh.x", "");
        ageTree(l4);
        m_lowers.push_back({l3, layer::WhiteoutFormat::OciMarkers, "sha256:l3"});
        m_lowers.push_back({l4, layer::WhiteoutFormat::OciMarkers, "sha256:l4"});
        mountC1();
        for (const char *link : {"abs", "rel", "esc"}) {
            struct stat st {};
            QVERIFY2(::lstat((merged() / link).c_str(), &st) == 0 && S_ISLNK(st.st_mode), link);
        }
        QCOMPARE(stdfs::read_symlink(merged() / "abs").string(), std::string("/data"));
        QCOMPARE(listTree(merged() / "data"), std::vector<std::string>{"y"});
        QVERIFY(present(merged() / "data2"));
        QVERIFY(listTree(merged() / "data2").empty());
        QCOMPARE(readFile(host / "secret"), std::string("host"));
        QCOMPARE(readFile(host / "x"), std::string("host"));
        QCOMPARE(listTree(host), (std::vector<std::string>{"secret", "x"}));
        // The union as data (image tree, diff) agrees with the mount.
        std::vector<fs::LayerDir> dirs;
        for (const auto &l : m_lowers)
            dirs.push_back({l.dir, l.whiteouts});
        const auto view = fs::UnionView::build(dirs);
        QVERIFY(view.merged().at("abs").type == fs::EntryType::Symlink);
        QVERIFY(!view.merged().count("data/x") && view.merged().count("data/y"));
        QVERIFY(!view.merged().count("data2/sub") && view.merged().count("data2"));
    }

    // Names are bytes: not UTF-8, or UTF-8 in decomposed form, they reach
    // the container as the layer holds them.
    void namesKeepTheirBytes()
    {
        const auto top = m_root / "layers" / "l3" / "diff";
        writeFile(top / "raw-\xff\xfe", "raw");
        writeFile(top / "cafe\xcc\x81", "nfd");
        writeFile(top / "dir\xff" / "inner", "x");
        ageTree(top);
        m_lowers.push_back({top, layer::WhiteoutFormat::OciMarkers, "sha256:l3"});
        mountC1();
        QCOMPARE(readFile(merged() / "raw-\xff\xfe"), std::string("raw"));
        QCOMPARE(readFile(merged() / "cafe\xcc\x81"), std::string("nfd"));
        QCOMPARE(readFile(merged() / "dir\xff" / "inner"), std::string("x"));
        QVERIFY(!present(merged() / "caf\xc3\xa9"));
        // A change below such a name is reported with its bytes.
        writeFile(merged() / "dir\xff" / "new\xfe", "y");
        m_driver->sync(m_lowers, container("c1"), {});
        const auto lines = diffLines(m_driver->changes(m_lowers, container("c1"), {}));
        QVERIFY2(std::find(lines.begin(), lines.end(), "A /dir\xff/new\xfe") != lines.end(), qPrintable(joinLines(lines)));
    }

    void createLayerMakesAnEmptyReadWriteLayer()
    {
        m_driver->createLayer(container("c1"));
        QVERIFY(present(diff()) && present(container("c1") / "work") && present(merged()));
        QVERIFY(listTree(diff()).empty());
        QCOMPARE(m_log->of(EventKind::ContainerLayerCreated).size(), std::size_t{1});
        m_driver->createLayer(container("c1")); // idempotent, no second event
        QCOMPARE(m_log->of(EventKind::ContainerLayerCreated).size(), std::size_t{1});
    }

    void mountShowsNearestLayerWinsAndHidesWhiteouts()
    {
        const auto info = mountC1();
        QVERIFY(m_driver->isMounted(container("c1")));
        QCOMPARE(readFile(merged() / "etc/web.conf"), std::string("port=8080\n"));
        QCOMPARE(readFile(merged() / "etc/passwd"), std::string("root:x:0:0\nweb:x:1:1\n"));
        QCOMPARE(stdfs::read_symlink(merged() / "bin/sh").string(), std::string("busybox"));
        QVERIFY(!present(merged() / "etc/motd"));
        QVERIFY(!present(merged() / "tmp"));
        QCOMPARE(listTree(merged() / "etc/app"), std::vector<std::string>{"c"});
        for (const auto &p : listTree(merged()))
            QVERIFY2(p.find(".wh.") == std::string::npos, p.c_str());

        QCOMPARE(info.driver, std::string(STRATA_TEST_DRIVER));
        QCOMPARE(info.upperDir, diff().string());
        QCOMPARE(info.mergedDir, merged().string());
        QCOMPARE(info.workDir, (container("c1") / "work").string());
        const QStringList lower = QString::fromStdString(info.lowerDir).split(QLatin1Char(':'));
        QCOMPARE(lower.size(), 3);
        QVERIFY2(lower[0].contains(QLatin1String("/l2/")), qPrintable(lower[0])); // nearest first
        QVERIFY2(lower[2].contains(QLatin1String("/l0/")), qPrintable(lower[2]));

        const auto mounted = m_log->of(EventKind::UnionMounted);
        QCOMPARE(mounted.size(), std::size_t{1});
        QCOMPARE(mounted[0].id, std::string("c1"));
        QCOMPARE(mounted[0].attrs["layers"].get<int>(), 3);
        QCOMPARE(mounted[0].attrs["lowerdir"].get<std::string>(), info.lowerDir);
        QCOMPARE(mounted[0].attrs["upperdir"].get<std::string>(), info.upperDir);
        QCOMPARE(mountC1().lowerDir, info.lowerDir); // mounting again: same answer, no second mount
        QCOMPARE(m_log->of(EventKind::UnionMounted).size(), std::size_t{1});
    }

    void writeCopiesUpAndLeavesTheLowerAlone()
    {
        const auto snapshot = [this] {
            std::string all;
            for (const auto &l : m_lowers)
                all += snapshotTree(l.dir);
            return all;
        };
        const std::string before = snapshot();
        mountC1();
        writeFile(merged() / "etc/web.conf", "port=9090\n"); // same size as the lower's
        const auto r = m_driver->sync(m_lowers, container("c1"));
        QCOMPARE(r.copiedUp, std::uint64_t{1});
        QCOMPARE(readFile(diff() / "etc/web.conf"), std::string("port=9090\n"));
        QCOMPARE(readFile(m_lowers[2].dir / "etc/web.conf"), std::string("port=8080\n"));
        QCOMPARE(snapshot(), before);
        if (m_driver->name() == "userspace") { // a copy, never a hardlink into the read-only layer
            struct stat lower {}, mine {};
            QVERIFY(::lstat((m_lowers[0].dir / "bin/busybox").c_str(), &lower) == 0);
            QVERIFY(::lstat((merged() / "bin/busybox").c_str(), &mine) == 0);
            QVERIFY(lower.st_ino != mine.st_ino);
        }

        const auto *e = m_log->find(EventKind::CopiedUp, "/etc/web.conf");
        QVERIFY(e);
        QCOMPARE(e->id, std::string("c1"));
        QCOMPARE(e->attrs["from_layer"].get<int>(), 2);
        QCOMPARE(e->attrs["from_layer_id"].get<std::string>(), std::string("sha256:l2"));
        QCOMPARE(e->attrs["bytes"].get<int>(), 10);
        QCOMPARE(e->attrs["lower_sha256"].get<std::string>(), Digest::ofBytes("port=8080\n").hex());
        QCOMPARE(e->attrs["sha256"].get<std::string>(), Digest::ofBytes("port=9090\n").hex());
        QCOMPARE(m_log->of(EventKind::CopiedUp).size(), std::size_t{1}); // the parent dir is no copy-up event

        const auto again = m_driver->sync(m_lowers, container("c1")); // nothing new since
        QVERIFY(again.paths.empty());
        QCOMPARE(m_log->of(EventKind::CopiedUp).size(), std::size_t{1});
    }

    void aWriteInTheSameClockTickAsTheLowerIsStillSeen()
    {
        // A lower written just now: the container's write may carry the very
        // same mtime (coarse clock), so only the content tells them apart.
        const auto fresh = m_root / "fresh" / "diff";
        writeFile(fresh / "f", "AAAA");
        const fs::drivers::Lowers lowers{{fresh, layer::WhiteoutFormat::OciMarkers, "sha256:fresh"}};
        m_driver->mount(lowers, container("c1"));
        writeFile(merged() / "f", "BBBB");
        m_driver->sync(lowers, container("c1"));
        QCOMPARE(readFile(diff() / "f"), std::string("BBBB"));
        QVERIFY(m_log->find(EventKind::CopiedUp, "/f"));
    }

    void deleteMakesAWhiteout()
    {
        mountC1();
        QVERIFY(stdfs::remove(merged() / "etc/passwd"));
        QVERIFY(!present(merged() / "etc/passwd"));
        const auto r = m_driver->sync(m_lowers, container("c1"));
        QCOMPARE(r.whiteouts, std::uint64_t{1});
        QCOMPARE(int(upper().at("etc/passwd")), int(UpperKind::Whiteout));
        if (m_driver->upperWhiteouts() == layer::WhiteoutFormat::OverlayDevices) {
            struct stat st {};
            QVERIFY(::lstat((diff() / "etc/passwd").c_str(), &st) == 0);
            QVERIFY(S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0));
        } else {
            QVERIFY(present(diff() / "etc/.wh.passwd"));
        }
        QVERIFY(present(m_lowers[1].dir / "etc/passwd"));
        const auto *e = m_log->find(EventKind::WhiteoutCreated, "/etc/passwd");
        QVERIFY(e);
        QCOMPARE(e->attrs["from_layer"].get<int>(), 1);
        QCOMPARE(e->attrs["from_layer_id"].get<std::string>(), std::string("sha256:l1"));
    }

    void newFileIsAdded()
    {
        mountC1();
        writeFile(merged() / "happiness.txt", "");
        const auto r = m_driver->sync(m_lowers, container("c1"));
        QCOMPARE(r.added, std::uint64_t{1});
        QVERIFY(present(diff() / "happiness.txt"));
        for (const auto &l : m_lowers)
            QVERIFY(!present(l.dir / "happiness.txt"));
        const auto *e = m_log->find(EventKind::UpperPathAdded, "/happiness.txt");
        QVERIFY(e);
        QCOMPARE(e->attrs["type"].get<std::string>(), std::string("file"));
        QVERIFY(!m_log->find(EventKind::CopiedUp, "/happiness.txt"));
    }

    void changesListADCAsDockerDiff()
    {
        mountC1();
        writeFile(merged() / "etc/web.conf", "port=9090\n");
        stdfs::remove(merged() / "etc/passwd");
        writeFile(merged() / "etc/new.conf", "x");
        writeFile(merged() / "data/file", "d");
        const auto changes = m_driver->changes(m_lowers, container("c1"));
        // Within a directory: what the container has, by name, then what it deleted.
        QCOMPARE(joinLines(diffLines(changes)), joinLines({"A /data", "A /data/file", "C /etc", "A /etc/new.conf",
                                                            "C /etc/web.conf", "D /etc/passwd"}));
        QCOMPARE(changes[2].fromLayer, 2);  // etc: the top layer that has it
        QCOMPARE(changes[5].fromLayer, 1);  // passwd came from L1
        QCOMPARE(changes[4].fromLayer, 2);
        QCOMPARE(changes[0].fromLayer, -1);
        QCOMPARE(int(changes[0].type), int(fs::EntryType::Dir));
        QCOMPARE(changes[4].size, std::uint64_t{10});
    }

    void matchesWhatDockerPrintsForTheSameCommands()
    {
        // Docker 20.10's overlay2 here compares the container's view with the
        // image's (tests/cli/data/docker-diff-*.txt has the real output):
        //   sh -c 'echo more >> /etc/web.conf; rm /etc/passwd; rm -rf /etc/app;
        //          mkdir /etc/app; echo n > /etc/app/n; touch /happy'
        mountC1();
        {
            std::ofstream(merged() / "etc/web.conf", std::ios::app) << "more\n";
        }
        stdfs::remove(merged() / "etc/passwd");
        stdfs::remove_all(merged() / "etc/app");
        stdfs::create_directory(merged() / "etc/app");
        writeFile(merged() / "etc/app/n", "n\n");
        writeFile(merged() / "happy", "");
        QCOMPARE(joinLines(diffLines(m_driver->changes(m_lowers, container("c1")))),
                 joinLines({"C /etc", "C /etc/app", "A /etc/app/n", "D /etc/app/c", "C /etc/web.conf",
                            "D /etc/passwd", "A /happy"}));
    }

    void changedFileListsEveryParent()
    {
        // Docker: a directory holding any change is C, up to the top.
        mountC1();
        writeFile(merged() / "etc/web.conf", "port=9090\n");
        QCOMPARE(joinLines(diffLines(m_driver->changes(m_lowers, container("c1")))),
                 joinLines({"C /etc", "C /etc/web.conf"}));
    }

    void deletedAndRecreatedDirectoryIsOpaque()
    {
        mountC1();
        stdfs::remove_all(merged() / "etc/app");
        stdfs::create_directory(merged() / "etc/app");
        writeFile(merged() / "etc/app/c2", "new");
        const auto r = m_driver->sync(m_lowers, container("c1"));
        QCOMPARE(r.opaque, std::uint64_t{1});
        QCOMPARE(int(upper().at("etc/app")), int(UpperKind::OpaqueDir));
        QVERIFY(m_log->find(EventKind::OpaqueDirCreated, "/etc/app"));
        QVERIFY(m_log->find(EventKind::UpperPathAdded, "/etc/app/c2")); // new, not a copy-up of anything
        const auto changes = m_driver->changes(m_lowers, container("c1"));
        // The image's old entries are D, after the new ones.
        QCOMPARE(joinLines(diffLines(changes)), joinLines({"C /etc", "C /etc/app", "A /etc/app/c2", "D /etc/app/c"}));
        QVERIFY(changes[1].change.opaque);
        QCOMPARE(listTree(merged() / "etc/app"), std::vector<std::string>{"c2"});
    }

    void deletingAllChildrenOneByOneMakesWhiteoutsNotOpaque()
    {
        mountC1();
        writeFile(merged() / "etc/extra/x", "x"); // a directory of the container's own
        stdfs::remove(merged() / "etc/app/c");
        const auto changes = m_driver->changes(m_lowers, container("c1"));
        QCOMPARE(joinLines(diffLines(changes)),
                 joinLines({"C /etc", "C /etc/app", "D /etc/app/c", "A /etc/extra", "A /etc/extra/x"}));
    }

    void twoContainersOverOneImageAreIndependent()
    {
        mountC1();
        m_driver->mount(m_lowers, container("c2"));
        writeFile(merged("c1") / "etc/web.conf", "c1 was here\n");
        stdfs::remove(merged("c1") / "bin/busybox");
        QCOMPARE(readFile(merged("c2") / "etc/web.conf"), std::string("port=8080\n"));
        QVERIFY(present(merged("c2") / "bin/busybox"));
        m_driver->sync(m_lowers, container("c1"));
        const auto r2 = m_driver->sync(m_lowers, container("c2"));
        QVERIFY(r2.paths.empty());
        QVERIFY(upper("c2").empty());
        QVERIFY(m_driver->changes(m_lowers, container("c2")).empty());
        QCOMPARE(readFile(diff("c1") / "etc/web.conf"), std::string("c1 was here\n"));
    }

    void pathsUnderAMountPointAreNotChanges()
    {
        mountC1();
        writeFile(merged() / "data/x", "volume data");
        writeFile(merged() / "data/sub/y", "more");
        writeFile(merged() / "etc/web.conf", "port=9090\n");
        const std::vector<std::string> excluded{"/data"};
        const auto r = m_driver->sync(m_lowers, container("c1"), excluded);
        for (const auto &p : r.paths)
            QVERIFY2(p.rfind("data/", 0) != 0, p.c_str());
        QCOMPARE(joinLines(diffLines(m_driver->changes(m_lowers, container("c1"), excluded))),
                 joinLines({"A /data", "C /etc", "C /etc/web.conf"}));
        for (const auto &c : m_driver->commitChanges(m_lowers, container("c1"), excluded))
            QVERIFY2(c.path.rfind("data/", 0) != 0, c.path.c_str());
    }

    void unmountAndRemountKeepTheContainerLayer()
    {
        mountC1();
        writeFile(merged() / "etc/web.conf", "port=9090\n");
        stdfs::remove(merged() / "etc/passwd");
        writeFile(merged() / "happiness.txt", ":)");
        m_driver->unmount(container("c1"));
        QVERIFY(!m_driver->isMounted(container("c1")));
        QCOMPARE(m_log->of(EventKind::UnionUnmounted).size(), std::size_t{1});
        QVERIFY(listTree(merged()).empty());
        QCOMPARE(readFile(diff() / "happiness.txt"), std::string(":)"));

        mountC1();
        QCOMPARE(readFile(merged() / "etc/web.conf"), std::string("port=9090\n"));
        QCOMPARE(readFile(merged() / "happiness.txt"), std::string(":)"));
        QVERIFY(!present(merged() / "etc/passwd"));
        QCOMPARE(readFile(merged() / "bin/busybox"), std::string("ELF"));
        const auto r = m_driver->sync(m_lowers, container("c1")); // already reported before the unmount
        QVERIFY(r.paths.empty());
        QCOMPARE(joinLines(diffLines(m_driver->changes(m_lowers, container("c1")))),
                 joinLines({"C /etc", "C /etc/web.conf", "D /etc/passwd", "A /happiness.txt"}));
    }

    void commitChangesHoldTheWholeLayer()
    {
        mountC1();
        writeFile(merged() / "etc/web.conf", "port=9090\n");
        stdfs::remove(merged() / "etc/passwd");
        stdfs::remove_all(merged() / "etc/app");
        stdfs::create_directory(merged() / "etc/app");
        writeFile(merged() / "new", "n");
        const auto set = m_driver->commitChanges(m_lowers, container("c1"));
        std::map<std::string, layer::Change> byPath;
        for (const auto &c : set)
            byPath[c.path] = c;
        QCOMPARE(int(byPath.at("etc/passwd").kind), int(layer::ChangeKind::Deleted));
        QVERIFY(byPath.at("etc/app").opaque);
        QCOMPARE(int(byPath.at("etc/web.conf").kind), int(layer::ChangeKind::Modified));
        QCOMPARE(int(byPath.at("new").kind), int(layer::ChangeKind::Added));
        QVERIFY(byPath.count("etc")); // parents travel with their mode and times
        // Read as one more layer on top, the container layer gives the merged view.
        std::vector<fs::LayerDir> layers;
        for (const auto &l : m_lowers)
            layers.push_back({l.dir, l.whiteouts});
        layers.push_back({diff(), m_driver->upperWhiteouts()});
        const auto view = fs::UnionView::build(layers);
        QVERIFY(!view.merged().count("etc/passwd"));
        QVERIFY(!view.merged().count("etc/app/c"));
        QCOMPARE(view.merged().at("etc/web.conf").layer, 3);
    }

    void bulkChangesAreOneSummarisedEvent()
    {
        mountC1();
        for (int i = 0; i < 250; ++i)
            writeFile(merged() / "bulk" / ("f" + std::to_string(i)), "x");
        const auto r = m_driver->sync(m_lowers, container("c1"));
        QVERIFY(r.summarised);
        QCOMPARE(r.added, std::uint64_t{251}); // 250 files and their new directory
        QVERIFY(m_log->of(EventKind::UpperPathAdded).empty());
        const auto summary = m_log->of(EventKind::UpperChangesSummarised);
        QCOMPARE(summary.size(), std::size_t{1});
        QCOMPARE(summary[0].attrs["added"].get<int>(), 251);
        QCOMPARE(summary[0].attrs["paths"].size(), std::size_t{8});
        QCOMPARE(summary[0].attrs["paths"][0].get<std::string>(), std::string("/bulk"));
    }

    void removeLayerDeletesEverything()
    {
        mountC1();
        writeFile(merged() / "x", "x");
        m_driver->sync(m_lowers, container("c1"));
        m_driver->removeLayer(container("c1"));
        QVERIFY(!m_driver->isMounted(container("c1")));
        QVERIFY(!present(diff()) && !present(merged()) && !present(container("c1") / "work"));
        QVERIFY(!present(container("c1") / "upper-state.json"));
        QVERIFY(present(container("c1"))); // the container record's directory is not ours
        QCOMPARE(readFile(m_lowers[2].dir / "etc/web.conf"), std::string("port=8080\n"));
        m_driver->removeLayer(container("c1")); // idempotent
    }
};

QTEST_GUILESS_MAIN(TestDriverBehaviour)
#include "tst_DriverBehaviour.moc"
