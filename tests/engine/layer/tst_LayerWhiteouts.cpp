// SPDX-License-Identifier: GPL-3.0-or-later
// Whiteouts and opaque markers in the three apply modes (WhiteoutApplier),
// including entry order within a layer (umoci's TestUnpackOpaqueWhiteout).

#include "engine/Error.h"
#include "engine/layer/LayerApplier.h"
#include "engine/layer/Whiteout.h"
#include "tests/engine/layer/LayerTestUtil.h"
#include "tests/support/TarBuilder.h"

#include <QObject>
#include <QTest>

#include <functional>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <utility>
#include <vector>

using namespace strata::test;
using namespace strata::test::layer;
using strata::engine::Error;
using strata::engine::ErrorCode;

namespace {

// A lower layer to flatten onto.
void makeLower(const fs::path &root)
{
    fs::create_directories(root / "gone/sub");
    writeFile(root / "gone/sub/file", "lower");
    writeFile(root / "keep", "lower");
    fs::create_directories(root / "d/sub");
    writeFile(root / "d/old1", "lower");
    writeFile(root / "d/sub/old2", "lower");
    fs::create_directories(root / "usr/lib");
    writeFile(root / "usr/lib/old.so", "lower");
    fs::create_symlink("usr/lib", root / "lib");
}

} // namespace

class TestLayerWhiteouts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void diffKeepsOciMarkers();
    void flattenDeletesRecursively();
    void flattenWhiteoutOfMissingPathIsQuiet();
    void bareWhiteoutPrefixIsRefused();
    void flattenOpaqueInAnyOrder_data();
    void flattenOpaqueInAnyOrder();
    void flattenSameLayerWhiteoutKeepsOwnEntry_data();
    void flattenSameLayerWhiteoutKeepsOwnEntry();
    void flattenWhiteoutThroughInRootSymlink();
    void flattenOpaqueAtRoot();
    void overlayDevicesAsRoot();
};

void TestLayerWhiteouts::diffKeepsOciMarkers()
{
    Sandbox box;
    std::vector<std::pair<std::string, bool>> seen;
    L::ApplyOptions options;
    options.onWhiteout = [&](const std::string &path, bool opaque) { seen.emplace_back(path, opaque); };
    const auto r = applyBytes(
        TarBuilder().file(".wh.gone").dir("d").file("d/.wh..wh..opq").file("d/new", "x").tar(), box.root, options);
    QVERIFY(S_ISREG(lstatOf(box.root / ".wh.gone").st_mode));
    QCOMPARE(lstatOf(box.root / ".wh.gone").st_size, off_t(0));
    QVERIFY(S_ISREG(lstatOf(box.root / "d/.wh..wh..opq").st_mode));
    QCOMPARE(r.whiteouts, std::uint64_t(1));
    QCOMPARE(r.opaques, std::uint64_t(1));
    QCOMPARE(r.entries, std::uint64_t(4));
    const std::vector<std::pair<std::string, bool>> expected{{"gone", false}, {"d", true}};
    QCOMPARE(seen, expected);
}

void TestLayerWhiteouts::flattenDeletesRecursively()
{
    Sandbox box;
    makeLower(box.root);
    std::vector<std::string> seen;
    auto options = flatten();
    options.onWhiteout = [&](const std::string &path, bool) { seen.push_back(path); };
    const auto r = applyBytes(TarBuilder().file(".wh.gone").tar(), box.root, options);
    QVERIFY(!present(box.root / "gone"));
    QVERIFY(!present(box.root / ".wh.gone"));
    QCOMPARE(readFile(box.root / "keep"), std::string("lower"));
    QCOMPARE(r.whiteouts, std::uint64_t(1));
    QCOMPARE(seen, std::vector<std::string>{"gone"});
}

void TestLayerWhiteouts::flattenWhiteoutOfMissingPathIsQuiet()
{
    Sandbox box;
    makeLower(box.root);
    const std::string before = snapshotTree(box.root);
    applyBytes(TarBuilder().file(".wh.nothing").file("nodir/.wh.x").file("keep/.wh.x").tar(), box.root, flatten());
    QCOMPARE(snapshotTree(box.root), before);
}

// ".wh." alone names no file: refused in every mode, never kept as a file.
void TestLayerWhiteouts::bareWhiteoutPrefixIsRefused()
{
    for (const std::string name : {".wh.", "etc/.wh."}) {
        Sandbox box;
        try {
            applyBytes(TarBuilder().file(name).tar(), box.root, flatten());
            QFAIL(("accepted " + name).c_str());
        } catch (const Error &e) {
            QCOMPARE(int(e.code()), int(ErrorCode::UnsafePath));
        }
        Sandbox diff;
        QVERIFY_THROWS_EXCEPTION(Error, applyBytes(TarBuilder().file(name).tar(), diff.root));
    }
}

// The opaque marker hides the lower "d/old1" and "d/sub/old2" whether it
// comes before, between or after this layer's own entries for d.
void TestLayerWhiteouts::flattenOpaqueInAnyOrder_data()
{
    QTest::addColumn<int>("markerAt");
    QTest::newRow("MarkerFirst") << 0;
    QTest::newRow("MarkerBetweenSiblings") << 2;
    QTest::newRow("MarkerLast") << 4;
}

void TestLayerWhiteouts::flattenOpaqueInAnyOrder()
{
    QFETCH(int, markerAt);
    Sandbox box;
    makeLower(box.root);
    std::vector<std::function<void(TarBuilder &)>> entries{
        [](TarBuilder &b) { b.dir("d"); },
        [](TarBuilder &b) { b.file("d/new", "upper"); },
        [](TarBuilder &b) { b.file("d/sub/new2", "upper"); },
        [](TarBuilder &b) { b.file("d/zz", "upper"); },
    };
    entries.insert(entries.begin() + markerAt, [](TarBuilder &b) { b.file("d/.wh..wh..opq"); });
    TarBuilder b;
    for (const auto &add : entries)
        add(b);
    const auto r = applyBytes(b.tar(), box.root, flatten());
    QCOMPARE(r.opaques, std::uint64_t(1));
    QVERIFY(!present(box.root / "d/old1"));
    QVERIFY(!present(box.root / "d/sub/old2"));
    QVERIFY(!present(box.root / "d/.wh..wh..opq"));
    QCOMPARE(readFile(box.root / "d/new"), std::string("upper"));
    QCOMPARE(readFile(box.root / "d/sub/new2"), std::string("upper"));
    QCOMPARE(readFile(box.root / "d/zz"), std::string("upper"));
    QCOMPARE(readFile(box.root / "keep"), std::string("lower"));
}

void TestLayerWhiteouts::flattenSameLayerWhiteoutKeepsOwnEntry_data()
{
    QTest::addColumn<bool>("whiteoutFirst");
    QTest::newRow("WhiteoutBeforeEntry") << true;
    QTest::newRow("WhiteoutAfterEntry") << false;
}

// "Whiteout files MUST only apply to resources in lower/parent layers."
void TestLayerWhiteouts::flattenSameLayerWhiteoutKeepsOwnEntry()
{
    QFETCH(bool, whiteoutFirst);
    Sandbox box;
    makeLower(box.root);
    TarBuilder b;
    if (whiteoutFirst)
        b.file(".wh.keep").file(".wh.gone");
    b.file("keep", "upper").dir("gone").file("gone/fresh", "upper");
    if (!whiteoutFirst)
        b.file(".wh.keep").file(".wh.gone");
    applyBytes(b.tar(), box.root, flatten());
    QCOMPARE(readFile(box.root / "keep"), std::string("upper"));
    QCOMPARE(readFile(box.root / "gone/fresh"), std::string("upper"));
    QVERIFY(!present(box.root / "gone/sub"));
}

void TestLayerWhiteouts::flattenWhiteoutThroughInRootSymlink()
{
    Sandbox box;
    makeLower(box.root);
    applyBytes(TarBuilder().file("lib/.wh.old.so").tar(), box.root, flatten());
    QVERIFY(!present(box.root / "usr/lib/old.so"));
    QVERIFY(S_ISLNK(lstatOf(box.root / "lib").st_mode));
}

void TestLayerWhiteouts::flattenOpaqueAtRoot()
{
    Sandbox box;
    makeLower(box.root);
    applyBytes(TarBuilder().file("fresh", "upper").file(".wh..wh..opq").tar(), box.root, flatten());
    std::vector<std::string> names;
    for (const auto &e : fs::directory_iterator(box.root))
        names.push_back(e.path().filename().string());
    QCOMPARE(names, std::vector<std::string>{"fresh"});
}

void TestLayerWhiteouts::overlayDevicesAsRoot()
{
    Sandbox box;
    L::ApplyOptions options;
    options.whiteouts = L::WhiteoutFormat::OverlayDevices;
    const std::string tar =
        TarBuilder().file(".wh.gone").dir("d").file("d/.wh..wh..opq").file("d/kept", "x").file("d/.wh.kept").tar();
    try {
        applyBytes(tar, box.root, options);
    } catch (const Error &e) {
        if (e.code() == ErrorCode::PermissionDenied || e.code() == ErrorCode::Unsupported)
            QSKIP(qPrintable(QString("overlay whiteouts need root (mknod 0/0, trusted xattrs): ") + e.what()));
        throw;
    }
    const auto dev = lstatOf(box.root / "gone");
    QVERIFY(S_ISCHR(dev.st_mode));
    QCOMPARE(dev.st_rdev, makedev(0, 0));
    char value[8] = {};
    QCOMPARE(::lgetxattr((box.root / "d").c_str(), "trusted.overlay.opaque", value, sizeof value), ssize_t(1));
    QCOMPARE(value[0], 'y');
    QVERIFY(!present(box.root / ".wh.gone"));
    QVERIFY(!present(box.root / "d/.wh..wh..opq"));
    QCOMPARE(readFile(box.root / "d/kept"), std::string("x")); // the layer's own file wins
}

QTEST_GUILESS_MAIN(TestLayerWhiteouts)
#include "tst_LayerWhiteouts.moc"
