// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/NetworkScene.h"

#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include <QCoreApplication>

#include <algorithm>

namespace strata::gui {

using engine::events::EventKind;

namespace {

// The host on top (its bridges inside), the containers below it, doors on its top edge.
const QRectF kHost(30, 40, 1120, 380);
constexpr qreal kBarX = 45, kBarW = 1090, kBarH = 56, kBarTop = 128, kBarStep = 78;
constexpr qreal kColX = 420, kColStep = 182, kCtrW = 170, kCtrTop = 470, kCtrH = 158;
constexpr qreal kDoorTop = 10, kDoorH = 58, kDoorW = 204;
constexpr qreal kPlateH = 52, kVethLabelY = 445, kDnatLabelY = 98;

} // namespace

NetworkScene::NetworkScene(QObject *parent) : EventScene(QStringLiteral("network"), parent)
{
    build();
    setCaption([] { return QCoreApplication::translate("Network", "Create a network, run containers on it, publish a port: watch the cables and doors appear."); });
}

void NetworkScene::build()
{
    auto *host = new BoxItem(QStringLiteral("host"), QStringLiteral("host"), kHost.size(), Role::Client);
    host->setPos(kHost.topLeft());
    host->icon = Icon::Chip;
    host->textTop = true;
    host->titleSize = 22;
    host->subtitleScale = 0.75;
    host->stateBadge = false;
    host->title = [] { return QCoreApplication::translate("Network", "Host"); };
    host->subtitle = [] { return QCoreApplication::translate("Network", "iptables NAT · ip_forward"); };
    host->setState(QStringLiteral("done"));
    host->setData(HighlightData, QStringLiteral("host"));
    host->setZValue(-2);
    addItem(host);

    auto *note = new NoteItem(QStringLiteral("note"), QStringLiteral("textbook"), 1100);
    note->textSize = 16;
    note->text = [] {
        return QCoreApplication::translate("Network", "<b>Textbook vs here.</b> Docker's default bridge is docker0; here it is <code>strata0</code>. Each "
                  "container gets a veth pair: one end is its eth0, the other is plugged into the bridge. "
                  "<code>-p</code> adds DNAT rules on the host, no proxy process. On a user-defined network the engine "
                  "writes every peer's name into <code>/etc/hosts</code> (Docker answers from a DNS server at "
                  "127.0.0.11); the default bridge resolves no names.");
    };
    note->setPos(40, 652);
    addItem(note);

    // Below the host, left of the containers: how to read the picture, and what did not fit.
    auto *legend = new NoteItem(QStringLiteral("note"), QStringLiteral("legend"), 385);
    legend->textSize = 16;
    legend->framed = false;
    legend->text = [] {
        return QCoreApplication::translate("Network", "<b>Bar</b>: a bridge, a switch on the host.<br><b>Cable</b>: a veth pair, one end in "
                                                      "the container.<br><b>Door</b>: a published port (DNAT).");
    };
    legend->setPos(30, 470);
    addItem(legend);
    auto *more = new NoteItem(QStringLiteral("note"), QStringLiteral("more"), 385);
    more->textSize = 16;
    more->framed = false;
    more->setPos(30, 590);
    more->setVisible(false);
    addItem(more);
}

BoxItem *NetworkScene::box(const QString &kind, const QString &key) const
{
    return static_cast<BoxItem *>(static_cast<QGraphicsObject *>(item(kind, key)));
}

ArrowItem *NetworkScene::arrow(const QString &kind, const QString &key) const
{
    return static_cast<ArrowItem *>(static_cast<QGraphicsObject *>(item(kind, key)));
}

qreal NetworkScene::barTop(int index) const
{
    return kBarTop + index * kBarStep;
}

QString NetworkScene::nameOf(const QString &containerId) const
{
    if (const NetModel::Ctr *c = m_model.ctr(containerId); c && !c->name.isEmpty())
        return c->name;
    return m_names.value(containerId, containerId.left(12));
}

void NetworkScene::drop(const QString &kind, const QString &key)
{
    if (QGraphicsItem *i = item(kind, key)) {
        removeItem(i);
        delete i;
    }
}

void NetworkScene::relayout()
{
    // Which networks and containers fit: the default bridge and the newest
    // networks; the containers attached most recently (the subject always).
    QList<NetModel::Net> nets = m_model.nets;
    while (nets.size() > kMaxBridges)
        nets.removeAt(nets.first().isDefault() ? 1 : 0);
    QHash<QString, int> netIndex;
    for (int i = 0; i < nets.size(); ++i)
        netIndex.insert(nets[i].id, i);
    QList<NetModel::Ctr> ctrs;
    for (const NetModel::Ctr &c : m_model.ctrs)
        if (std::any_of(c.endpoints.begin(), c.endpoints.end(), [&](const auto &e) { return netIndex.contains(e.networkId); }))
            ctrs << c;
    m_hiddenContainers = 0;
    while (ctrs.size() > kMaxContainers) {
        const int drop = ctrs.first().name == m_subject ? 1 : 0;
        ctrs.removeAt(drop);
        ++m_hiddenContainers;
    }

    QSet<QString> keep; // "kind\nkey" of everything drawn now
    auto kept = [&](const QString &kind, const QString &key) { keep.insert(kind + '\n' + key); };

    for (int i = 0; i < nets.size(); ++i) {
        const NetModel::Net n = nets[i];
        BoxItem *bar = box(QStringLiteral("bridge"), n.name);
        if (!bar) {
            bar = new BoxItem(QStringLiteral("bridge"), n.name, QSizeF(kBarW, kBarH), Role::Engine);
            bar->titleSize = 20;
            bar->subtitleScale = 0.8;
            bar->stateBadge = false;
            bar->setData(HighlightData, QStringLiteral("network:") + n.name);
            bar->setState(QStringLiteral("done"));
            addItem(bar);
        }
        bar->setPos(kBarX, barTop(i));
        const bool isDefault = n.isDefault();
        const QString name = n.name.left(16), gateway = n.gateway, bridge = n.bridge, subnet = n.subnet;
        bar->title = [name, isDefault] { return isDefault ? QCoreApplication::translate("Network", "%1 (default)").arg(name) : name; };
        bar->subtitle = [bridge, subnet, gateway] {
            return QCoreApplication::translate("Network", "%1 · %2 · gw %3").arg(bridge, subnet.isEmpty() ? QStringLiteral("?") : subnet, gateway.isEmpty() ? QStringLiteral("?") : gateway);
        };
        bar->update();
        kept(QStringLiteral("bridge"), n.name);
    }

    for (int j = 0; j < ctrs.size(); ++j) {
        const NetModel::Ctr &c = ctrs[j];
        const qreal left = kColX + j * kColStep;
        BoxItem *cb = box(QStringLiteral("container"), c.name);
        if (!cb) {
            cb = new BoxItem(QStringLiteral("container"), c.name, QSizeF(kCtrW, kCtrH), Role::Container);
            cb->textTop = true;
            cb->titleSize = 20;
            cb->icon = Icon::Box;
            cb->stateBadge = false;
            cb->setData(HighlightData, QStringLiteral("container:") + c.name);
            const QString name = c.name.left(14);
            cb->title = [name] { return name; };
            cb->setState(QStringLiteral("done"));
            addItem(cb);
        }
        cb->setPos(left, kCtrTop);
        kept(QStringLiteral("container"), c.name);

        QList<NetModel::Endpoint> shown;
        for (const auto &e : c.endpoints)
            if (netIndex.contains(e.networkId) && shown.size() < 2)
                shown << e;
        for (int k = 0; k < shown.size(); ++k) {
            const NetModel::Endpoint e = shown[k];
            const NetModel::Net &n = nets[netIndex.value(e.networkId)];
            const QString key = c.name + '/' + n.name;
            // The container's end of the veth pair: its interface and address.
            BoxItem *plate = box(QStringLiteral("endpoint"), key);
            if (!plate) {
                plate = new BoxItem(QStringLiteral("endpoint"), key, QSizeF(kCtrW - 16, kPlateH), Role::Client, cb);
                plate->titleSize = 16;
                plate->subtitleScale = 1.0;
                plate->centred = true;
                plate->stateBadge = false;
                plate->setState(QStringLiteral("done"));
            }
            plate->setPos(8, 42 + k * (kPlateH + 4));
            // The interface (when an event said it) over the address: one line would not fit.
            const QString ifname = e.ifname, ip = e.ip;
            plate->title = [ifname] { return ifname; };
            plate->subtitle = [ip] { return ip; };
            plate->update();
            kept(QStringLiteral("endpoint"), key);
            // The cable: from the container up into the host, plugged into its bridge.
            const qreal x = left + kCtrW * (k + 1) / (shown.size() + 1);
            const qreal bottom = barTop(netIndex.value(e.networkId)) + kBarH;
            ArrowItem *veth = arrow(QStringLiteral("veth"), key);
            if (!veth) {
                veth = new ArrowItem(QStringLiteral("veth"), key);
                veth->width = 5;
                veth->colour = QColor(0xd5, 0x5e, 0x00);
                veth->setData(HighlightData, QStringLiteral("container:") + c.name);
                veth->setZValue(-1);
                addItem(veth);
            }
            veth->setEnds(QPointF(x, kCtrTop - 2), QPointF(x, bottom + 2));
            veth->labelAt = (kCtrTop - kVethLabelY) / (kCtrTop - bottom);
            if (k == 0)
                veth->label = [] { return QStringLiteral("veth"); };
            else
                veth->label = nullptr;
            veth->setState(m_flow.contains(key) ? QStringLiteral("flow") : QStringLiteral("idle"));
            veth->update();
            kept(QStringLiteral("veth"), key);
            // Its published ports: a door on the host's edge, DNAT down to the bridge.
            if (k != 0 || c.ports.isEmpty())
                continue;
            const NetModel::Port p = c.ports.first();
            const QString doorKey = c.name + '/' + p.port;
            BoxItem *door = box(QStringLiteral("door"), doorKey);
            if (!door) {
                door = new BoxItem(QStringLiteral("door"), doorKey, QSizeF(kDoorW, kDoorH), Role::Archive);
                door->titleSize = 16;
                door->subtitleScale = 0.95;
                door->centred = true;
                door->stateBadge = false;
                door->setData(HighlightData, QStringLiteral("port:") + p.port);
                door->setState(QStringLiteral("done"));
                door->setZValue(2);
                addItem(door);
            }
            // Narrower (its text elided) only where a neighbour's door would touch it.
            const bool crowded = (j > 0 && !ctrs[j - 1].ports.isEmpty()) || (j + 1 < ctrs.size() && !ctrs[j + 1].ports.isEmpty());
            const qreal doorW = crowded ? kColStep - 8 : kDoorW;
            door->setSize(QSizeF(doorW, kDoorH));
            door->setPos(x - doorW / 2, kDoorTop);
            const QString hostSide = p.hostSide(), port = p.port;
            const int more = static_cast<int>(c.ports.size()) - 1;
            door->title = [hostSide] { return hostSide; };
            door->subtitle = [port, more] { return more > 0 ? QCoreApplication::translate("Network", "→ %1 (+%2)").arg(port).arg(more) : QCoreApplication::translate("Network", "→ %1").arg(port); };
            door->update();
            kept(QStringLiteral("door"), doorKey);
            ArrowItem *dnat = arrow(QStringLiteral("dnat"), doorKey);
            if (!dnat) {
                dnat = new ArrowItem(QStringLiteral("dnat"), doorKey);
                dnat->width = 4;
                dnat->dashed = true;
                dnat->colour = QColor(0xb0, 0x80, 0x00);
                dnat->label = [] { return QStringLiteral("DNAT"); };
                dnat->setData(HighlightData, QStringLiteral("port:") + p.port);
                dnat->setZValue(-1);
                addItem(dnat);
            }
            const qreal top = barTop(netIndex.value(e.networkId));
            dnat->setEnds(QPointF(x, kDoorTop + kDoorH + 2), QPointF(x, top - 2));
            dnat->labelAt = (kDnatLabelY - kDoorTop - kDoorH) / (top - kDoorTop - kDoorH);
            dnat->update();
            kept(QStringLiteral("dnat"), doorKey);
        }
    }
    // What the model no longer has: gone at once (the event's moment showed it going).
    for (const QString &kind : {QStringLiteral("dnat"), QStringLiteral("door"), QStringLiteral("veth"), QStringLiteral("endpoint"),
                                QStringLiteral("container"), QStringLiteral("bridge")})
        for (QGraphicsItem *i : itemsOfKind(kind))
            if (!keep.contains(kind + '\n' + i->data(KeyData).toString())) {
                removeItem(i);
                delete i;
            }
    if (auto *more = static_cast<NoteItem *>(static_cast<QGraphicsObject *>(item(QStringLiteral("note"), QStringLiteral("more"))))) {
        const int hidden = m_hiddenContainers;
        more->text = [hidden] {
            return QCoreApplication::translate("Network", "+%n more container(s) on these networks, not drawn", nullptr, hidden);
        };
        more->setVisible(hidden > 0);
        more->refresh();
    }
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("container")))
        static_cast<BoxItem *>(static_cast<QGraphicsObject *>(i))
            ->setState(i->data(KeyData).toString() == m_subject ? QStringLiteral("lit") : QStringLiteral("done"));
    applyHighlights();
}

void NetworkScene::setSubject(const QString &subject)
{
    EventScene::setSubject(subject);
    relayout();
}

void NetworkScene::onSnapshot(const EngineSnapshotPtr &s)
{
    for (const auto &c : s->containers)
        m_names.insert(QString::fromStdString(c.id), QString::fromStdString(c.name));
    // After the events this snapshot follows: their moments first, then the state as it is.
    enqueue([this, s] {
        m_model.adopt(*s);
        relayout();
    });
}

void NetworkScene::animateRoute(const QString &fromId, const QStringList &args)
{
    const NetModel::Route r = m_model.route(fromId, args);
    if (r.target.isEmpty())
        return;
    const QString from = nameOf(fromId), target = r.target;
    if (r.unresolved) {
        enqueue([this, from, target] {
            if (BoxItem *b = box(QStringLiteral("container"), from))
                pulse(b);
            setCaption([from, target] {
                return QCoreApplication::translate("Network", "%1 asks for “%2”: on the default bridge no name is resolved (no line for it in /etc/hosts), so nothing is sent.").arg(from, target);
            });
        });
        return;
    }
    if (r.toId.isEmpty())
        return;
    const NetModel::Net *n = m_model.net(r.networkId);
    if (!n)
        return;
    const QString to = nameOf(r.toId), net = n->name;
    const QString out = from + '/' + net, in = to + '/' + net;
    m_flow = {out, in};
    enqueue([this, from, to, out, net, target] {
        if (ArrowItem *a = arrow(QStringLiteral("veth"), out)) {
            a->setState(QStringLiteral("flow"));
            travel(a);
        }
        setCaption([from, to, net, target] {
            return QCoreApplication::translate("Network", "%1 → %2: out of %1's eth0, through its veth into the bridge of %3 …").arg(from, target == to ? to : target + " (" + to + ")", net);
        });
    });
    enqueue([this, net] {
        if (BoxItem *b = box(QStringLiteral("bridge"), net))
            pulse(b);
    });
    enqueue([this, from, to, in, net] {
        if (ArrowItem *a = arrow(QStringLiteral("veth"), in)) {
            a->setState(QStringLiteral("flow"));
            travel(a, true);
        }
        if (BoxItem *b = box(QStringLiteral("container"), to))
            pulse(b);
        setCaption([from, to, net] { return QCoreApplication::translate("Network", "… and down %2's veth: %1 reaches %2 across %3, and the answer comes back the same way.").arg(from, to, net); });
    });
}

void NetworkScene::handle(const engine::events::Event &e)
{
    const QString id = QString::fromStdString(e.id);
    switch (e.kind) {
    case EventKind::ContainerCreated:
    case EventKind::ContainerRenamed:
        m_names.insert(id, attrText(e.attrs, "name"));
        break;
    case EventKind::NetworkCreated: {
        if (attrText(e.attrs, "type") != QLatin1String("bridge"))
            break;
        const NetModel::Net n{id, attrText(e.attrs, "name"), attrText(e.attrs, "subnet"), attrText(e.attrs, "gateway"),
                              attrText(e.attrs, "bridge")};
        enqueue([this, n] {
            m_model.addNet(n);
            relayout();
            if (BoxItem *b = box(QStringLiteral("bridge"), n.name)) {
                b->setState(QStringLiteral("lit"));
                pulse(b);
            }
            setCaption([n] { return QCoreApplication::translate("Network", "network create %1: a new bridge %2 on the host, subnet %3, the gateway %4 on the bridge itself.").arg(n.name, n.bridge, n.subnet, n.gateway); });
        });
        break;
    }
    case EventKind::NetworkRemoved: {
        const QString name = attrText(e.attrs, "name");
        enqueue([this, id, name] {
            if (BoxItem *b = box(QStringLiteral("bridge"), name))
                b->setState(QStringLiteral("gone"));
            setCaption([name] { return QCoreApplication::translate("Network", "network rm %1: its bridge is deleted from the host.").arg(name); });
        });
        enqueue([this, id] {
            m_model.removeNet(id);
            relayout();
        });
        break;
    }
    case EventKind::NetworkConnected: {
        const QString ctrId = attrText(e.attrs, "container"), net = attrText(e.attrs, "name");
        const NetModel::Endpoint ep{id, attrText(e.attrs, "ip"), attrText(e.attrs, "ifname")};
        const QString bridge = attrText(e.attrs, "bridge");
        enqueue([this, ctrId, net, ep, bridge] {
            if (!m_model.net(ep.networkId)) // the default bridge, made on first use: no create event
                m_model.addNet(NetModel::Net{ep.networkId, net, {}, {}, bridge});
            m_model.attach(ctrId, nameOf(ctrId), ep);
            relayout();
            const QString name = nameOf(ctrId), key = name + '/' + net;
            if (ArrowItem *a = arrow(QStringLiteral("veth"), key)) {
                a->setState(QStringLiteral("flow"));
                travel(a);
            }
            if (BoxItem *p = box(QStringLiteral("endpoint"), key))
                pulse(p);
            setCaption([name, net, ep, bridge] {
                return QCoreApplication::translate("Network", "%1 plugged into %2: a veth pair, %3 inside the container with %4, the other end on the bridge %5.").arg(name, net, ep.ifname, ep.ip, bridge);
            });
        });
        break;
    }
    case EventKind::NetworkDisconnected: {
        const QString ctrId = attrText(e.attrs, "container"), net = attrText(e.attrs, "name");
        enqueue([this, id, ctrId, net] {
            const QString name = nameOf(ctrId), key = name + '/' + net;
            if (ArrowItem *a = arrow(QStringLiteral("veth"), key))
                a->setState(QStringLiteral("missing"));
            if (BoxItem *p = box(QStringLiteral("endpoint"), key))
                p->setState(QStringLiteral("gone"));
            setCaption([name, net] { return QCoreApplication::translate("Network", "%1 unplugged from %2: its veth pair is deleted and its address goes back to the pool.").arg(name, net); });
        });
        enqueue([this, id, ctrId] {
            m_model.detach(ctrId, id);
            relayout();
        });
        break;
    }
    case EventKind::PortPublished: {
        const NetModel::Port p{attrText(e.attrs, "port"), attrText(e.attrs, "hostIp"), attrText(e.attrs, "hostPort")};
        const QString ip = attrText(e.attrs, "ip");
        enqueue([this, id, p, ip] {
            m_model.publish(id, p);
            relayout();
            const QString name = nameOf(id), key = name + '/' + p.port;
            if (BoxItem *d = box(QStringLiteral("door"), key)) {
                d->setState(QStringLiteral("lit"));
                pulse(d);
            }
            if (ArrowItem *a = arrow(QStringLiteral("dnat"), key)) {
                a->setState(QStringLiteral("flow"));
                travel(a);
            }
            setCaption([name, p, ip] { return QCoreApplication::translate("Network", "Port published: %1 on the host leads to %2 port %3 (a DNAT rule, no process listens on the host).").arg(p.hostSide(), name + " " + ip, p.port); });
        });
        break;
    }
    case EventKind::ContainerExecStarted:
    case EventKind::ProcessStarted: {
        const QStringList args = attrList(e.attrs, "args");
        enqueue([this, id, args] { animateRoute(id, args); });
        break;
    }
    default: break;
    }
}

} // namespace strata::gui
