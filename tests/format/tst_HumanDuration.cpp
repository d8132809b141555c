// SPDX-License-Identifier: GPL-3.0-or-later
// Expected values: github.com/docker/go-units duration_test.go
// (TestHumanDuration and ExampleHumanDuration), and the STATUS strings of
// moby's container/state.go State.String().
#include "engine/cli/format/HumanDuration.h"

#include <QtTest/QTest>

using namespace strata::engine::cli;
using namespace std::chrono;
using units::Clock;

Q_DECLARE_METATYPE(std::chrono::nanoseconds)

namespace {
constexpr auto kDay = hours(24);
constexpr auto kWeek = 7 * kDay;
constexpr auto kMonth = 30 * kDay;
constexpr auto kYear = 365 * kDay;
const Clock::time_point kNow = Clock::from_time_t(1'700'000'000);
} // namespace

class TestHumanDuration : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void humanDuration_data()
    {
        QTest::addColumn<nanoseconds>("duration");
        QTest::addColumn<QString>("expected");
        QTest::newRow("450ms") << nanoseconds(milliseconds(450)) << "Less than a second";
        QTest::newRow("zero") << nanoseconds(0) << "Less than a second";
        QTest::newRow("negative") << nanoseconds(seconds(-5)) << "Less than a second";
        QTest::newRow("1s") << nanoseconds(seconds(1)) << "1 second";
        QTest::newRow("1.9s truncates") << nanoseconds(milliseconds(1900)) << "1 second";
        QTest::newRow("45s") << nanoseconds(seconds(45)) << "45 seconds";
        QTest::newRow("46s") << nanoseconds(seconds(46)) << "46 seconds";
        QTest::newRow("47s") << nanoseconds(seconds(47)) << "47 seconds";
        QTest::newRow("59s") << nanoseconds(seconds(59)) << "59 seconds";
        QTest::newRow("60s") << nanoseconds(seconds(60)) << "About a minute";
        QTest::newRow("1m59s") << nanoseconds(seconds(119)) << "About a minute";
        QTest::newRow("3m") << nanoseconds(minutes(3)) << "3 minutes";
        QTest::newRow("35m") << nanoseconds(minutes(35)) << "35 minutes";
        QTest::newRow("35m40s") << nanoseconds(minutes(35) + seconds(40)) << "35 minutes";
        QTest::newRow("45m") << nanoseconds(minutes(45)) << "45 minutes";
        QTest::newRow("45m40s") << nanoseconds(minutes(45) + seconds(40)) << "45 minutes";
        QTest::newRow("46m") << nanoseconds(minutes(46)) << "46 minutes";
        QTest::newRow("59m") << nanoseconds(minutes(59)) << "59 minutes";
        QTest::newRow("1h") << nanoseconds(hours(1)) << "About an hour";
        QTest::newRow("1h29m") << nanoseconds(hours(1) + minutes(29)) << "About an hour";
        QTest::newRow("1h31m rounds up") << nanoseconds(hours(1) + minutes(31)) << "2 hours";
        QTest::newRow("1h45m") << nanoseconds(hours(1) + minutes(45)) << "2 hours";
        QTest::newRow("1h59m") << nanoseconds(hours(1) + minutes(59)) << "2 hours";
        QTest::newRow("3h") << nanoseconds(hours(3)) << "3 hours";
        QTest::newRow("3h29m") << nanoseconds(hours(3) + minutes(29)) << "3 hours";
        QTest::newRow("3h31m") << nanoseconds(hours(3) + minutes(31)) << "4 hours";
        QTest::newRow("3h59m") << nanoseconds(hours(3) + minutes(59)) << "4 hours";
        QTest::newRow("3h60m") << nanoseconds(hours(3) + minutes(60)) << "4 hours";
        QTest::newRow("24h") << nanoseconds(hours(24)) << "24 hours";
        QTest::newRow("36h") << nanoseconds(kDay + hours(12)) << "36 hours";
        QTest::newRow("2 days") << nanoseconds(2 * kDay) << "2 days";
        QTest::newRow("7 days") << nanoseconds(7 * kDay) << "7 days";
        QTest::newRow("13 days 5h") << nanoseconds(13 * kDay + hours(5)) << "13 days";
        QTest::newRow("2 weeks") << nanoseconds(2 * kWeek) << "2 weeks";
        QTest::newRow("2 weeks 4 days") << nanoseconds(2 * kWeek + 4 * kDay) << "2 weeks";
        QTest::newRow("3 weeks") << nanoseconds(3 * kWeek) << "3 weeks";
        QTest::newRow("4 weeks") << nanoseconds(4 * kWeek) << "4 weeks";
        QTest::newRow("4 weeks 3 days") << nanoseconds(4 * kWeek + 3 * kDay) << "4 weeks";
        QTest::newRow("1 month") << nanoseconds(kMonth) << "4 weeks";
        QTest::newRow("1 month 2 weeks") << nanoseconds(kMonth + 2 * kWeek) << "6 weeks";
        QTest::newRow("2 months") << nanoseconds(2 * kMonth) << "2 months";
        QTest::newRow("2 months 2 weeks") << nanoseconds(2 * kMonth + 2 * kWeek) << "2 months";
        QTest::newRow("3 months") << nanoseconds(3 * kMonth) << "3 months";
        QTest::newRow("3 months 1 week") << nanoseconds(3 * kMonth + kWeek) << "3 months";
        QTest::newRow("5 months 2 weeks") << nanoseconds(5 * kMonth + 2 * kWeek) << "5 months";
        QTest::newRow("13 months") << nanoseconds(13 * kMonth) << "13 months";
        QTest::newRow("23 months") << nanoseconds(23 * kMonth) << "23 months";
        QTest::newRow("24 months") << nanoseconds(24 * kMonth) << "24 months";
        QTest::newRow("24 months 2 weeks") << nanoseconds(24 * kMonth + 2 * kWeek) << "2 years";
        QTest::newRow("3 years 2 months") << nanoseconds(3 * kYear + 2 * kMonth) << "3 years";
        QTest::newRow("since the epoch") << nanoseconds(seconds(1'700'000'000)) << "53 years";
    }
    void humanDuration()
    {
        QFETCH(nanoseconds, duration);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(units::humanDuration(duration)), expected);
    }

    void timeAgo_data()
    {
        QTest::addColumn<qint64>("secondsBefore");
        QTest::addColumn<QString>("expected");
        // docker images CREATED / docker ps CREATED / docker history CREATED
        QTest::newRow("just now") << qint64(0) << "Less than a second ago";
        QTest::newRow("3 seconds") << qint64(3) << "3 seconds ago";
        QTest::newRow("a minute") << qint64(80) << "About a minute ago";
        QTest::newRow("2 weeks") << qint64(15 * 86400) << "2 weeks ago";
        QTest::newRow("in the future") << qint64(-60) << "Less than a second ago";
    }
    void timeAgo()
    {
        QFETCH(qint64, secondsBefore);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(units::timeAgo(kNow - seconds(secondsBefore), kNow)), expected);
    }

    void containerStatus_data()
    {
        QTest::addColumn<bool>("running");
        QTest::addColumn<bool>("paused");
        QTest::addColumn<bool>("restarting");
        QTest::addColumn<bool>("removing");
        QTest::addColumn<bool>("dead");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<qint64>("startedAgo");  // seconds before now, -1 = never
        QTest::addColumn<qint64>("finishedAgo"); // seconds before now, -1 = never
        QTest::addColumn<QString>("health");
        QTest::addColumn<QString>("expected");
        QTest::newRow("up seconds") << true << false << false << false << false << 0 << qint64(3) << qint64(-1) << ""
                                    << "Up 3 seconds";
        QTest::newRow("up about a minute")
            << true << false << false << false << false << 0 << qint64(65) << qint64(-1) << "" << "Up About a minute";
        QTest::newRow("paused") << true << true << false << false << false << 0 << qint64(7200) << qint64(-1) << ""
                                << "Up 2 hours (Paused)";
        QTest::newRow("healthy") << true << false << false << false << false << 0 << qint64(5) << qint64(-1)
                                 << "healthy" << "Up 5 seconds (healthy)";
        QTest::newRow("health starting") << true << false << false << false << false << 0 << qint64(2) << qint64(-1)
                                         << "health: starting" << "Up 2 seconds (health: starting)";
        QTest::newRow("restarting") << true << false << true << false << false << 1 << qint64(100) << qint64(4) << ""
                                    << "Restarting (1) 4 seconds ago";
        QTest::newRow("exited 0") << false << false << false << false << false << 0 << qint64(300) << qint64(120)
                                  << "" << "Exited (0) 2 minutes ago";
        QTest::newRow("exited 137") << false << false << false << false << false << 137 << qint64(9000)
                                    << qint64(3600) << "" << "Exited (137) About an hour ago";
        QTest::newRow("created") << false << false << false << false << false << 0 << qint64(-1) << qint64(-1) << ""
                                 << "Created";
        QTest::newRow("removing") << false << false << false << true << false << 0 << qint64(10) << qint64(5) << ""
                                  << "Removal In Progress";
        QTest::newRow("dead") << false << false << false << false << true << 0 << qint64(10) << qint64(5) << ""
                              << "Dead";
        QTest::newRow("started, never finished") << false << false << false << false << false << 0 << qint64(10)
                                                 << qint64(-1) << "" << "";
    }
    void containerStatus()
    {
        QFETCH(bool, running);
        QFETCH(bool, paused);
        QFETCH(bool, restarting);
        QFETCH(bool, removing);
        QFETCH(bool, dead);
        QFETCH(int, exitCode);
        QFETCH(qint64, startedAgo);
        QFETCH(qint64, finishedAgo);
        QFETCH(QString, health);
        QFETCH(QString, expected);
        units::ContainerStatus s;
        s.running = running;
        s.paused = paused;
        s.restarting = restarting;
        s.removing = removing;
        s.dead = dead;
        s.exitCode = exitCode;
        if (startedAgo >= 0)
            s.startedAt = kNow - seconds(startedAgo);
        if (finishedAgo >= 0)
            s.finishedAt = kNow - seconds(finishedAgo);
        s.health = health.toStdString();
        QCOMPARE(QString::fromStdString(units::containerStatus(s, kNow)), expected);
    }
};

QTEST_APPLESS_MAIN(TestHumanDuration)
#include "tst_HumanDuration.moc"
