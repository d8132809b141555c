// SPDX-License-Identifier: GPL-3.0-or-later
// Networks and published ports through the real `strata` binary, as root:
// the notes' scenarios (note 003: a user network, ping by name; notes
// 000/004: a page served by busybox httpd opened from the host), Docker's
// refusals, and nothing of Strata's left in `ip link` / `iptables-save`.
#include "tests/support/TestSupport.h"
#include "tests/cli/LoopbackHttp.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest/QTest>

#include <arpa/inet.h>
#include <csignal>
#include <filesystem>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <set>
#include <sys/socket.h>
#include <unistd.h>

using strata::test::RunResult;
using strata::test::eventually;
using strata::test::freePort;
using strata::test::httpGet;
using strata::test::runProgram;
using strata::test::runStrata;

namespace {

bool contains(const std::string &hay, const std::string &needle)
{
    return hay.find(needle) != std::string::npos;
}

// The lines of `ip -o link` and `iptables-save` that could be Strata's (its
// bridges, veths, the CNI plugins' chains), without counters; strata0 (the
// default bridge) stays by design.
std::multiset<std::string> strataTraces()
{
    std::multiset<std::string> out;
    const auto keep = [&](const std::string &text, bool links) {
        std::size_t pos = 0;
        while (pos < text.size()) {
            auto nl = text.find('\n', pos);
            if (nl == std::string::npos)
                nl = text.size();
            std::string line = text.substr(pos, nl - pos);
            pos = nl + 1;
            if (line.empty() || line[0] == '#')
                continue;
            if (links) {
                // "7: vethab12@if3: <...> ..." -> the name only
                const auto c1 = line.find(": ");
                const auto c2 = line.find(':', c1 + 2);
                line = line.substr(c1 + 2, c2 - c1 - 2);
                if (line.rfind("veth", 0) != 0 && line.rfind("br-", 0) != 0)
                    continue; // strata0 (the default bridge) stays by design, as docker0 does
            } else {
                if (line[0] == ':') { // chain declaration: ":NAME POLICY [p:b]"
                    line = line.substr(0, line.find(' '));
                } else if (!contains(line, "CNI") && !contains(line, "cni") && !contains(line, "strata")) {
                    continue;
                }
                if (line[0] == ':' && !contains(line, "CNI"))
                    continue;
            }
            out.insert(line);
        }
    };
    keep(runProgram("ip", {"-o", "link", "show"}).out, true);
    keep(runProgram("iptables-save", {}).out, false);
    return out;
}

// "+ line" for each trace that appeared, "- line" for each that went.
std::string traceDiff(const std::multiset<std::string> &before, const std::multiset<std::string> &after)
{
    std::string diff;
    for (const auto &l : after)
        if (!before.count(l))
            diff += "+ " + l + "\n";
    for (const auto &l : before)
        if (!after.count(l))
            diff += "- " + l + "\n";
    return diff;
}

} // namespace

class TestCliNetworks : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    std::multiset<std::string> m_before;

    RunResult strata(QStringList args)
    {
        args.prepend(m_root.path());
        args.prepend(QStringLiteral("--root"));
        return runStrata(args, {}, 60000);
    }

    std::string containerIds() { return strata({"ps", "-aq"}).out; }

    static QString webScript() { return "mkdir -p /www && echo hello-from-$(hostname) > /www/index.html && exec httpd -f -p 80 -h /www"; }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: bridges, veths and iptables rules");
        if (!std::filesystem::exists("/bin/busybox"))
            QSKIP("needs /bin/busybox (busybox-static) for the builtin image");
        if (!std::filesystem::exists("/usr/lib/cni/bridge"))
            QSKIP("needs the CNI plugins in /usr/lib/cni (Debian's containernetworking-plugins)");
        if (runProgram("iptables-save", {}).exitCode != 0)
            QSKIP("iptables is refused here (no nat table / no CAP_NET_ADMIN): published ports cannot work");
        m_before = strataTraces();
        const RunResult c = strata({"network", "create", "--subnet", "10.231.0.0/24", "--label", "test=1", "testnet"});
        QVERIFY2(c.exitCode == 0, c.err.c_str());
    }

    void cleanupTestCase()
    {
        const RunResult ids = strata({"ps", "-aq"});
        if (!ids.out.empty())
            (void)strata(QStringList{"rm", "-f"} + QString::fromStdString(ids.out).trimmed().split('\n'));
        (void)strata({"network", "rm", "testnet"});
        (void)strata({"network", "prune", "-f"});
        if (::geteuid() == 0 && std::filesystem::exists("/usr/lib/cni/bridge")) {
            const std::string diff = traceDiff(m_before, strataTraces());
            QVERIFY2(diff.empty(), diff.c_str());
        }
    }

    void networkLsAndInspectShowDockersShape()
    {
        const RunResult ls = strata({"network", "ls"});
        QVERIFY2(contains(ls.out, "NETWORK ID     NAME      DRIVER    SCOPE\n"), ls.out.c_str());
        QVERIFY2(contains(ls.out, " testnet   bridge    local\n"), ls.out.c_str());
        QVERIFY2(contains(ls.out, " bridge    bridge    local\n"), ls.out.c_str());
        const RunResult q = strata({"network", "ls", "-q", "-f", "name=testnet"});
        QCOMPARE(q.out.size(), std::size_t{13});
        const auto j = nlohmann::ordered_json::parse(strata({"network", "inspect", "testnet"}).out).at(0);
        std::vector<std::string> keys;
        for (const auto &[k, v] : j.items())
            keys.push_back(k);
        QCOMPARE(keys, (std::vector<std::string>{"Name", "Id", "Created", "Scope", "Driver", "EnableIPv6", "IPAM",
                                                 "Internal", "Attachable", "Ingress", "ConfigFrom", "ConfigOnly",
                                                 "Containers", "Options", "Labels"}));
        QCOMPARE(j["IPAM"]["Config"][0]["Subnet"].get<std::string>(), std::string("10.231.0.0/24"));
        QCOMPARE(j["IPAM"]["Config"][0]["Gateway"].get<std::string>(), std::string("10.231.0.1"));
        QCOMPARE(j["Labels"]["test"].get<std::string>(), std::string("1"));
        const RunResult none = strata({"network", "inspect", "nope"});
        QCOMPARE(none.exitCode, 1);
        QCOMPARE(none.err, std::string("Error: No such network: nope\n"));
    }

    // Note 003: two containers on a user network reach each other by name and alias.
    void containersOnAUserNetworkResolveEachOther()
    {
        RunResult web = strata({"run", "-d", "--name", "web", "--network", "testnet", "--network-alias", "www",
                                "strata/busybox", "sh", "-c", webScript()});
        QVERIFY2(web.exitCode == 0, web.err.c_str());
        RunResult client = strata({"run", "--rm", "--network", "testnet", "strata/busybox", "sh", "-c",
                                   "ping -c1 -W3 web >/dev/null && echo pinged; "
                                   "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://www/ && break; sleep 0.3; done"});
        QVERIFY2(contains(client.out, "pinged\nhello-from-"), (client.out + client.err).c_str());
        // ... and the other way round, from inside web to a named peer.
        QVERIFY(strata({"run", "-d", "--name", "peer", "--network", "testnet", "strata/busybox", "sleep", "300"}).exitCode == 0);
        RunResult back = strata({"exec", "web", "ping", "-c1", "-W3", "peer"});
        QVERIFY2(back.exitCode == 0, (back.out + back.err).c_str());

        const auto j = nlohmann::json::parse(strata({"inspect", "web"}).out).at(0);
        const auto &ep = j["NetworkSettings"]["Networks"]["testnet"];
        const std::string ip = ep["IPAddress"];
        QVERIFY2(ip.rfind("10.231.0.", 0) == 0, ip.c_str());
        QCOMPARE(ep["Gateway"].get<std::string>(), std::string("10.231.0.1"));
        QCOMPARE(ep["IPPrefixLen"].get<int>(), 24);
        QVERIFY(ep["Aliases"].dump().find("www") != std::string::npos);
        QCOMPARE(ep["NetworkID"].get<std::string>().size(), std::size_t{64});
        QCOMPARE(j["HostConfig"]["NetworkMode"].get<std::string>(), std::string("testnet"));
        const auto n = nlohmann::json::parse(strata({"network", "inspect", "testnet"}).out).at(0);
        QCOMPARE(n["Containers"][j["Id"].get<std::string>()]["Name"].get<std::string>(), std::string("web"));
        QCOMPARE(n["Containers"][j["Id"].get<std::string>()]["IPv4Address"].get<std::string>(), ip + "/24");

        // A restart gives web a new address; its name follows it.
        QVERIFY(strata({"run", "-d", "--network", "testnet", "strata/busybox", "sleep", "300"}).exitCode == 0);
        QVERIFY(strata({"stop", "-t", "1", "web"}).exitCode == 0);
        QVERIFY(strata({"run", "-d", "--network", "testnet", "strata/busybox", "sleep", "300"}).exitCode == 0);
        QVERIFY(strata({"start", "web"}).exitCode == 0);
        const std::string ip2 = nlohmann::json::parse(strata({"inspect", "web"}).out).at(0)["NetworkSettings"]["Networks"]["testnet"]["IPAddress"];
        RunResult again = strata({"exec", "peer", "sh", "-c",
                                  "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://web/ && break; sleep 0.3; done"});
        QVERIFY2(contains(again.out, "hello-from-"), (again.out + again.err + " old " + ip + " new " + ip2).c_str());
    }

    void theDefaultBridgeHasNoNames()
    {
        RunResult r = strata({"run", "--rm", "strata/busybox", "sh", "-c", "ping -c1 -W2 web >/dev/null 2>&1 || echo unresolved; ip addr show eth0"});
        QVERIFY2(contains(r.out, "unresolved\n"), (r.out + r.err).c_str());
        QVERIFY2(contains(r.out, "172.30."), r.out.c_str());
    }

    // Notes 000/004: a page served in a container, opened from the host.
    void aPublishedPortAnswersTheHostUntilRm()
    {
        const int port = freePort();
        const QString spec = QStringLiteral("127.0.0.1:%1:80").arg(port);
        RunResult r = strata({"run", "-d", "--name", "site", "-p", spec, "strata/busybox", "sh", "-c", webScript()});
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        QVERIFY2(eventually([&] { return contains(httpGet(port), "hello-from-"); }), "no answer on the published port");
        const std::string p = strata({"port", "site"}).out;
        QCOMPARE(p, "80/tcp -> 127.0.0.1:" + std::to_string(port) + "\n");
        QCOMPARE(strata({"port", "site", "80"}).out, "127.0.0.1:" + std::to_string(port) + "\n");
        const std::string ps = strata({"ps", "--format", "{{.Names}} {{.Ports}}"}).out;
        QVERIFY2(contains(ps, "site 127.0.0.1:" + std::to_string(port) + "->80/tcp\n"), ps.c_str());
        const auto j = nlohmann::json::parse(strata({"inspect", "site"}).out).at(0);
        QCOMPARE(j["HostConfig"]["PortBindings"]["80/tcp"][0]["HostPort"].get<std::string>(), std::to_string(port));
        QCOMPARE(j["NetworkSettings"]["Ports"]["80/tcp"][0]["HostIp"].get<std::string>(), std::string("127.0.0.1"));
        QVERIFY(!j["NetworkSettings"]["IPAddress"].get<std::string>().empty()); // the default bridge fills these
        QCOMPARE(j["NetworkSettings"]["Gateway"].get<std::string>(), std::string("172.30.0.1"));

        QVERIFY(strata({"rm", "-f", "site"}).exitCode == 0);
        QVERIFY2(eventually([&] { return httpGet(port).empty(); }), "the port still answers after rm");
    }

    void publishAllTakesTheImagesExposedPorts()
    {
        QVERIFY(strata({"create", "--name", "base", "strata/busybox", "true"}).exitCode == 0);
        RunResult c = strata({"commit", "--change", "EXPOSE 80", "base", "exposed:1"});
        QVERIFY2(c.exitCode == 0, c.err.c_str());
        RunResult r = strata({"run", "-d", "--name", "all", "-P", "exposed:1", "sh", "-c", webScript()});
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        const std::string line = strata({"port", "all", "80/tcp"}).out;
        QVERIFY2(line.rfind("0.0.0.0:", 0) == 0, line.c_str());
        const int port = std::stoi(line.substr(8));
        QVERIFY(port > 0);
        QVERIFY2(eventually([&] { return contains(httpGet(port), "hello-from-"); }), "no answer on the -P port");
        QVERIFY(strata({"rm", "-f", "all", "base"}).exitCode == 0);
    }

    void removingANetworkInUseIsRefused()
    {
        QVERIFY(strata({"run", "-d", "--name", "holder", "--network", "testnet", "strata/busybox", "sleep", "300"}).exitCode == 0);
        RunResult r = strata({"network", "rm", "testnet"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(contains(r.err, "has active endpoints"), r.err.c_str());
        QVERIFY(strata({"network", "ls", "-q", "-f", "name=testnet"}).out.size() == 13);
        RunResult builtin = strata({"network", "rm", "bridge"});
        QVERIFY2(contains(builtin.err, "bridge is a pre-defined network and cannot be removed"), builtin.err.c_str());
    }

    void connectAndDisconnect()
    {
        QVERIFY(strata({"network", "create", "other"}).exitCode == 0);
        QVERIFY(strata({"network", "connect", "--alias", "second", "other", "holder"}).exitCode == 0);
        auto j = nlohmann::json::parse(strata({"inspect", "holder"}).out).at(0);
        QVERIFY(!j["NetworkSettings"]["Networks"]["other"]["IPAddress"].get<std::string>().empty());
        RunResult r = strata({"run", "--rm", "--network", "other", "strata/busybox", "ping", "-c1", "-W3", "second"});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).c_str());
        QVERIFY(strata({"network", "disconnect", "other", "holder"}).exitCode == 0);
        j = nlohmann::json::parse(strata({"inspect", "holder"}).out).at(0);
        QVERIFY(!j["NetworkSettings"]["Networks"].contains("other"));
        QVERIFY(strata({"network", "rm", "other"}).exitCode == 0);
    }

    // A container that dies while no strata process runs: its endpoint (veth,
    // address, rules) goes at the next engine start, whatever the verb.
    void anEndpointLeftBehindIsReleasedAtTheNextStart()
    {
        QVERIFY(strata({"run", "-d", "--name", "doomed", "--network", "testnet", "strata/busybox", "sleep", "300"}).exitCode == 0);
        const auto j = nlohmann::json::parse(strata({"inspect", "doomed"}).out).at(0);
        const std::string id = j["Id"];
        const int pid = j["State"]["Pid"];
        QVERIFY(pid > 0);
        QVERIFY(::kill(pid, SIGKILL) == 0);
        const auto endpoint = std::filesystem::path(m_root.path().toStdString()) / "networks/endpoints" / (id + ".json");
        QVERIFY(std::filesystem::exists(endpoint));
        QVERIFY(eventually([&] {
            (void)strata({"network", "ls"}); // a verb that reads no container: the engine's start cleans up
            return !std::filesystem::exists(endpoint);
        }));
        QVERIFY(!std::filesystem::exists("/run/strata/netns/" + id));
        const auto n = nlohmann::json::parse(strata({"network", "inspect", "testnet"}).out).at(0);
        QVERIFY(!n["Containers"].contains(id));
    }

    // Docker's refusals (checked against Docker 20.10): exit 125 for run,
    // nothing created: no container, no network, no link, no iptables rule.
    void badInputCreatesNothing()
    {
        const std::string before = containerIds();
        const std::string networksBefore = strata({"network", "ls", "-q"}).out;
        const auto tracesBefore = strataTraces();
        RunResult o = strata({"network", "create", "--subnet", "10.231.0.128/25", "overlap"});
        QCOMPARE(o.exitCode, 1);
        QCOMPARE(o.err, std::string("Error: Pool overlaps with other one on this address space\n"));
        QCOMPARE(strata({"network", "ls", "-q"}).out, networksBefore);

        // A port a host socket holds, and one another container publishes.
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
        ::listen(fd, 1);
        socklen_t len = sizeof a;
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
        const std::string held = std::to_string(ntohs(a.sin_port));
        const std::string taken = std::to_string(freePort());
        const RunResult holder = strata({"run", "-d", "--name", "portholder", "-p",
                                         QString::fromStdString("127.0.0.1:" + taken + ":80"), "strata/busybox",
                                         "sleep", "300"});
        QVERIFY2(holder.exitCode == 0, holder.err.c_str());
        const std::string holderId = holder.out;
        const std::string endpoint = "driver failed programming external connectivity on endpoint [a-z0-9_]+ "
                                     "\\([0-9a-f]{64}\\): ";
        const struct {
            QStringList flags;
            std::string message; // a regular expression when it starts with ^
        } cases[] = {
            {{"-p", QString::fromStdString("127.0.0.1:" + held + ":80")},
             "^Error: " + endpoint + "Error starting userland proxy: listen tcp4 127\\.0\\.0\\.1:" + held +
                 ": bind: address already in use\n$"},
            {{"-p", QString::fromStdString("127.0.0.1:" + taken + ":80")},
             "^Error: " + endpoint + "Bind for 127\\.0\\.0\\.1:" + taken + " failed: port is already allocated\n$"},
            {{"-p", "abc"}, "Error: Invalid containerPort: abc\n"},
            {{"-p", "8080:80/xyz"}, "Error: Invalid proto: xyz\n"},
            {{"-p", "8080:"}, "Error: No port specified: 8080:<empty>\n"},
            {{"-p", "1.2.3:80:80"}, "Error: Invalid ip address: 1.2.3\n"},
            {{"-p", "99999:80"}, "Error: Invalid hostPort: 99999\n"},
            {{"-p", "80:65536"}, "Error: Invalid containerPort: 65536\n"},
            {{"--network", "nope"}, "Error: network nope not found\n"},
            {{"--network", "testnet", "--ip", "10.9.9.9"},
             "Error: Invalid address 10.9.9.9: It does not belong to any of this network's subnets\n"},
            {{"--network", "testnet", "--ip", "10.231.0.1"}, "Error: Address already in use\n"},
            {{"--network", "testnet", "--ip", "nope"}, "Error: invalid IPv4 address: nope\n"},
            {{"--ip", "172.30.9.9"}, "Error: user specified IP address is supported on user defined networks only\n"},
        };
        for (const auto &c : cases) {
            RunResult r = strata(QStringList{"run", "--rm"} + c.flags + QStringList{"strata/busybox", "true"});
            QCOMPARE(r.exitCode, 125);
            if (c.message[0] == '^')
                QVERIFY2(QRegularExpression(QString::fromStdString(c.message)).match(QString::fromStdString(r.err)).hasMatch(),
                         r.err.c_str());
            else
                QCOMPARE(r.err, c.message);
        }
        ::close(fd);
        QCOMPARE(containerIds(), holderId.substr(0, 12) + "\n" + before);
        QCOMPARE(strata({"rm", "-f", "portholder"}).exitCode, 0);
        QCOMPARE(containerIds(), before);
        QCOMPARE(strata({"network", "ls", "-q"}).out, networksBefore);
        // Other stores' containers (other suites, running meanwhile) change the
        // host's rules too: only lines naming what the refused runs asked for count.
        const auto ours = [&](std::multiset<std::string> traces) {
            std::erase_if(traces, [&](const std::string &l) {
                return !contains(l, held) && !contains(l, taken) && !contains(l, "10.231.") &&
                       !contains(l, "10.9.9.9") && !contains(l, "172.30.9.9");
            });
            return traces;
        };
        const std::string diff = traceDiff(ours(tracesBefore), ours(strataTraces()));
        QVERIFY2(diff.empty(), diff.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCliNetworks)
#include "tst_CliNetworks.moc"
