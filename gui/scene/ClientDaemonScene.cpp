// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/ClientDaemonScene.h"

#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include <QCoreApplication>
#include <QPropertyAnimation>

namespace strata::gui {

namespace {

const QRectF kClient(40, 150, 270, 150), kEngine(460, 150, 270, 150), kStore(880, 150, 270, 150);
constexpr int kRows = 6;

BoxItem *asBox(QGraphicsItem *i)
{
    return static_cast<BoxItem *>(static_cast<QGraphicsObject *>(i));
}
ArrowItem *asArrow(QGraphicsItem *i)
{
    return static_cast<ArrowItem *>(static_cast<QGraphicsObject *>(i));
}

} // namespace

ClientDaemonScene::ClientDaemonScene(QObject *parent) : EventScene(QStringLiteral("client-daemon"), parent)
{
    build();
    setCaption([] { return QCoreApplication::translate("ClientDaemon", "Every command is a request from the client to the engine, answered when the engine is done."); });
}

void ClientDaemonScene::build()
{
    auto *title = new NoteItem(QStringLiteral("title"), QStringLiteral("client-daemon"), 1100);
    title->framed = false;
    title->textSize = 22;
    title->text = [] { return QCoreApplication::translate("ClientDaemon", "<b>Client and daemon</b> — the console asks, the engine does the work"); };
    title->setPos(30, 14);
    addItem(title);

    auto endpoint = [this](const QString &key, QRectF r, Role role, Icon icon, TextFn t, TextFn sub) {
        auto *b = new BoxItem(QStringLiteral("endpoint"), key, r.size(), role);
        b->setPos(r.topLeft());
        b->icon = icon;
        b->titleSize = 24;
        b->title = std::move(t);
        b->subtitle = std::move(sub);
        b->setData(HighlightData, QStringLiteral("endpoint:") + key);
        addItem(b);
        return b;
    };
    endpoint(QStringLiteral("client"), kClient, Role::Client, Icon::Terminal, [] { return QCoreApplication::translate("ClientDaemon", "Console"); },
             [] { return QCoreApplication::translate("ClientDaemon", "client (docker CLI)"); });
    endpoint(QStringLiteral("engine"), kEngine, Role::Engine, Icon::Gear, [] { return QCoreApplication::translate("ClientDaemon", "Engine"); },
             [] { return QCoreApplication::translate("ClientDaemon", "daemon (dockerd)"); });
    auto *store = endpoint(QStringLiteral("store"), kStore, Role::Store, Icon::Cylinder, [] { return QCoreApplication::translate("ClientDaemon", "Store"); },
                           [this] { return QCoreApplication::translate("ClientDaemon", "%n event(s) in the last command", nullptr, m_lastEvents); });
    store->subtitleScale = 0.6;

    auto wire = [this](const QString &key, QPointF a, QPointF b, TextFn label) {
        auto *w = new ArrowItem(QStringLiteral("wire"), key);
        w->setEnds(a, b);
        w->label = std::move(label);
        w->setZValue(-1);
        addItem(w);
    };
    wire(QStringLiteral("request"), QPointF(kClient.right() + 4, kClient.top() + 50), QPointF(kEngine.left() - 4, kEngine.top() + 50),
         [] { return QCoreApplication::translate("ClientDaemon", "request"); });
    wire(QStringLiteral("answer"), QPointF(kEngine.left() - 4, kEngine.bottom() - 50), QPointF(kClient.right() + 4, kClient.bottom() - 50),
         [] { return QCoreApplication::translate("ClientDaemon", "answer"); });
    wire(QStringLiteral("store"), QPointF(kEngine.right() + 4, kEngine.center().y()), QPointF(kStore.left() - 4, kStore.center().y()),
         [] { return QCoreApplication::translate("ClientDaemon", "events"); });

    m_packet = new BoxItem(QStringLiteral("packet"), QString(), QSizeF(360, 44), Role::Engine);
    m_packet->titleSize = 16;
    m_packet->centred = true;
    m_packet->setZValue(5);
    m_packet->setVisible(false);
    addItem(m_packet);

    auto *note = new NoteItem(QStringLiteral("note"), QStringLiteral("textbook"), 1090);
    note->textSize = 16;
    note->text = [] {
        return QCoreApplication::translate("ClientDaemon", "<b>Textbook vs here.</b> <code>docker</code> is only a client: it sends each command to dockerd over "
                   "/var/run/docker.sock and prints the answer. Here the console is the client and the engine runs on its "
                   "own thread; <code>strata</code> in a terminal is client and engine in one process.");
    };
    note->setPos(45, 650);
    addItem(note);
}

void ClientDaemonScene::addRow(const SceneCommand &c)
{
    const QString line = c.args.join(' ');
    const QString err = c.error.trimmed().section('\n', 0, 0);
    const int events = m_lastEvents;
    const int rc = c.exitCode;
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("command-row")))
        i->moveBy(0, 40);
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("command-row")))
        if (i->y() > 380 + kRows * 40) {
            removeItem(i);
            delete i;
        }
    auto *row = new BoxItem(QStringLiteral("command-row"), QString::number(c.id), QSizeF(1090, 34), rc == 0 ? Role::Client : Role::Neutral);
    row->setPos(45, 380);
    row->titleSize = 15;
    row->rounded = false;
    row->title = [line, rc, events, err] {
        QString s = QCoreApplication::translate("ClientDaemon", "$ %1   →   exit %2 · %n event(s)", nullptr, events).arg(line).arg(rc);
        if (rc != 0 && !err.isEmpty())
            s += QStringLiteral(" · ") + err;
        return s;
    };
    row->setState(rc == 0 ? QStringLiteral("done") : QStringLiteral("refused"));
    addItem(row);
}

void ClientDaemonScene::handle(const engine::events::Event &)
{
    if (m_inFlight <= 0)
        return;
    ++m_eventsNow;
    if (m_eventsNow == 1 || m_eventsNow % 10 == 0)
        enqueue([this] {
            asArrow(item(QStringLiteral("wire"), QStringLiteral("store")))->setState(QStringLiteral("flow"));
            travel(asArrow(item(QStringLiteral("wire"), QStringLiteral("store"))));
            pulse(asBox(item(QStringLiteral("endpoint"), QStringLiteral("store"))));
        });
}

void ClientDaemonScene::handleCommand(const SceneCommand &c)
{
    if (!c.finished) {
        ++m_inFlight;
        m_eventsNow = 0;
        const QString line = c.args.join(' ');
        const int id = c.id;
        enqueue([this, line, id] {
            m_packet->setData(KeyData, QString::number(id));
            m_packet->setState(QStringLiteral("lit"));
            m_packet->title = [line] { return QStringLiteral("$ ") + line; };
            m_packet->badge.clear();
            m_packet->setVisible(true);
            for (QGraphicsItem *w : itemsOfKind(QStringLiteral("wire")))
                asArrow(w)->setState(QStringLiteral("idle"));
            asArrow(item(QStringLiteral("wire"), QStringLiteral("request")))->setState(QStringLiteral("flow"));
            asBox(item(QStringLiteral("endpoint"), QStringLiteral("client")))->setState(QStringLiteral("done"));
            asBox(item(QStringLiteral("endpoint"), QStringLiteral("engine")))->setState(QStringLiteral("lit"));
            asBox(item(QStringLiteral("endpoint"), QStringLiteral("store")))->setState(QStringLiteral("idle"));
            const QPointF from(kClient.left(), kClient.top() - 56), to(kEngine.left() - 40, kEngine.top() - 56);
            glide(m_packet, from, to);
            m_packet->setData(StateData, QStringLiteral("request"));
            setCaption([line] { return QCoreApplication::translate("ClientDaemon", "The console sends “%1” to the engine, which does the work.").arg(line); });
        });
        return;
    }
    --m_inFlight;
    m_lastEvents = m_eventsNow;
    const int rc = c.exitCode;
    enqueue([this, c, rc] {
        m_packet->setState(rc == 0 ? QStringLiteral("done") : QStringLiteral("refused"));
        m_packet->badge = QStringLiteral("%1").arg(rc);
        m_packet->setData(StateData, rc == 0 ? QStringLiteral("answered") : QStringLiteral("refused"));
        asArrow(item(QStringLiteral("wire"), QStringLiteral("request")))->setState(QStringLiteral("idle"));
        asArrow(item(QStringLiteral("wire"), QStringLiteral("store")))->setState(QStringLiteral("idle"));
        asArrow(item(QStringLiteral("wire"), QStringLiteral("answer")))->setState(QStringLiteral("flow"));
        asBox(item(QStringLiteral("endpoint"), QStringLiteral("engine")))->setState(QStringLiteral("done"));
        asBox(item(QStringLiteral("endpoint"), QStringLiteral("client")))->setState(QStringLiteral("lit"));
        const QPointF from(kEngine.left() - 40, kEngine.bottom() + 14), to(kClient.left(), kClient.bottom() + 14);
        glide(m_packet, from, to);
        addRow(c);
        const int events = m_lastEvents;
        setCaption([rc, events] {
            return rc == 0 ? QCoreApplication::translate("ClientDaemon", "The engine answers: done (exit 0) after %n event(s); the console prints the answer.", nullptr, events)
                           : QCoreApplication::translate("ClientDaemon", "The engine answers with an error (exit %1); the console prints its message.").arg(rc);
        });
        asBox(item(QStringLiteral("endpoint"), QStringLiteral("store")))->update();
    });
}

} // namespace strata::gui
