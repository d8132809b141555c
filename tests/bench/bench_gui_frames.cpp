// SPDX-License-Identifier: GPL-3.0-or-later
// Frame time of the layer-stack scene with 100 and 128 layers (while they
// animate in), of scrolling the merged tree of a 100,000-file image, and of
// the event table while 100,000 events stream in (the log keeps the last
// 10,000): each frame is rendered offscreen and timed. Aim: under 16 ms per
// frame. Figures, not assertions (docs/PERFORMANCE.md).
#include "core/ExplorerTree.h"
#include "models/EventLogModel.h"
#include "models/FileTreeModel.h"
#include "scene/LayerStackScene.h"
#include "widgets/EventLogWidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGraphicsView>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <fstream>

using namespace strata;
using namespace strata::gui;
using engine::events::EventKind;
using engine::events::makeEvent;

class BenchGuiFrames : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { registerSnapshotTypes(); }

    void layersAnimating_data()
    {
        QTest::addColumn<int>("layers");
        QTest::newRow("100 layers") << 100;
        QTest::newRow("128 layers") << 128; // Docker's most for one image
    }

    void layersAnimating()
    {
        QFETCH(int, layers);
        LayerStackScene s;
        EventBatch batch;
        for (int i = 0; i < layers; ++i) {
            const std::string id = "sha256:" + std::to_string(1000000 + i) + std::string(57, 'a');
            batch.push_back(makeEvent(EventKind::LayerExtractStarted, id, {{"index", i}, {"count", layers}}));
            batch.push_back(makeEvent(EventKind::LayerExtracted, id,
                                      {{"index", i}, {"count", layers}, {"files", 100 * i}, {"bytes", 4096 * i}}));
        }
        s.onEvents(batch);
        QCOMPARE(s.layerSlabCount(), layers);
        QImage frame(1600, 1000, QImage::Format_ARGB32_Premultiplied);
        QElapsedTimer t;
        int frames = 0;
        qint64 worst = 0, total = 0;
        while ((s.animating() || frames < 30) && frames < 600) {
            t.start();
            QPainter p(&frame);
            p.setRenderHint(QPainter::Antialiasing);
            s.render(&p);
            p.end();
            const qint64 ns = t.nsecsElapsed();
            worst = std::max(worst, ns);
            total += ns;
            ++frames;
            QTest::qWait(1);
        }
        const double avgMs = total / 1e6 / frames;
        qInfo("layer stack, %d layers: %d frames, mean %.2f ms, worst %.2f ms", layers, frames, avgMs, worst / 1e6);
    }

    void scrollingAHundredThousandFileTree()
    {
        QTemporaryDir dir;
        const std::filesystem::path base = std::filesystem::path(dir.path().toStdString()) / "l0";
        for (int d = 0; d < 10; ++d) {
            std::filesystem::create_directories(base / ("d" + std::to_string(d)));
            for (int f = 0; f < 10000; ++f)
                std::ofstream(base / ("d" + std::to_string(d)) / ("file-" + std::to_string(f)));
        }
        const auto view = engine::fs::UnionView::build({{base}});
        FileTreeModel model;
        model.setTree(std::make_shared<ExplorerTree>(ExplorerTree::merged(view)));
        QTreeView tree;
        tree.setUniformRowHeights(true);
        tree.setModel(&model);
        tree.resize(900, 700);
        tree.expandAll();
        tree.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tree));
        QElapsedTimer t;
        qint64 worst = 0, total = 0;
        const int frames = 120;
        QScrollBar *bar = tree.verticalScrollBar();
        for (int i = 0; i < frames; ++i) {
            bar->setValue(bar->maximum() * i / frames);
            t.start();
            tree.viewport()->repaint();
            const qint64 ns = t.nsecsElapsed();
            worst = std::max(worst, ns);
            total += ns;
        }
        const double avgMs = total / 1e6 / frames;
        qInfo("merged tree, 100,000 files: %d scroll frames, mean %.2f ms, worst %.2f ms", frames, avgMs, worst / 1e6);
    }

    // The log as the app shows it (filter proxy, follow on), fed 100,000
    // events in batches of 100 (the pump's coalescing gives at most 30
    // batches a second); each frame is one batch appended and repainted.
    // "proxy" is the arrangement before #19: a QSortFilterProxyModel between
    // the log and the table (remapping every row when the oldest are dropped),
    // kept here to compare in one run; "in-model" is the panel as it is now.
    void eventTableAfterAHundredThousandEvents_data()
    {
        QTest::addColumn<bool>("proxy");
        QTest::newRow("in-model filter (the panel)") << false;
        QTest::newRow("QSortFilterProxyModel (before)") << true;
    }

    void eventTableAfterAHundredThousandEvents()
    {
        QFETCH(bool, proxy);
        EventLogModel model;
        EventLogWidget widget(&model);
        QSortFilterProxyModel filter;
        filter.setFilterKeyColumn(-1);
        filter.setFilterCaseSensitivity(Qt::CaseInsensitive);
        QTableView proxied;
        QWidget *shown = &widget;
        if (proxy) {
            filter.setSourceModel(&model);
            proxied.setModel(&filter);
            QObject::connect(&filter, &QAbstractItemModel::rowsInserted, &proxied, [&] { proxied.scrollToBottom(); });
            shown = &proxied;
        }
        shown->resize(1200, 700);
        shown->show();
        QVERIFY(QTest::qWaitForWindowExposed(shown));
        auto *table = proxy ? &proxied : widget.findChild<QTableView *>();
        QVERIFY(table);
        QElapsedTimer t;
        qint64 worst = 0, total = 0, lastTotal = 0;
        const int batches = 1000;
        for (int b = 0; b < batches; ++b) {
            EventBatch batch;
            for (int i = 0; i < 100; ++i) {
                const int n = b * 100 + i;
                const std::string id = "sha256:" + std::to_string(1000000 + n) + std::string(57, 'b');
                batch.push_back(makeEvent(EventKind::LayerExtracted, id,
                                          {{"index", n % 7}, {"count", 7}, {"files", n}, {"bytes", 4096 * n}}));
            }
            t.start();
            model.append(batch);
            table->viewport()->repaint();
            const qint64 ns = t.nsecsElapsed();
            worst = std::max(worst, ns);
            total += ns;
            if (b >= batches - 100)
                lastTotal += ns;
        }
        QCOMPARE(model.rowCount(), EventLogModel::kCapacity);
        qInfo("event table (%s), 100,000 events in batches of 100: mean %.2f ms, last 100 batches %.2f ms, worst %.2f ms",
              proxy ? "proxy" : "in-model", total / 1e6 / batches, lastTotal / 1e6 / 100, worst / 1e6);
    }
};

QTEST_MAIN(BenchGuiFrames)
#include "bench_gui_frames.moc"
