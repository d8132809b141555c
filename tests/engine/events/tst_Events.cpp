// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/events/EventBus.h"
#include "engine/events/Journal.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <thread>

using namespace strata::engine;
using namespace strata::engine::events;

class TestEvents : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonHasDockersShapeAndRoundTrips()
    {
        const Event e = makeEvent(EventKind::LayerExtracted, "sha256:abc", {{"files", 3}});
        const auto j = e.toJson();
        QCOMPARE(QString::fromStdString(j["Type"]), QStringLiteral("layer"));
        QCOMPARE(QString::fromStdString(j["Action"]), QStringLiteral("extract"));
        QCOMPARE(QString::fromStdString(j["Actor"]["ID"]), QStringLiteral("sha256:abc"));
        QCOMPARE(j["Actor"]["Attributes"]["files"].get<int>(), 3);
        QVERIFY(j["timeNano"].get<std::int64_t>() > 0);
        const Event back = Event::fromJson(j);
        QCOMPARE(int(back.kind), int(EventKind::LayerExtracted));
        QCOMPARE(back.time, e.time);
    }

    void busDeliversInOrderAndSurvivesAThrowingHandler()
    {
        EventBus bus;
        std::vector<std::string> seen;
        bus.subscribe([](const Event &) { throw std::runtime_error("broken observer"); });
        const auto sub = bus.subscribe([&](const Event &e) { seen.push_back(e.id); });
        bus.publish(EventKind::RefAdded, "1");
        bus.publish(EventKind::RefAdded, "2");
        bus.unsubscribe(sub);
        bus.publish(EventKind::RefAdded, "3");
        QCOMPARE(seen, (std::vector<std::string>{"1", "2"}));
    }

    void journalReplaysWithinATimeWindow()
    {
        QTemporaryDir tmp;
        Journal journal(tmp.path().toStdString());
        Event a = makeEvent(EventKind::ImageLoaded, "a");
        Event b = makeEvent(EventKind::ImageDeleted, "b");
        b.time = a.time + std::chrono::seconds(10);
        journal.append(a);
        journal.append(b);

        std::vector<std::string> ids;
        Journal::ReadOptions all;
        journal.read(all, [&](const Event &e) { ids.push_back(e.id); });
        QCOMPARE(ids, (std::vector<std::string>{"a", "b"}));

        ids.clear();
        Journal::ReadOptions since;
        since.since = a.time + std::chrono::seconds(1);
        journal.read(since, [&](const Event &e) { ids.push_back(e.id); });
        QCOMPARE(ids, (std::vector<std::string>{"b"}));
    }

    void followingSeesLinesAppendedByAnotherWriter()
    {
        QTemporaryDir tmp;
        Journal reader(tmp.path().toStdString());
        std::vector<std::string> ids;
        std::thread writer([dir = tmp.path().toStdString()] {
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            Journal w(dir);
            w.append(makeEvent(EventKind::ImageTagged, "late"));
        });
        Journal::ReadOptions o;
        o.follow = true;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        o.stop = [&] { return !ids.empty() || std::chrono::steady_clock::now() > deadline; };
        reader.read(o, [&](const Event &e) { ids.push_back(e.id); });
        writer.join();
        QCOMPARE(ids, (std::vector<std::string>{"late"}));
    }
};

QTEST_GUILESS_MAIN(TestEvents)
#include "tst_Events.moc"
