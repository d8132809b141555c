// SPDX-License-Identifier: GPL-3.0-or-later
// The container record, store and lifecycle rules without running anything:
// config.v2.json round trip, Docker's name/id resolution, refusals, caps.
#include "engine/Error.h"
#include "engine/container/ContainerCaps.h"
#include "engine/container/ContainerStore.h"
#include "engine/container/Signals.h"
#include "engine/util/Fs.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <csignal>
#include <regex>

using namespace strata::engine;
using namespace strata::engine::container;

namespace {

Record sampleRecord(const ContainerStore &store, const std::string &name, const std::string &created)
{
    Record r;
    r.id = store.newId();
    r.name = "/" + name;
    r.created = created;
    r.path = "sh";
    r.args = {"-c", "echo hi"};
    r.image = "sha256:" + std::string(64, 'a');
    r.driver = "overlay";
    r.config.image = "strata/busybox";
    r.config.env = {"PATH=/bin"};
    r.config.cmd = {"sh", "-c", "echo hi"};
    r.hostConfig.capAdd = {"NET_ADMIN"};
    r.mounts.push_back({"volume", "data", "/v/data/_data", "/data", "local", "z", true, ""});
    return r;
}

std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestContainerRecord : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void recordRoundTripsThroughDockerShape()
    {
        QTemporaryDir dir;
        ContainerStore store(std::filesystem::path(dir.path().toStdString()) / "containers", dir.path().toStdString());
        Record r = sampleRecord(store, "web", "2026-01-01T00:00:00Z");
        r.state.status = Status::Exited;
        r.state.exitCode = 137;
        r.state.startedAt = "2026-01-01T00:00:01Z";
        store.save(r);
        const auto j = nlohmann::json::parse(strata::engine::fsutil::readFile(store.configFile(r.id)));
        QCOMPARE(j["ID"].get<std::string>(), r.id);
        QCOMPARE(j["Name"].get<std::string>(), std::string("/web"));
        QCOMPARE(j["State"]["Status"].get<std::string>(), std::string("exited"));
        QCOMPARE(j["State"]["ExitCode"].get<int>(), 137);
        QCOMPARE(j["State"]["FinishedAt"].get<std::string>(), std::string(kZeroTime));
        QVERIFY(j["State"]["Running"] == false);
        QCOMPARE(j["HostConfig"]["CapAdd"][0].get<std::string>(), std::string("NET_ADMIN"));
        QVERIFY(j["MountPoints"].contains("/data"));
        const Record back = store.load(r.id);
        QCOMPARE(back.toJson().dump(), r.toJson().dump());
        QCOMPARE(back.mounts.size(), std::size_t(1));
        QCOMPARE(back.mounts[0].destination, std::string("/data"));
    }

    void resolvesLikeDocker()
    {
        QTemporaryDir dir;
        ContainerStore store(std::filesystem::path(dir.path().toStdString()) / "containers", dir.path().toStdString());
        Record a = sampleRecord(store, "alpha", "2026-01-01T00:00:00Z");
        a.id = "abc" + a.id.substr(3);
        Record b = sampleRecord(store, "beta", "2026-01-02T00:00:00Z");
        b.id = "abd" + b.id.substr(3);
        store.save(a);
        store.save(b);
        QCOMPARE(store.resolve(a.id), a.id);
        QCOMPARE(store.resolve("alpha"), a.id);
        QCOMPARE(store.resolve("/beta"), b.id);
        QCOMPARE(store.resolve("abc"), a.id);
        QCOMPARE(store.resolve(b.id.substr(0, 12)), b.id);
        QCOMPARE(errorOf([&] { (void)store.resolve("ab"); }), std::string("multiple IDs found with provided prefix: ab"));
        QCOMPARE(errorOf([&] { (void)store.resolve("nope"); }), std::string("No such container: nope"));
        // Newest first.
        QCOMPARE(store.list().front().id, b.id);
        const std::string taken = errorOf([&] { store.checkName("alpha"); });
        QVERIFY2(taken.find("Conflict. The container name \"/alpha\" is already in use by container \"" + a.id) == 0,
                 taken.c_str());
        QVERIFY(errorOf([&] { store.checkName("alpha", a.id); }).empty());
        QVERIFY(errorOf([&] { store.checkName("-bad"); }).find("Invalid container name (-bad)") == 0);
        store.removeDir(a.id);
        QVERIFY(!std::filesystem::exists(store.dir(a.id)));
        QCOMPARE(errorOf([&] { (void)store.resolve("alpha"); }), std::string("No such container: alpha"));
    }

    void idsAndNamesHaveDockersShape()
    {
        QTemporaryDir dir;
        ContainerStore store(std::filesystem::path(dir.path().toStdString()) / "containers", dir.path().toStdString());
        const std::regex hex("^[0-9a-f]{64}$"), name("^[a-z]+_[a-z]+[0-9]?$");
        for (int i = 0; i < 20; ++i) {
            QVERIFY(std::regex_match(store.newId(), hex));
            QVERIFY(std::regex_match(store.newName(), name));
        }
    }

    void transitionsFollowDocker()
    {
        const std::string id(64, 'f');
        State s;
        s.status = Status::Running;
        QCOMPARE(errorOf([&] { checkTransition(s, Verb::Remove, id); }),
                 "You cannot remove a running container " + id +
                     ". Stop the container before attempting removal or force remove");
        QVERIFY(allowed(s, Verb::ForceRemove));
        QVERIFY(allowed(s, Verb::Pause));
        QCOMPARE(errorOf([&] { checkTransition(s, Verb::Unpause, id); }), "Container " + id + " is not paused");
        s.status = Status::Paused;
        QCOMPARE(errorOf([&] { checkTransition(s, Verb::Start, id); }),
                 std::string("cannot start a paused container, try unpause instead"));
        QCOMPARE(errorOf([&] { checkTransition(s, Verb::Pause, id); }), "Container " + id + " is already paused");
        QVERIFY(errorOf([&] { checkTransition(s, Verb::Exec, id); }).find("is paused, unpause the container") !=
                std::string::npos);
        QVERIFY(errorOf([&] { checkTransition(s, Verb::Remove, id); }).find("You cannot remove a paused container") ==
                0);
        s.status = Status::Exited;
        QVERIFY(allowed(s, Verb::Remove));
        QVERIFY(allowed(s, Verb::Start));
        QCOMPARE(errorOf([&] { checkTransition(s, Verb::Pause, id); }), "Container " + id + " is not running");
        QCOMPARE(errorOf([&] { checkTransition(s, Verb::Kill, id, "web"); }),
                 "Cannot kill container: web: Container " + id + " is not running");
        QCOMPARE(errorOf([&] { checkTransition(s, Verb::Attach, id); }),
                 std::string("You cannot attach to a stopped container, start it first"));
        s.status = Status::Created;
        QVERIFY(allowed(s, Verb::Start));
        QVERIFY(!allowed(s, Verb::Top));
    }

    void capabilitiesAndSignals()
    {
        const auto def = effectiveCapabilities({}, {});
        QCOMPARE(def.size(), std::size_t(14));
        QCOMPARE(def.front(), std::string("CAP_CHOWN"));
        auto more = effectiveCapabilities({"net_admin"}, {"CAP_CHOWN"});
        QVERIFY(std::find(more.begin(), more.end(), "CAP_NET_ADMIN") != more.end());
        QVERIFY(std::find(more.begin(), more.end(), "CAP_CHOWN") == more.end());
        QCOMPARE(effectiveCapabilities({"KILL"}, {"ALL"}), std::vector<std::string>{"CAP_KILL"});
        QVERIFY(errorOf([] { (void)effectiveCapabilities({"BOGUS"}, {}); }).find("unknown capability") == 0);
        QCOMPARE(parseSignal("KILL"), SIGKILL);
        QCOMPARE(parseSignal("sigterm"), SIGTERM);
        QCOMPARE(parseSignal("15"), SIGTERM);
        QCOMPARE(errorOf([] { (void)parseSignal("NOPE"); }), std::string("Invalid signal: NOPE"));
    }
};

QTEST_GUILESS_MAIN(TestContainerRecord)
#include "tst_ContainerRecord.moc"
