// SPDX-License-Identifier: GPL-3.0-or-later
// Timeline: rewinding the drawing to entry k rebuilds exactly the items the
// live scene showed after entry k (kinds, keys, visibility, positions, the
// slab facts), for every k of a session made of real load events, the
// image's detail and container events; stepping, live, speed and reduced
// motion on the player.
#include "core/EngineWorker.h"
#include "scene/LayerStackScene.h"
#include "scene/SceneItems.h"
#include "timeline/SessionTimeline.h"
#include "timeline/TimelinePlayer.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;
using engine::events::EventKind;
using engine::events::makeEvent;

namespace {

// What a viewer sees of a scene, item by item, in a stable order.
QStringList itemStates(const LayerStackScene &s)
{
    QStringList out;
    for (QGraphicsItem *i : s.items()) {
        const QString kind = i->data(KindData).toString();
        if (kind.isEmpty())
            continue;
        const QPointF p = i->scenePos();
        QString line = QStringLiteral("%1|%2|vis=%3|op=%4|pos=%5,%6")
                           .arg(kind, i->data(KeyData).toString())
                           .arg(i->isVisible())
                           .arg(qRound(i->opacity() * 100))
                           .arg(qRound(p.x()))
                           .arg(qRound(p.y()));
        if (auto *slab = dynamic_cast<SlabItem *>(i))
            line += QStringLiteral("|files=%1|bytes=%2|state=%3|warm=%4|digest=%5")
                        .arg(slab->files)
                        .arg(slab->bytes)
                        .arg(int(slab->state))
                        .arg(qRound(slab->warmth() * 100))
                        .arg(slab->digest);
        if (auto *tile = dynamic_cast<TileItem *>(i))
            line += QStringLiteral("|ghost=%1|note=%2").arg(tile->ghost).arg(tile->note);
        out << line;
    }
    out.sort();
    return out;
}

} // namespace

class TestTimeline : public QObject {
    Q_OBJECT
    QTemporaryDir m_root, m_second, m_files;
    SessionTimeline m_timeline;
    std::vector<QStringList> m_live; // the live scene's items after entry k

private slots:
    void initTestCase()
    {
        registerSnapshotTypes();
        QVERIFY(m_root.isValid() && m_second.isValid() && m_files.isValid());
        // Real events: the demo image saved from one store and loaded into another.
        std::vector<engine::events::Event> loadEvents;
        ImageDetailPtr detail;
        {
            engine::EngineOptions o;
            o.root = m_root.path().toStdString();
            engine::Engine e(o);
            e.ensureBuiltinImages();
            e.save({"strata/demo-web:1.0"}, (m_files.path() + "/demo.tar").toStdString(), engine::ArchiveFormat::DockerArchive);
        }
        {
            engine::EngineOptions o;
            o.root = m_second.path().toStdString();
            engine::Engine e(o);
            e.events().subscribe([&](const engine::events::Event &ev) { loadEvents.push_back(ev); });
            e.load((m_files.path() + "/demo.tar").toStdString());
            detail = EngineWorker::buildDetail(e, QStringLiteral("strata/demo-web:1.0"));
        }
        QVERIFY(std::count_if(loadEvents.begin(), loadEvents.end(),
                              [](const auto &ev) { return ev.kind == EventKind::LayerExtractStarted; }) == 3);

        // The live scene is fed entry by entry and settles after each, as the
        // recorder records them; its items after entry k are kept.
        LayerStackScene live;
        live.setSpeed(16);
        auto feedEvents = [&](const EventBatch &b) {
            m_timeline.recordEvents(b);
            for (const auto &ev : b) {
                live.onEvents(EventBatch{ev});
                QTRY_VERIFY_WITH_TIMEOUT(!live.animating(), 5000);
                m_live.push_back(itemStates(live));
            }
        };
        feedEvents(EventBatch(loadEvents.begin(), loadEvents.end()));
        m_timeline.recordImage(detail);
        live.showImage(detail);
        QTRY_VERIFY_WITH_TIMEOUT(!live.animating(), 5000);
        m_live.push_back(itemStates(live));
        const std::string c1 = "c1c1c1c1c1c1", c2 = "c2c2c2c2c2c2";
        feedEvents({makeEvent(EventKind::ContainerLayerCreated, c1, {{"diff", "/x/c1/diff"}}),
                    makeEvent(EventKind::UnionMounted, c1,
                              {{"driver", "overlay"}, {"lowerdir", "/l/c:/l/b:/l/a"}, {"upperdir", "/x/c1/diff"},
                               {"workdir", "/x/c1/work"}, {"merged", "/x/c1/merged"}, {"layers", 3}}),
                    makeEvent(EventKind::CopiedUp, c1,
                              {{"path", "/etc/web.conf"}, {"type", "file"}, {"from_layer", 2},
                               {"lower_sha256", "aaaaaaaa11"}, {"sha256", "bbbbbbbb22"}, {"bytes", 3}}),
                    makeEvent(EventKind::WhiteoutCreated, c1, {{"path", "/srv/www/index.html"}, {"type", "file"}, {"from_layer", 0}}),
                    makeEvent(EventKind::ContainerLayerCreated, c2, {{"diff", "/x/c2/diff"}}),
                    makeEvent(EventKind::UpperPathAdded, c2, {{"path", "/tmp/new"}, {"type", "file"}}),
                    makeEvent(EventKind::LayerWritten, "sha256:" + std::string(64, 'e'),
                              {{"container", c1}, {"added", 0}, {"modified", 1}, {"deleted", 1}, {"size", 2048}}),
                    makeEvent(EventKind::ContainerRemoved, c2, {{"name", "two"}})});
        QCOMPARE(static_cast<int>(m_live.size()), m_timeline.size());
        QVERIFY(m_timeline.size() > 12);
    }

    void rewindToEveryEntryReproducesTheLiveItems()
    {
        LayerStackScene replay;
        for (int k = 0; k < m_timeline.size(); ++k) {
            m_timeline.replay(k, replay);
            QVERIFY(!replay.animating());
            const QStringList got = itemStates(replay);
            if (got != m_live[static_cast<std::size_t>(k)]) {
                qWarning().noquote() << "entry" << k << m_timeline.describe(k) << "\nlive:\n"
                                     << m_live[static_cast<std::size_t>(k)].join('\n') << "\nreplay:\n" << got.join('\n');
                QFAIL("replayed items differ from the live items");
            }
        }
        // Going backwards works the same: the last entry, then the first.
        m_timeline.replay(m_timeline.size() - 1, replay);
        m_timeline.replay(0, replay);
        QCOMPARE(itemStates(replay), m_live.front());
    }

    void playerStepsSeeksAndReturnsToLive()
    {
        TimelinePlayer player(&m_timeline);
        QVERIFY(player.isLive());
        QCOMPARE(player.position(), m_timeline.size() - 1);
        player.seek(5);
        QVERIFY(!player.isLive());
        QCOMPARE(itemStates(*player.replayScene()), m_live[5]);
        player.setReducedMotion(true); // jumps, nothing moves
        player.stepForward();
        QCOMPARE(player.position(), 6);
        QVERIFY(!player.replayScene()->animating());
        QCOMPARE(itemStates(*player.replayScene()), m_live[6]);
        player.stepBack();
        QCOMPARE(itemStates(*player.replayScene()), m_live[5]);
        // Playing runs to the present and hands the view back to the live scene.
        player.setSpeed(16);
        player.play();
        QVERIFY(player.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(player.isLive(), 20000);
        QVERIFY(!player.isPlaying());
        // With motion, a forward step animates and ends in the live state too.
        player.setReducedMotion(false);
        player.seek(m_timeline.size() - 3);
        player.stepForward();
        QTRY_VERIFY_WITH_TIMEOUT(!player.replayScene()->animating(), 5000);
        QCOMPARE(itemStates(*player.replayScene()), m_live[static_cast<std::size_t>(m_timeline.size() - 2)]);
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_Timeline.moc"
