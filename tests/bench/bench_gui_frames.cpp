// SPDX-License-Identifier: GPL-3.0-or-later
// Frame time of the layer-stack scene with 100 layers (while they animate in)
// and of scrolling the merged tree of a 100,000-file image: each frame is
// rendered offscreen at 1600x1000 and timed. Aim: under 16 ms per frame.
#include "core/ExplorerTree.h"
#include "models/FileTreeModel.h"
#include "scene/LayerStackScene.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGraphicsView>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
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

    void hundredLayersAnimating()
    {
        LayerStackScene s;
        EventBatch batch;
        for (int i = 0; i < 100; ++i) {
            const std::string id = "sha256:" + std::to_string(1000000 + i) + std::string(57, 'a');
            batch.push_back(makeEvent(EventKind::LayerExtractStarted, id, {{"index", i}, {"count", 100}}));
            batch.push_back(makeEvent(EventKind::LayerExtracted, id,
                                      {{"index", i}, {"count", 100}, {"files", 100 * i}, {"bytes", 4096 * i}}));
        }
        s.onEvents(batch);
        QCOMPARE(s.layerSlabCount(), 100);
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
        qInfo("layer stack, 100 layers: %d frames, mean %.2f ms, worst %.2f ms", frames, avgMs, worst / 1e6);
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
};

QTEST_MAIN(BenchGuiFrames)
#include "bench_gui_frames.moc"
