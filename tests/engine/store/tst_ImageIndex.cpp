// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Error.h"
#include "engine/store/ImageIndex.h"
#include "engine/store/LayerStore.h"
#include "engine/store/StoreLayout.h"
#include "engine/store/StoreLock.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace strata::engine;

class TestImageIndex : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripsImagesAndTags()
    {
        QTemporaryDir tmp;
        store::StoreLayout layout(tmp.path().toStdString());
        layout.create();
        store::ImageIndex idx;
        const Digest id = Digest::ofBytes("config");
        idx.putImage({id, Digest::ofBytes("manifest"), {}, timeutil::now()});
        QVERIFY(!idx.setTag("busybox:latest", id));
        idx.save(layout.imageIndexFile(), layout.tmpDir());

        const auto back = store::ImageIndex::load(layout.imageIndexFile());
        QCOMPARE(back.images().size(), std::size_t{1});
        QCOMPARE(*back.resolveTag("busybox:latest"), id);
        QCOMPARE(back.tagsOf(id), std::vector<std::string>{"busybox:latest"});
    }

    void movingATagReportsThePreviousImage()
    {
        store::ImageIndex idx;
        const Digest a = Digest::ofBytes("a"), b = Digest::ofBytes("b");
        idx.putImage({a, a, {}, {}});
        idx.putImage({b, b, {}, {}});
        idx.setTag("x:1", a);
        QCOMPARE(*idx.setTag("x:1", b), a);
        QVERIFY(idx.tagsOf(a).empty());
        idx.removeImage(b);
        QVERIFY(!idx.resolveTag("x:1"));
    }

    void corruptIndexIsAnErrorNotAnEmptyStore()
    {
        QTemporaryDir tmp;
        const auto file = std::filesystem::path(tmp.path().toStdString()) / "images.json";
        strata::test::writeFile(file, "{not json");
        try {
            (void)store::ImageIndex::load(file);
            QFAIL("corrupt index accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::InvalidArchive);
            QVERIFY(std::string(e.what()).find("images.json") != std::string::npos);
        }
    }

    void chainIdFollowsTheSpec()
    {
        // image-spec config.md: ChainID(L0|L1) = sha256(ChainID(L0) + " " + DiffID(L1)).
        const Digest l0 = Digest::ofBytes("layer0"), l1 = Digest::ofBytes("layer1");
        QCOMPARE(store::chainIdOf({}, l0), l0);
        QCOMPARE(store::chainIdOf(l0, l1), Digest::ofBytes(l0.str() + " " + l1.str()));
    }

    void layerStagingAppearsOnlyWhenCommitted()
    {
        QTemporaryDir tmp;
        store::StoreLayout layout(tmp.path().toStdString());
        layout.create();
        store::LayerStore layers(layout);
        store::LayerRecord rec;
        rec.diffId = Digest::ofBytes("d");
        rec.chainId = rec.diffId;
        {
            auto staging = layers.stage();
            strata::test::writeFile(staging.diffDir() / "file", "x");
            QVERIFY(!layers.has(rec.chainId));
        }
        QVERIFY(std::filesystem::is_empty(layout.tmpDir()));
        auto staging = layers.stage();
        strata::test::writeFile(staging.diffDir() / "file", "x");
        QVERIFY(staging.commit(rec));
        QVERIFY(layers.has(rec.chainId));
        QCOMPARE(strata::test::readFile(layers.diffDir(rec.chainId) / "file"), std::string("x"));
        auto again = layers.stage();
        QVERIFY(!again.commit(rec)); // already there: dedupe
        layers.remove(rec.chainId);
        QVERIFY(!layers.has(rec.chainId));
    }

    void storeLockIsReentrantInOneProcess()
    {
        QTemporaryDir tmp;
        const auto lockFile = std::filesystem::path(tmp.path().toStdString()) / "lock";
        store::StoreLock outer(lockFile);
        store::StoreLock inner(lockFile); // must not deadlock
        QVERIFY(std::filesystem::exists(lockFile));
    }
};

QTEST_GUILESS_MAIN(TestImageIndex)
#include "tst_ImageIndex.moc"
