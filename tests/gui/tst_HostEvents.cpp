// SPDX-License-Identifier: GPL-3.0-or-later
// A host's event messages as the scenes get them (core/HostEvents): Docker's
// and Podman's shapes of create/start/die/pause/unpause/commit/destroy map
// onto the engine's own events with the state a container came from; what
// the scenes do not draw maps to nothing. And the reconnect backoff.
#include "core/HostEvents.h"
#include "core/HostWorker.h"

#include <QTest>

using namespace strata::gui;
using strata::engine::events::EventKind;
using nlohmann::json;

namespace {

json message(const std::string &type, const std::string &action, json attrs, const std::string &id = "c0ffee")
{
    return {{"Type", type}, {"Action", action}, {"Actor", {{"ID", id}, {"Attributes", std::move(attrs)}}},
            {"time", 1700000000}, {"timeNano", 1700000000123456789LL}};
}

} // namespace

class tst_HostEvents : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dockerLifecycle()
    {
        HostEventMapper m;
        auto e = m.map(message("container", "create", {{"name", "web"}, {"image", "nginx"}}));
        QCOMPARE(e.size(), std::size_t{1});
        QCOMPARE(e[0].kind, EventKind::ContainerCreated);
        QCOMPARE(e[0].id, std::string("c0ffee"));
        QCOMPARE(e[0].attrs["name"].get<std::string>(), std::string("web"));
        QCOMPARE(e[0].attrs["image"].get<std::string>(), std::string("nginx"));

        e = m.map(message("container", "start", {{"name", "web"}}));
        QCOMPARE(e.size(), std::size_t{2});
        QCOMPARE(e[0].kind, EventKind::ContainerStateChanged);
        QCOMPARE(e[0].attrs["from"].get<std::string>(), std::string("created"));
        QCOMPARE(e[0].attrs["to"].get<std::string>(), std::string("running"));
        QCOMPARE(e[1].kind, EventKind::ProcessStarted);
        QVERIFY(!e[1].attrs.contains("pid")); // a host's PID is nothing this machine may kill

        e = m.map(message("container", "pause", {{"name", "web"}}));
        QCOMPARE(e[0].attrs["from"].get<std::string>(), std::string("running"));
        QCOMPARE(e[0].attrs["to"].get<std::string>(), std::string("paused"));
        e = m.map(message("container", "unpause", {{"name", "web"}}));
        QCOMPARE(e[0].attrs["from"].get<std::string>(), std::string("paused"));

        e = m.map(message("container", "die", {{"name", "web"}, {"exitCode", "137"}}));
        QCOMPARE(e.size(), std::size_t{2});
        QCOMPARE(e[0].kind, EventKind::ProcessExited);
        QCOMPARE(e[0].attrs["exitCode"].get<int>(), 137);
        QCOMPARE(e[1].attrs["to"].get<std::string>(), std::string("exited"));

        e = m.map(message("container", "commit", {{"name", "web"}, {"imageID", "sha256:ab"}, {"imageRef", "web:2"}}));
        QCOMPARE(e[0].kind, EventKind::ContainerCommitted);
        QCOMPARE(e[0].attrs["image"].get<std::string>(), std::string("sha256:ab"));
        QCOMPARE(e[0].attrs["name"].get<std::string>(), std::string("web:2"));

        e = m.map(message("container", "destroy", {{"name", "web"}}));
        QCOMPARE(e[0].kind, EventKind::ContainerRemoved);
        QCOMPARE(e[0].time.time_since_epoch().count(), 1700000000123456789LL);
    }

    void podmanShapes()
    {
        HostEventMapper m;
        m.seed("c0ffee", "exited"); // read from the lists before the stream opened
        auto e = m.map(message("container", "start", {{"name", "old"}}));
        QCOMPARE(e[0].attrs["from"].get<std::string>(), std::string("exited"));
        e = m.map(message("container", "died", {{"name", "old"}})); // not Docker's word: nothing
        QVERIFY(e.empty());
        e = m.map(message("container", "die", {{"name", "old"}, {"containerExitCode", "3"}}));
        QCOMPARE(e[0].attrs["exitCode"].get<int>(), 3);
        e = m.map(message("container", "remove", {{"name", "old"}}));
        QCOMPARE(e[0].kind, EventKind::ContainerRemoved);
        // Older messages: the action in "status", the id at the top.
        e = m.map(json{{"status", "create"}, {"id", "beef"}, {"Type", "container"}, {"Actor", {{"Attributes", {{"name", "n"}}}}}});
        QCOMPARE(e.size(), std::size_t{1});
        QCOMPARE(e[0].id, std::string("beef"));
    }

    void whatScenesDoNotDrawMapsToNothing()
    {
        HostEventMapper m;
        QVERIFY(m.map(message("container", "attach", {})).empty());
        QVERIFY(m.map(message("container", "exec_die", {})).empty());
        QVERIFY(m.map(message("network", "prune", {})).empty());
        QVERIFY(m.map(json::array()).empty());
        QCOMPARE(m.map(message("image", "tag", {{"name", "a:1"}}))[0].kind, EventKind::ImageTagged);
        QCOMPARE(m.map(message("volume", "create", {{"driver", "local"}}))[0].kind, EventKind::VolumeCreated);
    }

    // Docker's network events reach the network scene (HostWorker completes
    // them with subnet, gateway and address from the host's inspect).
    void networkEventsMapToTheEnginesOwn()
    {
        HostEventMapper m;
        auto e = m.map(message("network", "create", {{"name", "web"}, {"type", "bridge"}}, "n1"));
        QCOMPARE(e.size(), std::size_t{1});
        QCOMPARE(e[0].kind, EventKind::NetworkCreated);
        QCOMPARE(e[0].id, std::string("n1"));
        QCOMPARE(e[0].attrs["name"].get<std::string>(), std::string("web"));
        QCOMPARE(e[0].attrs["type"].get<std::string>(), std::string("bridge"));
        e = m.map(message("network", "connect", {{"name", "web"}, {"type", "bridge"}, {"container", "c1"}}, "n1"));
        QCOMPARE(e[0].kind, EventKind::NetworkConnected);
        QCOMPARE(e[0].attrs["container"].get<std::string>(), std::string("c1"));
        QCOMPARE(m.map(message("network", "disconnect", {{"container", "c1"}}, "n1"))[0].kind,
                 EventKind::NetworkDisconnected);
        QCOMPARE(m.map(message("network", "destroy", {{"name", "web"}}, "n1"))[0].kind, EventKind::NetworkRemoved);
        QCOMPARE(m.map(message("network", "remove", {{"name", "web"}}, "n1"))[0].kind, EventKind::NetworkRemoved);
    }

    void backoffGrowsToHalfAMinute()
    {
        QCOMPARE(HostWorker::backoffSeconds(1), 1);
        QCOMPARE(HostWorker::backoffSeconds(2), 2);
        QCOMPARE(HostWorker::backoffSeconds(5), 16);
        QCOMPARE(HostWorker::backoffSeconds(6), 30);
        QCOMPARE(HostWorker::backoffSeconds(60), 30);
    }
};

QTEST_MAIN(tst_HostEvents)
#include "tst_HostEvents.moc"
