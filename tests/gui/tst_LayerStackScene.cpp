// SPDX-License-Identifier: GPL-3.0-or-later
// The layer-stack / copy-on-write scene reacts to engine events: asserted on
// scene items, not pixels. The events are the shapes the engine publishes
// (engine/events/Event.h).
#include "scene/LayerStackScene.h"
#include "scene/SceneItems.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

using namespace strata;
using namespace strata::gui;
using engine::events::EventKind;
using engine::events::makeEvent;

class TestLayerStackScene : public QObject {
    Q_OBJECT

    static void feed(LayerStackScene &s, std::initializer_list<engine::events::Event> events)
    {
        s.onEvents(EventBatch(events));
    }

private slots:
    void initTestCase() { registerSnapshotTypes(); }

    void layersSlideInAsTheyAreExtracted()
    {
        LayerStackScene s;
        s.setSpeed(8);
        for (int i = 0; i < 3; ++i)
            feed(s, {makeEvent(EventKind::LayerExtractStarted, "sha256:" + std::string(64, char('a' + i)),
                               {{"index", i}, {"count", 3}}),
                     makeEvent(EventKind::LayerProgress, "sha256:" + std::string(64, char('a' + i)),
                               {{"index", i}, {"files", 5000}, {"bytes", 1 << 20}}),
                     makeEvent(EventKind::LayerExtracted, "sha256:" + std::string(64, char('a' + i)),
                               {{"index", i}, {"count", 3}, {"files", 10000}, {"bytes", 2 << 20}})});
        QCOMPARE(s.itemsOfKind("layer").size(), 3);
        QVERIFY(s.animating());
        QTRY_VERIFY_WITH_TIMEOUT(!s.animating(), 5000);
        for (QGraphicsItem *i : s.itemsOfKind("layer")) {
            auto *slab = static_cast<SlabItem *>(i);
            QCOMPARE(slab->files, 10000);
            QCOMPARE(slab->state, SlabItem::State::Ready);
            QCOMPARE(slab->opacity(), 1.0);
        }
        QVERIFY(s.caption().contains("Layer 3 extracted"));
    }

    void copyOnWriteAndTwoContainers()
    {
        LayerStackScene s;
        s.setSpeed(8);
        for (int i = 0; i < 2; ++i)
            feed(s, {makeEvent(EventKind::LayerExtractStarted, "sha256:" + std::string(64, char('a' + i)),
                               {{"index", i}, {"count", 2}})});
        feed(s, {makeEvent(EventKind::ContainerLayerCreated, "c1c1c1c1c1c1", {{"diff", "/x/c1/diff"}}),
                 makeEvent(EventKind::UnionMounted, "c1c1c1c1c1c1",
                           {{"driver", "overlay"}, {"lowerdir", "/l/b:/l/a"}, {"upperdir", "/x/c1/diff"},
                            {"workdir", "/x/c1/work"}, {"merged", "/x/c1/merged"}, {"layers", 2}})});
        QCOMPARE(s.itemsOfKind("container-layer").size(), 1);
        auto *c1 = s.containerSlab("c1c1c1c1c1c1");
        QVERIFY(c1 && c1->isEmptyContainer());
        // Labels carry the real paths from the mount event.
        bool upper = false;
        for (QGraphicsItem *i : s.itemsOfKind("dir-label")) {
            auto *l = static_cast<DirLabelItem *>(i);
            if (l->role == "upperdir" && l->path == "/x/c1/diff")
                upper = true;
        }
        QVERIFY(upper);

        feed(s, {makeEvent(EventKind::CopiedUp, "c1c1c1c1c1c1",
                           {{"path", "/etc/web.conf"}, {"type", "file"}, {"from_layer", 1},
                            {"lower_sha256", "aaaaaaaa11"}, {"sha256", "bbbbbbbb22"}, {"bytes", 3}}),
                 makeEvent(EventKind::WhiteoutCreated, "c1c1c1c1c1c1",
                           {{"path", "/srv/www/index.html"}, {"type", "file"}, {"from_layer", 0}}),
                 makeEvent(EventKind::UpperPathAdded, "c1c1c1c1c1c1", {{"path", "/tmp/x"}, {"type", "file"}})});
        QCOMPARE(s.itemsOfKind("tile-copyup").size(), 1);
        auto *copy = static_cast<TileItem *>(s.itemsOfKind("tile-copyup").front());
        QCOMPARE(copy->path, QStringLiteral("/etc/web.conf"));
        QVERIFY(copy->note.contains("aaaaaaaa") && copy->note.contains("bbbbbbbb")); // both hashes
        QCOMPARE(copy->parentItem(), static_cast<QGraphicsItem *>(c1));               // in the container layer
        QCOMPARE(s.itemsOfKind("tile-lower").size(), 1);                              // the lower copy stays
        QCOMPARE(s.itemsOfKind("tile-lower").front()->data(KeyData).toString(), QStringLiteral("/etc/web.conf"));
        QCOMPARE(s.itemsOfKind("tile-whiteout").size(), 1);
        QCOMPARE(s.itemsOfKind("tile-added").size(), 1);
        QCOMPARE(c1->copiedUp, 1);
        QCOMPARE(c1->whiteouts, 1);

        feed(s, {makeEvent(EventKind::ContainerLayerCreated, "c2c2c2c2c2c2", {{"diff", "/x/c2/diff"}})});
        QCOMPARE(s.itemsOfKind("container-layer").size(), 2);
        auto *c2 = s.containerSlab("c2c2c2c2c2c2");
        QVERIFY(c2->size().width() < 500 && c1->size().width() < 500); // side by side over one stack
        QCOMPARE(s.layerSlabCount(), 2);

        // commit: a copy of c2's amber slab hardens into the new image's layer
        // beside it; c2 keeps its layer and the image's stack is unchanged.
        feed(s, {makeEvent(EventKind::LayerWritten, "sha256:" + std::string(64, 'c'),
                           {{"added", 1}, {"modified", 1}, {"deleted", 1}, {"container", "c2c2c2c2c2c2"}})});
        QTRY_VERIFY_WITH_TIMEOUT(!s.animating(), 5000);
        QCOMPARE(s.layerSlabCount(), 2);
        QCOMPARE(s.itemsOfKind("container-layer").size(), 2);
        QCOMPARE(s.itemsOfKind("layer").size(), 2);
        QCOMPARE(s.itemsOfKind("committed-layer").size(), 1);
        auto *made = static_cast<SlabItem *>(s.itemsOfKind("committed-layer").front());
        QCOMPARE(made->layerIndex, 2); // L3: on top of the two layers it was made on
        QVERIFY(made->warmth() < 0.5); // hardened
    }

    void floodsAreSummarisedNotAnimatedOneByOne()
    {
        LayerStackScene s;
        feed(s, {makeEvent(EventKind::LayerExtractStarted, "sha256:" + std::string(64, 'a'), {{"index", 0}, {"count", 1}}),
                 makeEvent(EventKind::ContainerLayerCreated, "c1", {})});
        EventBatch many;
        for (int i = 0; i < 300; ++i)
            many.push_back(makeEvent(EventKind::UpperPathAdded, "c1", {{"path", "/f" + std::to_string(i)}}));
        QElapsedTimer t;
        t.start();
        s.onEvents(many);
        QTRY_VERIFY_WITH_TIMEOUT(!s.animating(), 10000);
        QVERIFY2(t.elapsed() < 8000, "a backlog is drawn at once, not 300 animations in a row");
        QCOMPARE(s.containerSlab("c1")->added, 300);
    }
};

QTEST_MAIN(TestLayerStackScene)
#include "tst_LayerStackScene.moc"
