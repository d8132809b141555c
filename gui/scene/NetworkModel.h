// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the network scene draws, as plain data: the bridge networks (name,
// subnet, gateway, host bridge), the containers attached to them (each
// endpoint's address and interface) and the ports they publish. Read from
// the engine's answers in a snapshot (`network inspect`'s Containers,
// `inspect`'s NetworkSettings.Ports) and kept current by its events; also
// says which endpoint a `ping NAME` / `wget http://NAME` inside a
// container reaches, the way the engine's /etc/hosts lines resolve it.

#include "core/Snapshots.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace strata::gui {

struct NetModel {
    struct Net {
        QString id, name, subnet, gateway, bridge;
        [[nodiscard]] bool isDefault() const { return name == QLatin1String("bridge"); }
    };
    struct Endpoint {
        QString networkId, ip, ifname; // ip without its prefix length
    };
    struct Port {
        QString port, hostIp, hostPort; // "80/tcp", "127.0.0.1", "18088"
        [[nodiscard]] QString hostSide() const { return (hostIp.isEmpty() ? QStringLiteral("0.0.0.0") : hostIp) + ':' + hostPort; }
    };
    struct Ctr {
        QString id, name;
        QList<Endpoint> endpoints;
        QList<Port> ports;
    };
    QList<Net> nets;  // bridge-driver networks: the default first, then in order of appearance
    QList<Ctr> ctrs;  // containers with at least one endpoint, in order of attachment

    [[nodiscard]] const Net *net(const QString &idOrName) const;
    [[nodiscard]] Ctr *ctr(const QString &id);
    [[nodiscard]] const Ctr *ctr(const QString &id) const;
    [[nodiscard]] const Ctr *ctrByName(const QString &name) const;

    void addNet(const Net &n);
    void removeNet(const QString &id);
    void attach(const QString &ctrId, const QString &name, const Endpoint &e);
    void detach(const QString &ctrId, const QString &networkId); // the last endpoint takes the ports too
    void publish(const QString &ctrId, const Port &p);

    // The engine's state as a snapshot carries it; interface names the model
    // learnt from events are kept (network inspect does not say them).
    void adopt(const EngineSnapshot &s);

    // A route between two endpoints for `args` run in container `from`
    // (ping/wget/curl/nc/nslookup NAME|IP|URL): the network both are on, or
    // why there is none. Names resolve on user-defined networks only, as the
    // engine writes peer lines into /etc/hosts there and not on the default bridge.
    struct Route {
        QString target;    // what the command named
        QString toId;      // the container reached ("" = none)
        QString networkId; // the network the packet crosses
        bool unresolved = false; // a name the default bridge does not resolve
    };
    [[nodiscard]] Route route(const QString &fromId, const QStringList &args) const;
};

} // namespace strata::gui
