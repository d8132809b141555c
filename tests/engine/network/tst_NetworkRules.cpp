// SPDX-License-Identifier: GPL-3.0-or-later
// The parts of networking that need no kernel: Docker's -p grammar and
// messages, the PORTS/port texts, subnets, and the network store's rules
// (names, overlaps, gateways, built-ins) on a temporary root.
#include "engine/Error.h"
#include "engine/network/Ipv4.h"
#include "engine/network/NetworkStore.h"
#include "engine/network/Ports.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace strata::engine;
using namespace strata::engine::network;

namespace {

std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e.message();
    }
    return "(no error)";
}

} // namespace

class TestNetworkRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void portFlagsParseAsDocker()
    {
        auto b = parsePortFlag("127.0.0.1:18088:80");
        QCOMPARE(b.hostIp, std::string("127.0.0.1"));
        QCOMPARE(b.hostPort, std::string("18088"));
        QCOMPARE(b.containerPort, 80);
        QCOMPARE(b.key(), std::string("80/tcp"));
        b = parsePortFlag("8080:53/udp");
        QCOMPARE(b.hostIp, std::string());
        QCOMPARE(b.hostPort, std::string("8080"));
        QCOMPARE(b.key(), std::string("53/udp"));
        b = parsePortFlag("80");
        QCOMPARE(b.hostPort, std::string()); // ephemeral
        b = parsePortFlag("127.0.0.1::80");
        QCOMPARE(b.hostIp, std::string("127.0.0.1"));
        QCOMPARE(b.hostPort, std::string());
    }

    void malformedPortFlagsGetDockersMessages()
    {
        QCOMPARE(errorOf([] { (void)parsePortFlag("abc"); }), std::string("Invalid containerPort: abc"));
        QCOMPARE(errorOf([] { (void)parsePortFlag("99999:80"); }), std::string("Invalid hostPort: 99999"));
        QCOMPARE(errorOf([] { (void)parsePortFlag("80/xyz"); }), std::string("Invalid proto: xyz"));
        QCOMPARE(errorOf([] { (void)parsePortFlag("1.2.3:80:80"); }), std::string("Invalid ip address: 1.2.3"));
    }

    void portsPrintAsDockerPrintsThem()
    {
        Json ports = {{"80/tcp", Json::array({{{"HostIp", "127.0.0.1"}, {"HostPort", "18088"}}})}, {"443/tcp", nullptr}};
        QCOMPARE(displayPorts(ports), std::string("127.0.0.1:18088->80/tcp, 443/tcp"));
        QCOMPARE(portLines(ports), std::vector<std::string>{"80/tcp -> 127.0.0.1:18088"});
        QCOMPARE(portLines(ports, "80"), std::vector<std::string>{"127.0.0.1:18088"});
        QVERIFY(portLines(ports, "81").empty());
    }

    void subnetsOverlapAndContain()
    {
        const auto a = parseSubnet("172.18.5.9/16");
        QVERIFY(a);
        QCOMPARE(a->text(), std::string("172.18.0.0/16")); // host bits cleared
        QVERIFY(a->overlaps(*parseSubnet("172.18.3.0/24")));
        QVERIFY(!a->overlaps(*parseSubnet("172.19.0.0/16")));
        QVERIFY(a->contains(*parseIpv4("172.18.200.1")));
        QVERIFY(!parseSubnet("172.18.0.0"));
        QVERIFY(!parseSubnet("300.1.1.1/8"));
        QVERIFY(!parseSubnet("10.0.0.0/33"));
    }

    void theStoreKeepsDockersRules()
    {
        QTemporaryDir dir;
        store::StoreLayout layout(dir.path().toStdString());
        layout.create();
        NetworkStore s(layout);
        const auto names = [&] {
            std::vector<std::string> out;
            for (const auto &n : s.list())
                out.push_back(n.name);
            return out;
        };
        QCOMPARE(names(), (std::vector<std::string>{"bridge", "host", "none"}));
        QCOMPARE(s.get("bridge").bridge, std::string(kDefaultBridge));

        const Network a = s.create({"app", "", "10.77.0.0/16", "", false, {{"k", "v"}}, {}});
        QCOMPARE(a.gateway, std::string("10.77.0.1"));
        QCOMPARE(a.bridge, "br-" + a.id.substr(0, 12));
        QCOMPARE(s.get(a.id.substr(0, 6)).name, std::string("app"));
        QCOMPARE(errorOf([&] { (void)s.create({"app", "", "", "", false, {}, {}}); }),
                 std::string("network with name app already exists"));
        QCOMPARE(errorOf([&] { (void)s.create({"b", "", "10.77.8.0/24", "", false, {}, {}}); }),
                 std::string("Pool overlaps with other one on this address space"));
        QCOMPARE(errorOf([&] { (void)s.create({"b", "", "10.78.0.0/16", "10.79.0.1", false, {}, {}}); }),
                 std::string("no matching subnet for gateway 10.79.0.1"));
        QCOMPARE(errorOf([&] { (void)s.create({"b", "", "nonsense", "", false, {}, {}}); }),
                 std::string("invalid CIDR address: nonsense"));
        QCOMPARE(errorOf([&] { (void)s.create({"b", "overlay", "", "", false, {}, {}}); }),
                 std::string("plugin \"overlay\" not found"));
        QCOMPARE(errorOf([&] { (void)s.get("nope"); }), std::string("network nope not found"));

        const Network auto1 = s.create({"auto", "", "", "", false, {}, {}});
        QVERIFY(!parseSubnet(auto1.subnet)->overlaps(*parseSubnet(a.subnet)));
        QCOMPARE(names(), (std::vector<std::string>{"bridge", "host", "none", "app", "auto"}));
        s.remove(a.id);
        QVERIFY(!s.find("app"));
    }
};

QTEST_APPLESS_MAIN(TestNetworkRules)
#include "tst_NetworkRules.moc"
