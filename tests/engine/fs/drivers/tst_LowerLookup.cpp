// SPDX-License-Identifier: GPL-3.0-or-later
// Which lower provides a path, by the layer spec's whiteout rules, and which
// paths a mount point hides; no privilege needed.
#include "DriverTestKit.h"

#include "engine/fs/drivers/ExcludedPaths.h"
#include "engine/fs/drivers/LowerLookup.h"
#include "engine/fs/drivers/UpperWalk.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace strata::engine;
using namespace strata::test;
using namespace strata::test::drivers;
using fs::drivers::LowerLookup;

class TestLowerLookup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsTheNearestVisibleVersion_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("layer"); // -1: hidden or absent
        QTest::newRow("TopLayerWins") << "etc/web.conf" << 2;
        QTest::newRow("MiddleLayer") << "etc/passwd" << 1;
        QTest::newRow("BaseOnly") << "bin/busybox" << 0;
        QTest::newRow("DirectoryFromTop") << "etc" << 2;
        QTest::newRow("WhitedOutFile") << "etc/motd" << -1;
        QTest::newRow("WhitedOutDirectory") << "tmp" << -1;
        QTest::newRow("UnderWhitedOutDirectory") << "tmp/junk" << -1;
        QTest::newRow("HiddenByOpaqueDirectory") << "etc/app/a" << -1;
        QTest::newRow("InsideOpaqueDirectory") << "etc/app/c" << 2;
        QTest::newRow("Absent") << "nope" << -1;
        QTest::newRow("AbsentUnderFile") << "bin/busybox/x" << -1;
    }

    void findsTheNearestVisibleVersion()
    {
        QFETCH(QString, path);
        QFETCH(int, layer);
        QTemporaryDir tmp;
        const auto lowers = makeLowers(tmp.path().toStdString());
        const auto hit = LowerLookup(lowers).find(path.toStdString());
        QCOMPARE(hit ? hit->layer : -1, layer);
    }

    void sameLayerWhiteoutDoesNotHideItsOwnEntry()
    {
        QTemporaryDir tmp;
        const stdfs::path root = tmp.path().toStdString();
        writeFile(root / "l0/diff/x/old", "old");
        writeFile(root / "l1/diff/.wh.x", "");
        writeFile(root / "l1/diff/x/new", "new");
        const fs::drivers::Lowers lowers{{root / "l0/diff", layer::WhiteoutFormat::OciMarkers, ""},
                                         {root / "l1/diff", layer::WhiteoutFormat::OciMarkers, ""}};
        const LowerLookup lookup(lowers);
        QCOMPARE(lookup.find("x/new")->layer, 1);
        QCOMPARE(lookup.find("x")->layer, 1);
    }

    void mountPointsHideWhatIsUnderThem()
    {
        const fs::drivers::ExcludedPaths excluded({"/data/", "var/lib/db", "/"});
        QVERIFY(!excluded.hides("data"));
        QVERIFY(excluded.hides("data/x"));
        QVERIFY(!excluded.hides("database/x"));
        QVERIFY(excluded.hides("var/lib/db/table"));
        QVERIFY(!excluded.hides("var/lib"));
        QVERIFY(!excluded.hides("etc")); // "/" is ignored, not "everything"
    }

    void upperWalkReadsMarkersInDockerOrder()
    {
        QTemporaryDir tmp;
        const stdfs::path up = tmp.path().toStdString();
        writeFile(up / "etc/.wh.passwd", "");
        writeFile(up / "etc/new", "n");
        writeFile(up / "etc/app/.wh..wh..opq", "");
        writeFile(up / "etc/app/c", "c");
        writeFile(up / "data/x", "x");
        std::vector<std::string> seen;
        for (const auto &e : fs::drivers::walkUpper(up, layer::WhiteoutFormat::OciMarkers,
                                                    fs::drivers::ExcludedPaths({"data"})))
            seen.push_back(e.path + ":" + std::to_string(int(e.kind)) + (e.underOpaque ? "^" : ""));
        using K = fs::drivers::UpperKind;
        const auto k = [](K kind) { return std::to_string(int(kind)); };
        QCOMPARE(joinLines(seen), joinLines({"data:" + k(K::Dir), "etc:" + k(K::Dir), "etc/app:" + k(K::OpaqueDir),
                                             "etc/app/c:" + k(K::Other) + "^", "etc/new:" + k(K::Other),
                                             "etc/passwd:" + k(K::Whiteout)}));
    }
};

QTEST_GUILESS_MAIN(TestLowerLookup)
#include "tst_LowerLookup.moc"
