// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The network scene of UX.md: the host box holding its bridges (strata0, the
// role of docker0, and each user network's br-…, with subnet and gateway),
// each attached container below the host with a veth cable up to its bridge
// and its address on the container end, and each published port as a door
// on the host's edge (127.0.0.1:18088 → 80/tcp) with its DNAT path down to
// the bridge. Drawn from the engine's state (NetModel, from the snapshot's
// `network inspect` and `inspect`) and animated by its events: a network
// created/removed, an endpoint attached/detached (run, connect, stop, rm,
// disconnect), a port published. A ping/wget/curl/nc started in a container
// (exec, or a container's own command) travels up its cable, along the
// bridge and down the peer's cable when both share a network; a name on
// the default bridge is drawn unresolved, as the engine writes no peer lines there.
//
// Kinds: "host", "bridge" (key network name; highlight network:NAME),
// "container" (key name; container:NAME), "endpoint" (key NAME/NETWORK: the
// address plate), "veth" (key NAME/NETWORK), "door" (key NAME/PORT; port:PORT,
// e.g. port:80/tcp), "dnat" (key NAME/PORT), "note". A cable is "flow" while
// it carries the last ping/wget's path (until the next one), else "idle".

#include "scene/EventScene.h"
#include "scene/NetworkModel.h"

#include <QHash>
#include <QSet>

namespace strata::gui {

class BoxItem;
class ArrowItem;

class NetworkScene : public EventScene {
    Q_OBJECT
public:
    explicit NetworkScene(QObject *parent = nullptr);
    void onSnapshot(const EngineSnapshotPtr &s) override;
    void setSubject(const QString &subject) override;
    [[nodiscard]] const NetModel &model() const { return m_model; }

    static constexpr int kMaxBridges = 3, kMaxContainers = 4;

protected:
    void handle(const engine::events::Event &e) override;

private:
    void build();
    void relayout();            // items from m_model: made, moved, or removed
    void drop(const QString &kind, const QString &key);
    [[nodiscard]] BoxItem *box(const QString &kind, const QString &key) const;
    [[nodiscard]] ArrowItem *arrow(const QString &kind, const QString &key) const;
    [[nodiscard]] qreal barTop(int index) const;
    void animateRoute(const QString &fromId, const QStringList &args);
    [[nodiscard]] QString nameOf(const QString &containerId) const;

    NetModel m_model;
    QHash<QString, QString> m_names; // container id -> name (from ContainerCreated and snapshots)
    int m_hiddenContainers = 0;
    QSet<QString> m_flow; // veth keys of the last route a ping/wget took
};

} // namespace strata::gui
