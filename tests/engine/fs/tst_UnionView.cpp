// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/UnionView.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <unistd.h>

using namespace strata::engine;
using strata::test::writeFile;
namespace stdfs = std::filesystem;

namespace {

// Three layers in the OCI spelling, as the store keeps them:
//   L0: etc/passwd, etc/motd, etc/app/{a,b}, bin/sh -> busybox, bin/busybox (+ hardlink bin/bb)
//   L1: etc/web.conf (new), etc/passwd (replaced)
//   L2: etc/web.conf (replaced), .wh.motd, etc/app opaque with only c
std::vector<fs::LayerDir> makeLayers(const stdfs::path &root)
{
    const auto l0 = root / "l0", l1 = root / "l1", l2 = root / "l2";
    writeFile(l0 / "etc/passwd", "root:x:0:0\n");
    writeFile(l0 / "etc/motd", "hello\n");
    writeFile(l0 / "etc/app/a", "a");
    writeFile(l0 / "etc/app/b", "b");
    writeFile(l0 / "bin/busybox", "ELF");
    stdfs::create_hard_link(l0 / "bin/busybox", l0 / "bin/bb");
    stdfs::create_symlink("busybox", l0 / "bin/sh");
    writeFile(l1 / "etc/web.conf", "port=80\n");
    writeFile(l1 / "etc/passwd", "root:x:0:0\nweb:x:1:1\n");
    writeFile(l2 / "etc/web.conf", "port=8080\n");
    writeFile(l2 / "etc/.wh.motd", "");
    writeFile(l2 / "etc/app/.wh..wh..opq", "");
    writeFile(l2 / "etc/app/c", "c");
    return {{l0}, {l1}, {l2}};
}

// Every field of every merged entry, every version and every change.
bool sameView(const fs::UnionView &a, const fs::UnionView &b, std::string &why)
{
    auto same = [](const fs::TreeEntry &x, const fs::TreeEntry &y) {
        return x.path == y.path && x.type == y.type && x.mode == y.mode && x.size == y.size && x.target == y.target &&
               x.uid == y.uid && x.gid == y.gid && x.mtime == y.mtime && x.layer == y.layer &&
               x.linkGroup == y.linkGroup && x.shadowed == y.shadowed && x.source == y.source;
    };
    if (a.merged().size() != b.merged().size() || a.versions().size() != b.versions().size() ||
        a.changes().size() != b.changes().size() || a.problems() != b.problems())
        return why = "sizes differ", false;
    for (const auto &[path, e] : a.merged())
        if (!b.merged().count(path) || !same(e, b.merged().at(path)))
            return why = "merged " + path, false;
    for (const auto &[path, vs] : a.versions()) {
        if (!b.versions().count(path) || b.versions().at(path).size() != vs.size())
            return why = "versions " + path, false;
        for (std::size_t i = 0; i < vs.size(); ++i)
            if (!same(vs[i], b.versions().at(path)[i]))
                return why = "version " + path, false;
    }
    for (std::size_t l = 0; l < a.changes().size(); ++l) {
        if (a.changes()[l].size() != b.changes()[l].size())
            return why = "changes of layer " + std::to_string(l), false;
        for (std::size_t k = 0; k < a.changes()[l].size(); ++k) {
            const auto &x = a.changes()[l][k], &y = b.changes()[l][k];
            if (x.change.path != y.change.path || x.change.kind != y.change.kind || x.change.opaque != y.change.opaque ||
                x.type != y.type || x.size != y.size)
                return why = "change " + x.change.path, false;
        }
    }
    return true;
}

} // namespace

class TestUnionView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nearestLayerWins()
    {
        QTemporaryDir tmp;
        const auto view = fs::UnionView::build(makeLayers(tmp.path().toStdString()));
        const auto &m = view.merged();
        QCOMPARE(m.at("etc/web.conf").layer, 2);
        QCOMPARE(m.at("etc/web.conf").shadowed, std::vector<int>{1});
        QCOMPARE(m.at("etc/passwd").layer, 1);
        QCOMPARE(m.at("bin/busybox").layer, 0);
        QCOMPARE(m.at("bin/sh").target, std::string("busybox"));
        QCOMPARE(view.versions().at("etc/web.conf").size(), std::size_t{2});
    }

    void whiteoutAndOpaqueHideLowerPaths()
    {
        QTemporaryDir tmp;
        const auto view = fs::UnionView::build(makeLayers(tmp.path().toStdString()));
        const auto &m = view.merged();
        QVERIFY(!m.count("etc/motd"));
        QVERIFY(!m.count("etc/app/a"));
        QVERIFY(!m.count("etc/app/b"));
        QVERIFY(m.count("etc/app/c"));
        for (const auto &[path, e] : m)
            QVERIFY2(path.find(".wh.") == std::string::npos, path.c_str());
    }

    void changesPerLayerAreADC()
    {
        QTemporaryDir tmp;
        const auto view = fs::UnionView::build(makeLayers(tmp.path().toStdString()));
        auto find = [&](int layerIndex, const std::string &path) -> const fs::LayerChangeEntry * {
            for (const auto &c : view.changes()[layerIndex])
                if (c.change.path == path)
                    return &c;
            return nullptr;
        };
        QCOMPARE(int(find(1, "etc/web.conf")->change.kind), int(layer::ChangeKind::Added));
        QCOMPARE(int(find(1, "etc/passwd")->change.kind), int(layer::ChangeKind::Modified));
        QCOMPARE(int(find(2, "etc/motd")->change.kind), int(layer::ChangeKind::Deleted));
        QVERIFY(find(2, "etc/app")->change.opaque);
        QVERIFY(!find(2, "etc/app/a")); // hidden by the opaque dir, not listed one by one
    }

    void hardlinksShareAGroupAndWasteIsCounted()
    {
        QTemporaryDir tmp;
        const auto view = fs::UnionView::build(makeLayers(tmp.path().toStdString()));
        const auto &m = view.merged();
        QVERIFY(m.at("bin/busybox").linkGroup >= 0);
        QCOMPARE(m.at("bin/busybox").linkGroup, m.at("bin/bb").linkGroup);
        // shadowed: web.conf v1 (8) + passwd v0 (11); deleted: motd (6); opaque-hidden: a, b (2)
        QCOMPARE(view.wastedBytes(), std::uint64_t{8 + 11 + 6 + 2});
    }

    // A host's cached layer is read from its tar's headers: the same view
    // as walking the layer unpacked (entries, layers, shadows, hardlink
    // groups, per-layer changes); sources point where it would be unpacked.
    void tarHeadersGiveTheSameViewAsDirectories()
    {
        QTemporaryDir tmp;
        const stdfs::path root = tmp.path().toStdString();
        const auto dirs = makeLayers(root);
        std::vector<fs::LayerDir> tars;
        for (const auto &d : dirs) {
            const stdfs::path tar = d.dir.string() + ".tar";
            const auto r = strata::test::runProgram("tar", {"-C", QString::fromStdString(d.dir.string()), "-cf",
                                                            QString::fromStdString(tar.string()), "."});
            QVERIFY2(r.exitCode == 0, r.err.c_str());
            tars.push_back({root / ("unpacked-" + d.dir.filename().string()), d.whiteouts, tar});
        }
        const auto fromDirs = fs::UnionView::build(dirs), fromTars = fs::UnionView::build(tars);
        QCOMPARE(fromTars.merged().size(), fromDirs.merged().size());
        for (const auto &[path, want] : fromDirs.merged()) {
            QVERIFY2(fromTars.merged().count(path), path.c_str());
            const fs::TreeEntry &got = fromTars.merged().at(path);
            QVERIFY2(got.type == want.type && got.mode == want.mode && got.layer == want.layer &&
                             got.shadowed == want.shadowed && got.target == want.target &&
                             (got.type == fs::EntryType::Dir || got.size == want.size) &&
                             (got.linkGroup >= 0) == (want.linkGroup >= 0),
                     path.c_str());
            QCOMPARE(got.source, tars[got.layer].dir / path);
        }
        QCOMPARE(fromTars.merged().at("bin/bb").linkGroup, fromTars.merged().at("bin/busybox").linkGroup);
        QCOMPARE(fromTars.wastedBytes(), fromDirs.wastedBytes());
        for (std::size_t i = 0; i < dirs.size(); ++i) {
            QCOMPARE(fromTars.changes()[i].size(), fromDirs.changes()[i].size());
            for (std::size_t k = 0; k < fromDirs.changes()[i].size(); ++k) {
                const auto &a = fromTars.changes()[i][k], &b = fromDirs.changes()[i][k];
                QCOMPARE(a.change.path, b.change.path);
                QCOMPARE(int(a.change.kind), int(b.change.kind));
                QCOMPARE(a.change.opaque, b.change.opaque);
                QCOMPARE(int(a.type), int(b.type));
            }
        }
    }

    // An image layer's scan is kept beside it (LayerDir::scanCache) and read
    // back by the next view: the same view as walking the directories, and
    // really read (a file added afterwards to the layer stays unseen, as it
    // never happens to an image layer); a kept file of another format or a
    // damaged one is scanned again and replaced.
    void keptScansGiveTheSameView()
    {
        QTemporaryDir tmp;
        const stdfs::path root = tmp.path().toStdString();
        const auto dirs = makeLayers(root);
        auto kept = dirs;
        for (std::size_t i = 0; i < kept.size(); ++i)
            kept[i].scanCache = root / ("scan-" + std::to_string(i));
        writeFile(kept[1].scanCache, "strata-layer-scan 0\nnot a scan");
        const auto fromDirs = fs::UnionView::build(dirs);
        const auto first = fs::UnionView::build(kept);
        for (const auto &l : kept)
            QVERIFY2(stdfs::file_size(l.scanCache) > 64, l.scanCache.c_str());
        const auto second = fs::UnionView::build(kept);
        std::string why;
        QVERIFY2(sameView(first, fromDirs, why), why.c_str());
        QVERIFY2(sameView(second, fromDirs, why), why.c_str());

        writeFile(dirs[2].dir / "etc/late", "x");
        QVERIFY(fs::UnionView::build(dirs).merged().count("etc/late"));
        QVERIFY(!fs::UnionView::build(kept).merged().count("etc/late"));
    }

    // `image tree` without --all needs the merged tree only.
    void mergedOnlyKeepsTheMergedTree()
    {
        QTemporaryDir tmp;
        const auto dirs = makeLayers(tmp.path().toStdString());
        const auto full = fs::UnionView::build(dirs);
        const auto lean = fs::UnionView::build(dirs, fs::ViewContents::MergedOnly);
        QCOMPARE(lean.merged().size(), full.merged().size());
        for (const auto &[path, e] : full.merged()) {
            QVERIFY2(lean.merged().count(path), path.c_str());
            const auto &got = lean.merged().at(path);
            QVERIFY2(got.layer == e.layer && got.shadowed == e.shadowed && got.mode == e.mode && got.size == e.size &&
                             got.linkGroup == e.linkGroup && got.source == e.source,
                     path.c_str());
        }
        QVERIFY(lean.versions().empty());
        QCOMPARE(lean.layerCount(), full.layerCount());
        for (const auto &c : lean.changes())
            QVERIFY(c.empty());
    }

    void modeStrings_data()
    {
        QTest::addColumn<unsigned>("mode");
        QTest::addColumn<QString>("text");
        QTest::newRow("Plain") << 0755u << "0755";
        QTest::newRow("Setuid") << 04755u << "04755";
        QTest::newRow("Sticky") << 01777u << "01777";
        QTest::newRow("None") << 0u << "0000";
        QTest::newRow("OwnerOnly") << 0600u << "0600";
    }
    void modeStrings()
    {
        QFETCH(unsigned, mode);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(fs::modeString(mode)), text);
    }
};

QTEST_GUILESS_MAIN(TestUnionView)
#include "tst_UnionView.moc"
