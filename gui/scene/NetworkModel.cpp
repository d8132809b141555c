// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/NetworkModel.h"

#include <QUrl>

#include <algorithm>

namespace strata::gui {

namespace {

template <class Json>
QString text(const Json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->template get<std::string>()) : QString();
}

} // namespace

const NetModel::Net *NetModel::net(const QString &idOrName) const
{
    for (const Net &n : nets)
        if (n.id == idOrName || n.name == idOrName)
            return &n;
    return nullptr;
}

NetModel::Ctr *NetModel::ctr(const QString &id)
{
    for (Ctr &c : ctrs)
        if (c.id == id)
            return &c;
    return nullptr;
}

const NetModel::Ctr *NetModel::ctr(const QString &id) const
{
    return const_cast<NetModel *>(this)->ctr(id);
}

const NetModel::Ctr *NetModel::ctrByName(const QString &name) const
{
    for (const Ctr &c : ctrs)
        if (c.name == name || (name.size() >= 4 && c.id.startsWith(name)))
            return &c;
    return nullptr;
}

void NetModel::addNet(const Net &n)
{
    for (Net &known : nets)
        if (known.id == n.id || known.name == n.name) {
            known = n;
            return;
        }
    if (n.isDefault())
        nets.prepend(n);
    else
        nets << n;
}

void NetModel::removeNet(const QString &id)
{
    nets.removeIf([&](const Net &n) { return n.id == id; });
    for (Ctr &c : ctrs)
        c.endpoints.removeIf([&](const Endpoint &e) { return e.networkId == id; });
    ctrs.removeIf([](const Ctr &c) { return c.endpoints.isEmpty(); });
}

void NetModel::attach(const QString &ctrId, const QString &name, const Endpoint &e)
{
    Ctr *c = ctr(ctrId);
    if (!c) {
        ctrs << Ctr{ctrId, name, {}, {}};
        c = &ctrs.last();
    }
    if (!name.isEmpty())
        c->name = name;
    for (Endpoint &known : c->endpoints)
        if (known.networkId == e.networkId) {
            known.ip = e.ip.isEmpty() ? known.ip : e.ip;
            known.ifname = e.ifname.isEmpty() ? known.ifname : e.ifname;
            return;
        }
    c->endpoints << e;
}

void NetModel::detach(const QString &ctrId, const QString &networkId)
{
    if (Ctr *c = ctr(ctrId)) {
        c->endpoints.removeIf([&](const Endpoint &e) { return e.networkId == networkId; });
        if (c->endpoints.isEmpty()) // stopped or removed: the DNAT rules went with the last endpoint
            ctrs.removeIf([&](const Ctr &k) { return k.id == ctrId; });
    }
}

void NetModel::publish(const QString &ctrId, const Port &p)
{
    if (Ctr *c = ctr(ctrId)) {
        for (const Port &known : c->ports)
            if (known.port == p.port && known.hostPort == p.hostPort && known.hostIp == p.hostIp)
                return;
        c->ports << p;
    }
}

void NetModel::adopt(const EngineSnapshot &s)
{
    NetModel fresh;
    for (const auto &j : s.networks) {
        if (text(j, "Driver") != QLatin1String("bridge"))
            continue;
        Net n;
        n.id = text(j, "Id");
        n.name = text(j, "Name");
        if (const auto ipam = j.find("IPAM"); ipam != j.end() && ipam->is_object() && ipam->contains("Config") &&
                                              (*ipam)["Config"].is_array() && !(*ipam)["Config"].empty()) {
            n.subnet = text((*ipam)["Config"][0], "Subnet");
            n.gateway = text((*ipam)["Config"][0], "Gateway");
        }
        if (const auto o = j.find("Options"); o != j.end() && o->is_object())
            n.bridge = text(*o, "com.docker.network.bridge.name");
        if (n.bridge.isEmpty())
            n.bridge = QStringLiteral("br-") + n.id.left(12); // how the engine names a user network's bridge
        fresh.addNet(n);
    }
    // Endpoints in the order this model saw them attach, new ones after.
    auto endpointsOf = [&](const QString &netId, const auto &list) {
        for (const auto &[cid, c] : list.items()) {
            QString ip = text(c, "IPv4Address");
            ip = ip.section('/', 0, 0);
            const QString id = QString::fromStdString(cid);
            QString ifname;
            if (const Ctr *old = ctr(id))
                for (const Endpoint &e : old->endpoints)
                    if (e.networkId == netId)
                        ifname = e.ifname;
            fresh.attach(id, text(c, "Name"), Endpoint{netId, ip, ifname});
        }
    };
    for (const auto &j : s.networks)
        if (text(j, "Driver") == QLatin1String("bridge") && j.contains("Containers") && j["Containers"].is_object())
            endpointsOf(text(j, "Id"), j["Containers"]);
    QList<Ctr> ordered;
    for (const Ctr &old : ctrs)
        if (const Ctr *c = fresh.ctr(old.id))
            ordered << *c;
    for (const Ctr &c : fresh.ctrs)
        if (!ctr(c.id))
            ordered << c;
    fresh.ctrs = ordered;
    for (Ctr &c : fresh.ctrs) {
        if (c.endpoints.size() == 1 && c.endpoints[0].ifname.isEmpty())
            c.endpoints[0].ifname = QStringLiteral("eth0"); // the first network is always eth0
        const auto it = s.containerInspect.find(c.id.toStdString());
        if (it == s.containerInspect.end())
            continue;
        const auto j = nlohmann::json::parse(it->second, nullptr, false);
        if (!j.is_object() || !j.contains("NetworkSettings") || !j["NetworkSettings"].contains("Ports") ||
            !j["NetworkSettings"]["Ports"].is_object())
            continue;
        for (const auto &[port, bindings] : j["NetworkSettings"]["Ports"].items())
            if (bindings.is_array())
                for (const auto &b : bindings)
                    fresh.publish(c.id, Port{QString::fromStdString(port), text(b, "HostIp"), text(b, "HostPort")});
    }
    // The order of the networks this model already drew stays.
    QList<Net> nets2;
    for (const Net &old : nets)
        if (const Net *n = fresh.net(old.id))
            nets2 << *n;
    for (const Net &n : fresh.nets)
        if (!net(n.id))
            nets2 << n;
    std::stable_partition(nets2.begin(), nets2.end(), [](const Net &n) { return n.isDefault(); });
    fresh.nets = nets2;
    *this = fresh;
}

NetModel::Route NetModel::route(const QString &fromId, const QStringList &args) const
{
    static const QStringList tools = {QStringLiteral("ping"), QStringLiteral("wget"), QStringLiteral("curl"),
                                      QStringLiteral("nc"), QStringLiteral("nslookup"), QStringLiteral("telnet")};
    Route r;
    const Ctr *from = ctr(fromId);
    if (!from || args.isEmpty())
        return r;
    // `sh -c "ping -c 1 b"` too: the words of the script.
    QStringList words = args;
    static const QStringList shells = {QStringLiteral("sh"), QStringLiteral("bash"), QStringLiteral("ash")};
    if (words.size() >= 3 && shells.contains(words[0].section('/', -1)) && words[1] == QLatin1String("-c"))
        words = words.mid(2).join(' ').split(' ', Qt::SkipEmptyParts);
    const qsizetype tool = std::find_if(words.begin(), words.end(), [&](const QString &w) {
                               return tools.contains(w.section('/', -1));
                           }) - words.begin();
    if (tool >= words.size())
        return r;
    // The destination: the first word after the tool that is not an option or its value.
    for (qsizetype i = tool + 1; i < words.size(); ++i) {
        const QString w = words[i];
        if (w.startsWith('-')) {
            if (w.size() == 2 && QStringLiteral("cCWwOTtpPUY").contains(w[1]))
                ++i; // an option with a value (-c 1, -O -, -W 2)
            continue;
        }
        if (w == QLatin1String(";") || w == QLatin1String("&&") || w == QLatin1String("|"))
            break;
        QString host = w;
        if (host.contains(QLatin1String("://")))
            host = QUrl(host).host();
        host = host.section('/', 0, 0).section(':', 0, 0);
        r.target = host;
        break;
    }
    if (r.target.isEmpty())
        return r;
    for (const Ctr &c : ctrs) {
        if (c.id == fromId)
            continue;
        const bool byName = c.name == r.target || c.id.startsWith(r.target);
        for (const Endpoint &e : c.endpoints) {
            const bool byIp = e.ip == r.target;
            if (!byName && !byIp)
                continue;
            for (const Endpoint &mine : from->endpoints) {
                if (mine.networkId != e.networkId)
                    continue;
                const Net *n = net(e.networkId);
                if (byName && !byIp && n && n->isDefault()) {
                    r.unresolved = true; // no peer lines in /etc/hosts on the default bridge
                    r.toId = c.id;
                    continue;
                }
                r.toId = c.id;
                r.networkId = e.networkId;
                r.unresolved = false;
                return r;
            }
        }
    }
    return r;
}

} // namespace strata::gui
