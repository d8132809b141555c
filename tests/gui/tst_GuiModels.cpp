// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's models over real engine data: the explorer's marks on the demo
// image, the lazy file tree at 100,000 entries, JSON paths, event coalescing.
#include "core/EngineWorker.h"
#include "core/EventPump.h"
#include "models/EventLogModel.h"
#include "models/FileTreeModel.h"
#include "models/ImageListModel.h"
#include "models/JsonTreeModel.h"
#include "models/LayerStackModel.h"
#include "models/NetworkRows.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <thread>

using namespace strata;
using namespace strata::gui;

class TestGuiModels : public QObject {
    Q_OBJECT
    QTemporaryDir m_root;
    std::unique_ptr<engine::Engine> m_engine;
    ImageDetailPtr m_demo;

private slots:
    void initTestCase()
    {
        registerSnapshotTypes();
        engine::EngineOptions o;
        o.root = m_root.path().toStdString();
        m_engine = std::make_unique<engine::Engine>(o);
        m_engine->ensureBuiltinImages();
        m_demo = EngineWorker::buildDetail(*m_engine, QStringLiteral("strata/demo-web:1.0"));
        QCOMPARE(m_demo->layers.size(), std::size_t(3));
    }

    void mergedMarksOnTheDemoImage()
    {
        const ExplorerTree &t = *m_demo->merged;
        const auto &conf = t.node(t.find("etc/web.conf"));
        QCOMPARE(conf.mark, Mark::Modified); // layer 3 shadows layer 2's copy
        QCOMPARE(conf.layer, 2);
        QCOMPARE(conf.shadowed, std::vector<int>{1});
        const int motd = t.find("etc/motd");
        QVERIFY(motd > 0);
        QCOMPARE(t.node(motd).mark, Mark::Deleted);
        QCOMPARE(t.node(motd).byLayer, 2);
        QCOMPARE(t.node(t.find("srv/www/index.html")).mark, Mark::Added);
        QCOMPARE(t.node(t.find("srv/www/index.html")).layer, 1);
        QCOMPARE(t.node(t.find("bin/busybox")).mark, Mark::None);
        // Layer 3 by itself: a whiteout for motd, a modification of web.conf.
        const ExplorerTree &l3 = *m_demo->perLayer[2];
        QCOMPARE(l3.node(l3.find("etc/motd")).mark, Mark::Whiteout);
        QCOMPARE(l3.node(l3.find("etc/web.conf")).mark, Mark::Modified);
    }

    void fileTreeModelShowsLetterAndName()
    {
        FileTreeModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setTree(m_demo->merged);
        const QModelIndex conf = m.indexOfNode(m_demo->merged->find("etc/web.conf"), FileTreeModel::MarkColumn);
        QVERIFY(conf.isValid());
        QCOMPARE(m.data(conf, Qt::DisplayRole).toString(), QStringLiteral("C changed"));
        QVERIFY(!m.data(conf, Qt::DecorationRole).value<QIcon>().isNull()); // icon as well as letter
        const QModelIndex motd = m.indexOfNode(m_demo->merged->find("etc/motd"), FileTreeModel::Name);
        QVERIFY(m.data(motd, Qt::FontRole).value<QFont>().strikeOut());
        QVERIFY(m.data(motd, Qt::ToolTipRole).toString().contains(QStringLiteral("deleted by layer 3")));
        QCOMPARE(m.parent(conf).data(FileTreeModel::PathRole).toString(), QStringLiteral("etc"));
    }

    void wastedSpaceNamesItsCauses()
    {
        bool shadowed = false, deleted = false;
        for (const auto &w : m_demo->wasted) {
            if (w.path == "etc/web.conf" && !w.deleted && w.layer == 1 && w.byLayer == 2)
                shadowed = true;
            if (w.path == "etc/motd" && w.deleted && w.byLayer == 2)
                deleted = true;
        }
        QVERIFY(shadowed);
        QVERIFY(deleted);
        QVERIFY(m_demo->wastedBytes > 0);
    }

    void layerStackModel()
    {
        LayerStackModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setDetail(m_demo);
        QCOMPARE(m.rowCount(), 4); // merged + 3 layers, top first
        QCOMPARE(m.data(m.index(0, 0), LayerStackModel::LayerIndexRole).toInt(), -1);
        QCOMPARE(m.data(m.index(1, 0), LayerStackModel::LayerIndexRole).toInt(), 2);
        QVERIFY(m.data(m.index(1, LayerStackModel::CreatedBy), Qt::DisplayRole).toString().startsWith("RUN sed"));
    }

    void lazyTreeAt100000Entries()
    {
        QTemporaryDir dir;
        const std::filesystem::path base = dir.path().toStdString();
        std::filesystem::create_directories(base / "l0");
        for (int d = 0; d < 100; ++d) {
            const auto sub = base / "l0" / ("d" + std::to_string(d));
            std::filesystem::create_directories(sub);
            for (int f = 0; f < 1000; ++f)
                std::ofstream(sub / ("f" + std::to_string(f)));
        }
        const auto view = engine::fs::UnionView::build({{base / "l0"}});
        QElapsedTimer timer;
        timer.start();
        auto tree = std::make_shared<ExplorerTree>(ExplorerTree::merged(view));
        const qint64 buildMs = timer.elapsed();
        QVERIFY(tree->size() > 100000);
        FileTreeModel m;
        timer.restart();
        m.setTree(tree);
        // What a view needs for one screen: the root rows and one expanded directory.
        QCOMPARE(m.rowCount(), 100);
        const QModelIndex d50 = m.index(50, 0);
        QCOMPARE(m.rowCount(d50), 1000);
        for (int r = 0; r < 40; ++r)
            QVERIFY(!m.data(m.index(r, 0, d50), Qt::DisplayRole).toString().isEmpty());
        const qint64 modelMs = timer.elapsed();
        qInfo("100,000 entries: tree built in %lld ms (engine thread), model answered a screen in %lld ms", buildMs,
              modelMs);
        QVERIFY2(modelMs < 16, "the model must answer a screenful within one frame");
    }

    void jsonTreePaths()
    {
        JsonTreeModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setJsonText(QString::fromStdString(m_demo->inspectJson));
        QModelIndex gd;
        for (int r = 0; r < m.rowCount(); ++r)
            if (m.index(r, 0).data().toString() == "GraphDriver")
                gd = m.index(r, 0);
        QVERIFY(gd.isValid());
        QModelIndex data;
        for (int r = 0; r < m.rowCount(gd); ++r)
            if (m.index(r, 0, gd).data().toString() == "Data")
                data = m.index(r, 0, gd);
        QVERIFY(data.isValid());
        QCOMPARE(data.data(JsonTreeModel::PathRole).toString(), QStringLiteral(".GraphDriver.Data"));
        m.setJsonText(QStringLiteral("{not json"));
        QCOMPARE(m.rowCount(), 1);
    }

    void imageListUpdatesByKey()
    {
        ImageListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setImages(m_engine->images());
        QVERIFY(m.rowOf("strata/demo-web:1.0") >= 0);
        QVERIFY(m.rowOf("strata/busybox:latest") >= 0);
        m_engine->tag("strata/demo-web:1.0", "demo:copy");
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        m.setImages(m_engine->images());
        QCOMPARE(inserted.count(), 1);
        QVERIFY(m.rowOf("demo:copy") >= 0);
        m_engine->removeImage("demo:copy", false);
        m.setImages(m_engine->images());
        QCOMPARE(m.rowOf("demo:copy"), -1);
    }

    void eventsAreCoalescedAcrossThreads()
    {
        EventPump pump;
        QList<EventBatch> batches;
        connect(&pump, &EventPump::batch, this, [&](const EventBatch &b) { batches << b; });
        std::thread producer([&] {
            for (int i = 0; i < 10000; ++i)
                pump.push(engine::events::makeEvent(engine::events::EventKind::LayerProgress, "sha256:aa",
                                                    {{"index", 0}, {"files", i + 1}}));
            pump.push(engine::events::makeEvent(engine::events::EventKind::LayerExtracted, "sha256:aa",
                                                {{"index", 0}, {"files", 10000}}));
        });
        producer.join();
        QTRY_VERIFY(!batches.isEmpty() && batches.last().last().kind == engine::events::EventKind::LayerExtracted);
        int delivered = 0;
        for (const auto &b : batches)
            delivered += b.size();
        QVERIFY2(delivered <= 2 * batches.size() + 1, "progress of one layer collapses to its latest per batch");
        QCOMPARE(pump.received(), std::size_t(10001));
        EventLogModel log;
        QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const auto &b : batches)
            log.append(b);
        QCOMPARE(log.rowCount(), delivered);
    }

    // The log filters itself and drops its oldest rows past kCapacity, with
    // and without a filter, as the model tester checks every signal.
    void eventLogFiltersAndDropsTheOldest()
    {
        using engine::events::EventKind;
        EventLogModel log;
        QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto batch = [](int from, int count) {
            EventBatch b;
            for (int n = from; n < from + count; ++n)
                b.push_back(engine::events::makeEvent(n % 10 == 0 ? EventKind::ContainerCreated : EventKind::LayerExtracted,
                                                      "sha256:" + std::to_string(100000 + n), {{"index", 0}}));
            return b;
        };
        log.append(batch(0, 100));
        log.setFilterText(QStringLiteral("CREATE")); // case-insensitive, any column
        QCOMPARE(log.rowCount(), 10);
        QCOMPARE(log.eventAt(1).id, std::string("sha256:100010"));
        log.append(batch(100, EventLogModel::kCapacity)); // the first 100 dropped
        QCOMPARE(log.rowCount(), EventLogModel::kCapacity / 10);
        QCOMPARE(log.eventAt(0).id, std::string("sha256:100100"));
        log.append(batch(100 + EventLogModel::kCapacity, 25));
        QCOMPARE(log.rowCount(), EventLogModel::kCapacity / 10); // 3 in, 3 out (2 of them were before)
        QCOMPARE(log.eventAt(log.rowCount() - 1).id, "sha256:" + std::to_string(100000 + 120 + EventLogModel::kCapacity));
        log.setFilterText({});
        QCOMPARE(log.rowCount(), EventLogModel::kCapacity);
        QCOMPARE(log.eventAt(0).id, std::string("sha256:100125"));
        log.setFilterText(QStringLiteral("no such text"));
        QCOMPARE(log.rowCount(), 0);
        log.append(batch(0, 5));
        QCOMPARE(log.rowCount(), 0);
        log.clear();
        log.setFilterText({});
        QCOMPARE(log.rowCount(), 0);
    }

    // The Networks panel's rows: `network inspect`'s JSON as Strata's engine
    // and Docker/Podman give it (a network without IPAM config shows a dash).
    void networkRowsFromInspectJson()
    {
        using engine::image::Json;
        const std::vector<Json> nets = {
                Json::parse(R"({"Name":"bridge","Id":"aa11","Driver":"bridge",
                                "IPAM":{"Driver":"default","Config":[{"Subnet":"172.17.0.0/16","Gateway":"172.17.0.1"}]}})"),
                Json::parse(R"({"Name":"none","Id":"bb22","Driver":"null","IPAM":{"Driver":"default","Config":[]}})"),
                Json::parse(R"({"Name":"host","Id":"cc33","Driver":"host"})"),
                Json::parse(R"("not an object")")};
        const QList<QStringList> rows = networkRows(nets);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], (QStringList{"bridge", "bridge", "172.17.0.0/16", "aa11"}));
        QCOMPARE(rows[1], (QStringList{"none", "null", QStringLiteral("—"), "bb22"}));
        QCOMPARE(rows[2], (QStringList{"host", "host", QStringLiteral("—"), "cc33"}));
    }
};

QTEST_MAIN(TestGuiModels)
#include "tst_GuiModels.moc"
