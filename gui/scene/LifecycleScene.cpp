// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/LifecycleScene.h"

#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include <QCoreApplication>
#include <QCursor>

namespace strata::gui {

using engine::events::EventKind;

namespace {

struct Edge {
    const char *from, *to, *label, *verb;
    qreal bend;
};
// Docker's transitions as the engine allows them (container/ContainerState.cpp).
constexpr Edge kEdges[] = {
    {"none", "created", "create", "create", 0},
    {"created", "running", "start", "start", 0},
    {"running", "paused", "pause", "pause", -28},
    {"paused", "running", "unpause", "unpause", -28},
    {"running", "exited", "stop / kill", "stop", -36},
    {"exited", "running", "start", "restart", -36},
    {"paused", "exited", "stop / kill", "kill", 0},
    {"created", "removed", "rm", "rm", 60},
    {"exited", "removed", "rm", "rm", 0},
};

QPointF nodePos(const QString &state)
{
    static const QHash<QString, QPointF> pos{
        {QStringLiteral("none"), {24, 340}},      {QStringLiteral("created"), {120, 300}},
        {QStringLiteral("running"), {460, 120}},  {QStringLiteral("paused"), {870, 120}},
        {QStringLiteral("exited"), {460, 450}},   {QStringLiteral("removed"), {870, 450}},
    };
    return pos.value(state);
}

constexpr QSizeF kNode{270, 100};

// The verb a console line runs, and the container it names.
std::pair<QString, QString> verbAndTarget(QStringList args)
{
    if (!args.isEmpty() && args.front() == QLatin1String("container"))
        args.removeFirst();
    if (args.isEmpty())
        return {};
    QString verb = args.takeFirst();
    if (verb == QLatin1String("remove"))
        verb = QStringLiteral("rm");
    static const QStringList valued{"-t", "--time", "-s", "--signal", "--name", "-v", "--volume", "-e", "--env"};
    for (int i = 0; i < args.size(); ++i) {
        if (valued.contains(args[i])) {
            ++i;
            continue;
        }
        if (args[i].startsWith('-'))
            continue;
        return {verb, args[i]};
    }
    return {verb, {}};
}

// Where a verb wants to go.
QString targetOf(const QString &verb)
{
    if (verb == QLatin1String("start") || verb == QLatin1String("unpause") || verb == QLatin1String("restart"))
        return QStringLiteral("running");
    if (verb == QLatin1String("pause"))
        return QStringLiteral("paused");
    if (verb == QLatin1String("stop") || verb == QLatin1String("kill"))
        return QStringLiteral("exited");
    if (verb == QLatin1String("rm"))
        return QStringLiteral("removed");
    return {};
}

} // namespace

LifecycleScene::LifecycleScene(QObject *parent) : EventScene(QStringLiteral("lifecycle"), parent)
{
    build();
    light(QStringLiteral("none"));
    setCaption([] { return QCoreApplication::translate("Lifecycle", "A container's life: create, start, pause, stop, rm. Run a command (or click a state) to see it move."); });
}

QStringList LifecycleScene::states()
{
    return {QStringLiteral("created"), QStringLiteral("running"), QStringLiteral("paused"), QStringLiteral("exited"),
            QStringLiteral("removed")};
}

QString LifecycleScene::stateName(const QString &state)
{
    if (state == QLatin1String("created"))
        return QCoreApplication::translate("Lifecycle", "Created");
    if (state == QLatin1String("running"))
        return QCoreApplication::translate("Lifecycle", "Running");
    if (state == QLatin1String("paused"))
        return QCoreApplication::translate("Lifecycle", "Paused");
    if (state == QLatin1String("exited"))
        return QCoreApplication::translate("Lifecycle", "Exited");
    if (state == QLatin1String("removed"))
        return QCoreApplication::translate("Lifecycle", "Removed");
    return QCoreApplication::translate("Lifecycle", "no container");
}

void LifecycleScene::build()
{
    auto *title = new NoteItem(QStringLiteral("title"), QStringLiteral("followed"), 1100);
    title->framed = false;
    title->textSize = 22;
    title->text = [this] {
        return m_followed.isEmpty() ? QCoreApplication::translate("Lifecycle", "<b>Container lifecycle</b> — no container yet")
                                    : QCoreApplication::translate("Lifecycle", "<b>Container lifecycle</b> of <code>%1</code>").arg(m_followed.toHtmlEscaped());
    };
    title->setPos(30, 14);
    addItem(title);

    auto *origin = new BoxItem(QStringLiteral("state"), QStringLiteral("none"), QSizeF(24, 24), Role::Neutral);
    origin->setPos(nodePos(QStringLiteral("none")) - QPointF(12, 12));
    origin->rounded = true;
    addItem(origin);

    for (const QString &s : states()) {
        auto *n = new BoxItem(QStringLiteral("state"), s, kNode, s == QLatin1String("running") || s == QLatin1String("paused")
                                                                     ? Role::Process
                                                                     : (s == QLatin1String("removed") ? Role::Neutral : Role::Container));
        n->setPos(nodePos(s));
        n->centred = true;
        n->titleSize = 28;
        n->subtitleScale = 0.62;
        n->icon = s == QLatin1String("running") ? Icon::Gear : (s == QLatin1String("paused") ? Icon::Gear : Icon::Pencil);
        if (s == QLatin1String("removed"))
            n->icon = Icon::None;
        n->title = [s] { return stateName(s); };
        n->subtitle = [s] {
            if (s == QLatin1String("created"))
                return QCoreApplication::translate("Lifecycle", "RW layer made, no process");
            if (s == QLatin1String("running"))
                return QCoreApplication::translate("Lifecycle", "PID 1 runs");
            if (s == QLatin1String("paused"))
                return QCoreApplication::translate("Lifecycle", "frozen by the cgroup freezer");
            if (s == QLatin1String("exited"))
                return QCoreApplication::translate("Lifecycle", "process ended, files kept");
            return QCoreApplication::translate("Lifecycle", "RW layer deleted");
        };
        n->setData(HighlightData, QStringLiteral("state:") + s);
        n->setCursor(Qt::PointingHandCursor);
        n->setToolTip(QCoreApplication::translate("Lifecycle", "Click to run the command that leads here"));
        connect(n, &BoxItem::clicked, this, &LifecycleScene::requestState);
        addItem(n);
    }
    for (const Edge &e : kEdges) {
        const QString from = QString::fromLatin1(e.from), to = QString::fromLatin1(e.to);
        auto *a = new ArrowItem(QStringLiteral("transition"), from + QStringLiteral("->") + to);
        const QRectF fr(nodePos(from), from == QLatin1String("none") ? QSizeF(0, 0) : kNode), tr(nodePos(to), kNode);
        QPointF p0, p1;
        if (from == QLatin1String("none")) {
            p0 = nodePos(from) + QPointF(12, -6);
            p1 = QPointF(tr.left(), tr.center().y() - 20);
        } else if (qFuzzyCompare(fr.center().y(), tr.center().y())) { // side by side
            const bool right = tr.center().x() > fr.center().x();
            const qreal dy = e.bend != 0 ? (right ? -20 : 20) : 0;
            p0 = QPointF(right ? fr.right() : fr.left(), fr.center().y() + dy);
            p1 = QPointF(right ? tr.left() : tr.right(), tr.center().y() + dy);
        } else if (qFuzzyCompare(fr.center().x(), tr.center().x())) { // one above the other
            const bool down = tr.center().y() > fr.center().y();
            const qreal dx = down ? -50 : 50;
            p0 = QPointF(fr.center().x() + dx, down ? fr.bottom() : fr.top());
            p1 = QPointF(tr.center().x() + dx, down ? tr.top() : tr.bottom());
            a->labelAt = 0.3; // a third of the way from its start: the pair's labels one above the other
        } else if (from == QLatin1String("created") && to == QLatin1String("removed")) {
            p0 = QPointF(fr.center().x(), fr.bottom());
            p1 = QPointF(tr.center().x() - 60, tr.bottom());
        } else {
            p0 = QPointF(fr.right(), fr.center().y() + (tr.center().y() > fr.center().y() ? 20 : -20));
            p1 = QPointF(tr.left(), tr.center().y() + (tr.center().y() > fr.center().y() ? -20 : 20));
            if (from == QLatin1String("paused")) {
                p0 = QPointF(fr.left() + 30, fr.bottom());
                p1 = QPointF(tr.right() - 30, tr.top());
            }
        }
        a->setEnds(p0, p1, from == QLatin1String("created") && to == QLatin1String("removed") ? 105 : 0);
        const QString label = QString::fromLatin1(e.label);
        a->label = [label] { return label; };
        a->setData(HighlightData, QStringLiteral("transition:") + QString::fromLatin1(e.verb));
        a->setCursor(Qt::PointingHandCursor);
        connect(a, &ArrowItem::clicked, this, [this, to] { requestState(to); });
        a->setZValue(-1);
        addItem(a);
    }

    m_message = new NoteItem(QStringLiteral("message"), QStringLiteral("engine"), 1100);
    m_message->setPos(40, 640);
    m_message->textSize = 18;
    m_message->text = [] { return QCoreApplication::translate("Lifecycle", "Click a state to run the one command that leads there from the lit state."); };
    m_message->setData(StateData, QStringLiteral("hint"));
    addItem(m_message);
}

void LifecycleScene::setSubject(const QString &subject)
{
    EventScene::setSubject(subject);
    if (!subject.isEmpty())
        follow(subject);
}

void LifecycleScene::follow(const QString &name)
{
    if (name == m_followed)
        return;
    m_followed = name;
    clearMissing();
    light(m_state.value(name, QStringLiteral("none")));
    update();
}

QString LifecycleScene::currentState() const
{
    return m_state.value(m_followed, QStringLiteral("none"));
}

void LifecycleScene::light(const QString &state)
{
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("state")))
        static_cast<BoxItem *>(static_cast<QGraphicsObject *>(i))->setState(i->data(KeyData).toString() == state ? QStringLiteral("lit")
                                                                                                                 : QStringLiteral("idle"));
}

void LifecycleScene::takeEdge(const QString &from, const QString &to)
{
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("transition")))
        static_cast<ArrowItem *>(static_cast<QGraphicsObject *>(i))->setState(QStringLiteral("idle"));
    auto *edge = static_cast<ArrowItem *>(static_cast<QGraphicsObject *>(item(QStringLiteral("transition"), from + QStringLiteral("->") + to)));
    if (edge) {
        edge->setState(QStringLiteral("taken"));
        travel(edge);
    }
    light(to);
    pulse(static_cast<BoxItem *>(static_cast<QGraphicsObject *>(item(QStringLiteral("state"), to))));
}

void LifecycleScene::clearMissing()
{
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("transition-missing"))) {
        removeItem(i);
        delete i;
    }
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("state")))
        if (i->data(StateData).toString() == QLatin1String("refused"))
            static_cast<BoxItem *>(static_cast<QGraphicsObject *>(i))->setState(QStringLiteral("idle"));
}

void LifecycleScene::refuse(const QString &verb, const QString &message)
{
    const QString from = currentState(), to = targetOf(verb);
    if (to.isEmpty() || from == QLatin1String("none"))
        return;
    clearMissing();
    auto *a = new ArrowItem(QStringLiteral("transition-missing"), from + QStringLiteral("->") + to);
    const QRectF fr(nodePos(from), kNode), tr(nodePos(to), kNode);
    a->setEnds(fr.center() + QPointF(40, 30), tr.center() + QPointF(-40, -30), 40);
    a->label = [verb] { return verb; };
    a->setState(QStringLiteral("missing"));
    a->setZValue(2);
    addItem(a);
    pulse(a);
    auto *target = static_cast<BoxItem *>(static_cast<QGraphicsObject *>(item(QStringLiteral("state"), to)));
    if (target && target->state() != QLatin1String("lit"))
        target->setState(QStringLiteral("refused"));
    QString text = message.trimmed();
    m_message->text = [text, verb, from, to] {
        const QString fromName = stateName(from), toName = stateName(to);
        return QCoreApplication::translate("Lifecycle", "<b>Refused:</b> no <code>%1</code> arrow leads from %2 to %3. The engine said:<br><code>%4</code>")
            .arg(verb, fromName, toName, text.toHtmlEscaped());
    };
    m_message->accent = QColor(0xd5, 0x5e, 0x00);
    m_message->setData(StateData, QStringLiteral("refused"));
    m_message->refresh();
    setCaption([verb, from, to] {
        return QCoreApplication::translate("Lifecycle", "Refused: %1 cannot lead from %2 to %3 — the red dashed arrow does not exist.")
            .arg(verb, stateName(from), stateName(to));
    });
}

QString LifecycleScene::commandTo(const QString &target) const
{
    const QString from = currentState();
    const QString name = m_followed.isEmpty() ? QStringLiteral("lifecycle-demo") : m_followed;
    if (target == QLatin1String("created") && (from == QLatin1String("none") || from == QLatin1String("removed")))
        return QStringLiteral("create --name %1 strata/busybox:latest sleep 3600").arg(name);
    if (target == QLatin1String("running")) {
        if (from == QLatin1String("created") || from == QLatin1String("exited"))
            return QStringLiteral("start %1").arg(name);
        if (from == QLatin1String("paused"))
            return QStringLiteral("unpause %1").arg(name);
    }
    if (target == QLatin1String("paused") && from == QLatin1String("running"))
        return QStringLiteral("pause %1").arg(name);
    if (target == QLatin1String("exited") && (from == QLatin1String("running") || from == QLatin1String("paused")))
        return QStringLiteral("kill %1").arg(name);
    if (target == QLatin1String("removed") && (from == QLatin1String("created") || from == QLatin1String("exited")))
        return QStringLiteral("rm %1").arg(name);
    return {};
}

void LifecycleScene::requestState(const QString &target)
{
    const QString line = commandTo(target);
    if (line.isEmpty()) {
        const QString from = currentState();
        setCaption([from, target] {
            return QCoreApplication::translate("Lifecycle", "No single command leads from %1 to %2: follow the arrows.").arg(stateName(from), stateName(target));
        });
        return;
    }
    emit commandWanted(line);
}

void LifecycleScene::onSnapshot(const EngineSnapshotPtr &s)
{
    // The engine's records are the truth for containers no event told us about.
    for (const auto &c : s->containers) {
        const QString name = QString::fromStdString(c.name);
        m_nameOf[QString::fromStdString(c.id)] = name;
        if (!m_state.contains(name)) {
            QString st = QString::fromUtf8(engine::container::toString(c.state.status));
            if (st == QLatin1String("dead") || st == QLatin1String("removing"))
                st = QStringLiteral("exited");
            m_state[name] = st;
            if (name == m_followed && !animating())
                light(st);
        }
    }
}

void LifecycleScene::handleCommand(const SceneCommand &c)
{
    const auto [verb, target] = verbAndTarget(c.args);
    if (!c.finished) {
        m_lastCommand = verb;
        if (!target.isEmpty() && !targetOf(verb).isEmpty() && m_state.contains(target) && m_subject.isEmpty())
            enqueue([this, target = target] { follow(target); });
        enqueue([this] { clearMissing(); });
        return;
    }
    if (c.exitCode == 0 || targetOf(verb).isEmpty())
        return;
    const QString message = c.error.trimmed().section('\n', 0, 0);
    enqueue([this, verb = verb, target = target, message] {
        if (!target.isEmpty() && m_subject.isEmpty() && m_state.contains(target))
            follow(target);
        if (target == m_followed || target.isEmpty() || !m_state.contains(target))
            refuse(verb, message);
    });
}

void LifecycleScene::handle(const engine::events::Event &e)
{
    const QString id = QString::fromStdString(e.id);
    switch (e.kind) {
    case EventKind::ContainerCreated: {
        const QString name = attrText(e.attrs, "name");
        m_nameOf[id] = name;
        m_state[name] = QStringLiteral("created");
        enqueue([this, name] {
            if (m_subject.isEmpty() || m_subject == name) {
                m_followed = name;
                clearMissing();
                update();
            }
            if (name != m_followed)
                return;
            takeEdge(QStringLiteral("none"), QStringLiteral("created"));
            setCaption([] { return QCoreApplication::translate("Lifecycle", "create: the image's layers get one thin read-write layer on top; nothing runs yet."); });
        });
        break;
    }
    case EventKind::ContainerStateChanged: {
        const QString name = attrText(e.attrs, "name");
        const QString from = attrText(e.attrs, "from");
        QString to = attrText(e.attrs, "to");
        m_nameOf[id] = name;
        if (to == QLatin1String("removing") || to == QLatin1String("restarting"))
            break; // passing states: the next event says where it lands
        if (to == QLatin1String("dead"))
            to = QStringLiteral("exited");
        const QString prev = m_state.value(name, from);
        m_state[name] = to;
        const qint64 code = -1;
        Q_UNUSED(code);
        enqueue([this, name, prev, to] {
            if (m_subject.isEmpty() && m_followed != name) {
                m_followed = name;
                update();
            }
            if (name != m_followed)
                return;
            takeEdge(prev == QLatin1String("removing") ? QStringLiteral("exited") : prev, to);
            if (to == QLatin1String("running") && prev == QLatin1String("paused"))
                setCaption([] { return QCoreApplication::translate("Lifecycle", "unpause: the freezer thaws every process; they go on where they stopped."); });
            else if (to == QLatin1String("running"))
                setCaption([] { return QCoreApplication::translate("Lifecycle", "start: the union is mounted and the command runs as PID 1 in new namespaces."); });
            else if (to == QLatin1String("paused"))
                setCaption([] { return QCoreApplication::translate("Lifecycle", "pause: the cgroup freezer stops every process; memory stays, nothing runs."); });
            else if (to == QLatin1String("exited"))
                setCaption([] { return QCoreApplication::translate("Lifecycle", "The container's PID 1 ended: no process left, but its files and layer stay."); });
        });
        break;
    }
    case EventKind::ContainerRemoved: {
        const QString name = attrText(e.attrs, "name");
        const QString prev = m_state.value(name, QStringLiteral("exited"));
        m_state[name] = QStringLiteral("removed");
        enqueue([this, name, prev] {
            if (name != m_followed)
                return;
            takeEdge(prev, QStringLiteral("removed"));
            setCaption([] { return QCoreApplication::translate("Lifecycle", "rm: the read-write layer and the container's directory are deleted; the image stays."); });
        });
        break;
    }
    default: break;
    }
}

} // namespace strata::gui
