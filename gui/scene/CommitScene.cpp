// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/CommitScene.h"

#include "core/EventText.h"
#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QPropertyAnimation>

namespace strata::gui {

using engine::events::EventKind;

namespace {

constexpr qreal kLeftX = 50, kRightX = 640, kStackW = 490, kStackBottom = 440, kSlabH = 50, kGap = 8;
constexpr qreal kHistoryTop = 480, kRowH = 30;
constexpr int kMaxRows = 7;

bool sameId(const QString &a, const QString &b)
{
    auto bare = [](QString s) { return s.startsWith(QLatin1String("sha256:")) ? s.mid(7) : s; };
    return !a.isEmpty() && !b.isEmpty() && (bare(a).startsWith(bare(b)) || bare(b).startsWith(bare(a)));
}

// One read-only layer slab of either stack: "L<n>  <digest> · <size>" over
// the line that made it; lit and "+1" for the layer commit just wrote.
BoxItem *layerSlab(const QString &key, const engine::LayerView &l, int i, const QRectF &r, bool made = false)
{
    auto *b = new BoxItem(QStringLiteral("layer"), key, QSizeF(kStackW, kSlabH), Role::Layer);
    b->setSize(r.size());
    b->setPos(r.topLeft());
    b->icon = Icon::Lock;
    b->titleSize = std::min<qreal>(17, r.height() * 0.4);
    const QString digest = shortDigest(l.diffId.str()), by = QString::fromStdString(l.createdBy).simplified();
    const qint64 size = static_cast<qint64>(l.size);
    b->title = [i, digest, size] { return QStringLiteral("L%1  %2 · %3").arg(i + 1).arg(digest, humanBytes(static_cast<quint64>(size))); };
    b->subtitle = [by, made] { return made ? QCoreApplication::translate("Commit", "the container's changes, now read-only") : by; };
    b->setState(made ? QStringLiteral("lit") : QStringLiteral("done"));
    b->badge = made ? QStringLiteral("+1") : QStringLiteral("R/O");
    b->setData(HighlightData, QStringLiteral("layer:%1").arg(i + 1));
    return b;
}

} // namespace

CommitScene::CommitScene(QObject *parent) : EventScene(QStringLiteral("commit"), parent)
{
    auto *title = new NoteItem(QStringLiteral("title"), QStringLiteral("commit"), 1100);
    title->framed = false;
    title->textSize = 22;
    title->text = [this] {
        return m_containerName.isEmpty()
                   ? QCoreApplication::translate("Commit", "<b>commit</b> — a container's read-write layer becomes a new image's read-only layer")
                   : QCoreApplication::translate("Commit", "<b>commit</b> <code>%1</code> — its read-write layer becomes a new image's read-only layer")
                         .arg(m_containerName.toHtmlEscaped());
    };
    title->setPos(30, 14);
    addItem(title);
    auto label = [this](const QString &key, qreal x, TextFn text) {
        auto *n = new NoteItem(QStringLiteral("stack-label"), key, kStackW);
        n->framed = false;
        n->textSize = 18;
        n->text = std::move(text);
        n->setPos(x, 60);
        addItem(n);
    };
    label(QStringLiteral("base"), kLeftX, [this] {
        return m_baseRef.isEmpty() ? QCoreApplication::translate("Commit", "container: image layers + its RW layer")
                                   : QCoreApplication::translate("Commit", "container on <b>%1</b>").arg(m_baseRef.toHtmlEscaped());
    });
    label(QStringLiteral("new"), kRightX, [this] {
        return !m_committed ? QCoreApplication::translate("Commit", "new image: appears on commit")
                            : QCoreApplication::translate("Commit", "new image <b>%1</b> <code>%2</code>")
                                  .arg((m_newName.isEmpty() ? QCoreApplication::translate("Commit", "&lt;none&gt;") : m_newName.toHtmlEscaped()), shortDigest(m_newImageId.toStdString()));
    });
    setCaption([] { return QCoreApplication::translate("Commit", "Run a container that changes files, then `commit` it: its layer hardens into a new image."); });
}

QRectF CommitScene::slabRect(qreal x, int index, int count) const
{
    const qreal h = std::min<qreal>(kSlabH, (kStackBottom - 110) / std::max(1, count) - kGap);
    return QRectF(x, kStackBottom - (index + 1) * (h + kGap), kStackW, h);
}

void CommitScene::clearKind(const QString &kind, const QString &prefix)
{
    for (QGraphicsItem *i : itemsOfKind(kind))
        if (prefix.isEmpty() || i->data(KeyData).toString().startsWith(prefix)) {
            removeItem(i);
            delete i;
        }
}

void CommitScene::setSubject(const QString &subject)
{
    EventScene::setSubject(subject);
    for (auto it = m_nameOf.begin(); it != m_nameOf.end(); ++it)
        if (it.value() == subject || it.key().startsWith(subject))
            follow(it.key());
}

void CommitScene::follow(const QString &containerId)
{
    if (containerId == m_containerId)
        return;
    m_containerId = containerId;
    m_containerName = m_nameOf.value(containerId, containerId.left(12));
    m_modified = m_deleted = m_added = 0;
    m_size = 0;
    m_committed = false;
    m_new.reset();
    clearKind(QStringLiteral("layer"), QStringLiteral("new:"));
    clearKind(QStringLiteral("history-row"), QStringLiteral("new:"));
    clearKind(QStringLiteral("history-head"), QStringLiteral("new"));
    clearKind(QStringLiteral("committed-layer"));
    clearKind(QStringLiteral("commit-arrow"));
    m_copy = nullptr;
    if (m_rw) {
        removeItem(m_rw);
        delete m_rw;
        m_rw = nullptr;
    }
    const QString ref = m_imageOf.value(containerId);
    if (!ref.isEmpty() && ref != m_baseRef) {
        m_baseRef = ref;
        m_base.reset();
        clearKind(QStringLiteral("layer"), QStringLiteral("base:"));
        clearKind(QStringLiteral("history-row"), QStringLiteral("base:"));
        clearKind(QStringLiteral("history-head"), QStringLiteral("base"));
        emit detailWanted(ref);
    }
    buildBase();
    update();
}

void CommitScene::buildBase()
{
    const int n = m_base ? static_cast<int>(m_base->layers.size()) : 0;
    if (m_base && itemsOfKind(QStringLiteral("layer")).isEmpty()) {
        for (int i = 0; i < n; ++i) {
            addItem(layerSlab(QStringLiteral("base:%1").arg(i), m_base->layers[static_cast<std::size_t>(i)], i,
                              slabRect(kLeftX, i, n + 1)));
        }
        addHistory(QStringLiteral("base"), m_base, kLeftX, 0);
    }
    if (!m_rw && !m_containerId.isEmpty()) {
        m_rw = new BoxItem(QStringLiteral("container-layer"), m_containerId, QSizeF(kStackW, kSlabH), Role::Container);
        const QRectF r = slabRect(kLeftX, n, n + 1);
        m_rw->setSize(r.size());
        m_rw->setPos(r.topLeft());
        m_rw->icon = Icon::Pencil;
        m_rw->titleSize = std::min<qreal>(17, r.height() * 0.4);
        m_rw->title = [this] { return QCoreApplication::translate("Commit", "RW layer of %1").arg(m_containerName); };
        m_rw->subtitle = [this] { return QCoreApplication::translate("Commit", "C %1 · D %2 · A %3").arg(m_modified).arg(m_deleted).arg(m_added); };
        m_rw->setState(QStringLiteral("lit"));
        m_rw->setData(StateData, QStringLiteral("writable"));
        m_rw->badge = QStringLiteral("R/W");
        addItem(m_rw);
    } else if (m_rw) {
        const QRectF r = slabRect(kLeftX, n, n + 1);
        if (!m_committed) {
            m_rw->setSize(r.size());
            m_rw->setPos(r.topLeft());
        }
    }
}

void CommitScene::addHistory(const QString &side, const ImageDetailPtr &d, qreal x, int newRows)
{
    auto *head = new BoxItem(QStringLiteral("history-head"), side, QSizeF(kStackW, kRowH), Role::Neutral);
    head->setPos(x, kHistoryTop);
    head->rounded = false;
    head->titleSize = 15;
    const int rows = static_cast<int>(d->history.size());
    head->title = [rows] { return QCoreApplication::translate("Commit", "history: %n row(s)", nullptr, rows); };
    head->setState(QStringLiteral("done"));
    head->badge = QString::number(rows);
    addItem(head);
    for (int i = 0; i < rows && i < kMaxRows; ++i) {
        const auto &h = d->history[static_cast<std::size_t>(i)];
        auto *row = new BoxItem(QStringLiteral("history-row"), QStringLiteral("%1:%2").arg(side).arg(i), QSizeF(kStackW, kRowH - 2), Role::Neutral);
        row->setPos(x, kHistoryTop + (i + 1) * kRowH);
        row->rounded = false;
        row->titleSize = 14;
        const QString by = QString::fromStdString(h.createdBy).simplified();
        const QString size = h.emptyLayer ? QStringLiteral("0 B") : humanBytes(h.size);
        row->title = [by, size] { return size + QStringLiteral("   ") + by; };
        row->setState(i < newRows ? QStringLiteral("lit") : QStringLiteral("idle"));
        addItem(row);
    }
}

void CommitScene::buildNew()
{
    if (!m_new || !m_committed)
        return;
    clearKind(QStringLiteral("layer"), QStringLiteral("new:"));
    clearKind(QStringLiteral("history-row"), QStringLiteral("new:"));
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("history-head")))
        if (i->data(KeyData).toString() == QLatin1String("new")) {
            removeItem(i);
            delete i;
        }
    const int n = static_cast<int>(m_new->layers.size());
    for (int i = 0; i < n; ++i) {
        const bool top = i == n - 1;
        auto *b = layerSlab(QStringLiteral("new:%1").arg(i), m_new->layers[static_cast<std::size_t>(i)], i,
                            slabRect(kRightX, i, n), top);
        addItem(b);
        if (top)
            pulse(b);
    }
    const int added = m_base ? std::max(0, static_cast<int>(m_new->history.size()) - static_cast<int>(m_base->history.size())) : 1;
    addHistory(QStringLiteral("new"), m_new, kRightX, added);
    if (m_copy)
        m_copy->setVisible(false); // it has become the new image's top slab
    const int rows = static_cast<int>(m_new->history.size());
    setCaption([n, rows] {
        return QCoreApplication::translate("Commit", "The new image is the old layers plus one: %1 layers, and `history` has a new row on top (%2 rows).").arg(n).arg(rows);
    });
    update();
}

QJsonObject CommitScene::dump() const
{
    QJsonObject o = EventScene::dump();
    QJsonArray layers, committed;
    if (m_base)
        for (const auto &l : m_base->layers)
            layers.append(QString::fromStdString(l.diffId.str()));
    if (m_new && m_committed && !m_new->layers.empty())
        committed.append(QJsonObject{{QStringLiteral("image"), m_newName},
                                     {QStringLiteral("imageId"), m_newImageId},
                                     {QStringLiteral("layer"), static_cast<int>(m_new->layers.size())},
                                     {QStringLiteral("digest"), QString::fromStdString(m_new->layers.back().diffId.str())}});
    o[QStringLiteral("image")] = m_baseRef;
    o[QStringLiteral("layers")] = layers;
    o[QStringLiteral("committed")] = committed;
    o[QStringLiteral("containers")] = QJsonArray{m_containerName};
    return o;
}

void CommitScene::onSnapshot(const EngineSnapshotPtr &s)
{
    for (const auto &c : s->containers) {
        const QString id = QString::fromStdString(c.id);
        m_nameOf[id] = QString::fromStdString(c.name);
        if (!m_imageOf.contains(id))
            m_imageOf[id] = QString::fromStdString(c.image);
    }
    const bool gone = !m_containerId.isEmpty() && std::none_of(s->containers.begin(), s->containers.end(), [this](const auto &c) {
        return QString::fromStdString(c.id) == m_containerId;
    });
    if (gone) { // removed (rm, a lesson's Reset): nothing of it stays drawn
        m_baseRef.clear();
        m_base.reset();
        clearKind(QStringLiteral("layer"));
        clearKind(QStringLiteral("history-row"));
        clearKind(QStringLiteral("history-head"));
        follow(QString());
    }
    if (m_containerId.isEmpty() && !s->containers.empty() && (m_subject.isEmpty() || gone))
        follow(QString::fromStdString(s->containers.front().id));
}

void CommitScene::onDetail(const ImageDetailPtr &d)
{
    if (!m_baseRef.isEmpty() && d->ref == m_baseRef && !m_base) {
        m_base = d;
        enqueue([this] {
            buildBase();
            update();
        });
    }
    if (m_committed && sameId(QString::fromStdString(d->id), m_newImageId)) {
        m_new = d;
        enqueue([this] { buildNew(); });
    }
}

void CommitScene::handle(const engine::events::Event &e)
{
    const QString id = QString::fromStdString(e.id);
    switch (e.kind) {
    case EventKind::ContainerCreated:
        m_nameOf[id] = attrText(e.attrs, "name");
        m_imageOf[id] = attrText(e.attrs, "image");
        if (m_subject.isEmpty() || m_subject == m_nameOf[id])
            enqueue([this, id] { follow(id); });
        break;
    case EventKind::CopiedUp:
    case EventKind::WhiteoutCreated:
    case EventKind::UpperPathAdded:
        if (id != m_containerId)
            break;
        enqueue([this, kind = e.kind] {
            if (kind == EventKind::CopiedUp)
                ++m_modified;
            else if (kind == EventKind::WhiteoutCreated)
                ++m_deleted;
            else
                ++m_added;
            if (m_rw)
                m_rw->update();
        });
        break;
    case EventKind::UpperChangesSummarised:
        if (id != m_containerId)
            break;
        enqueue([this, a = e.attrs] {
            m_modified = static_cast<int>(attrNumber(a, "copied_up"));
            m_deleted = static_cast<int>(attrNumber(a, "whiteouts"));
            m_added = static_cast<int>(attrNumber(a, "added"));
            if (m_rw)
                m_rw->update();
        });
        break;
    case EventKind::StepReached:
        if (id != QLatin1String("commit"))
            break;
        enqueue([this, phase = attrText(e.attrs, "phase"), index = attrNumber(e.attrs, "index"), count = attrNumber(e.attrs, "count")] {
            setCaption([phase, index, count] { return QCoreApplication::translate("Commit", "commit, phase %1 of %2: %3").arg(index + 1).arg(count).arg(phase); });
        });
        break;
    case EventKind::LayerWritten:
        enqueue([this, a = e.attrs] {
            m_modified = static_cast<int>(attrNumber(a, "modified"));
            m_deleted = static_cast<int>(attrNumber(a, "deleted"));
            m_added = static_cast<int>(attrNumber(a, "added"));
            m_size = attrNumber(a, "size");
            if (m_rw)
                m_rw->update();
            setCaption([] { return QCoreApplication::translate("Commit", "The container's changes are written as one layer tar: the layer is now fixed."); });
        });
        break;
    case EventKind::ContainerCommitted: {
        const QString image = attrText(e.attrs, "image"), name = attrText(e.attrs, "name");
        enqueue([this, id] {
            if (m_subject.isEmpty())
                follow(id);
        });
        enqueue([this, id, image, name] {
            if (id != m_containerId)
                return;
            m_committed = true;
            m_newImageId = image;
            m_newName = name;
            if (m_rw) { // a hardened copy: lock, grey-blue, read-only; the container keeps its own layer
                m_rw->setState(QStringLiteral("done"));
                m_rw->setData(StateData, QStringLiteral("committed"));
                m_copy = new BoxItem(QStringLiteral("committed-layer"), m_containerId, m_rw->size(), Role::Layer);
                m_copy->setPos(m_rw->pos());
                m_copy->icon = Icon::Lock;
                m_copy->badge = QStringLiteral("R/O");
                m_copy->titleSize = m_rw->titleSize;
                m_copy->title = [this] {
                    return QCoreApplication::translate("Commit", "committed layer · %1").arg(humanBytes(static_cast<quint64>(m_size)));
                };
                m_copy->subtitle = m_rw->subtitle;
                m_copy->setState(QStringLiteral("lit"));
                m_copy->setData(StateData, QStringLiteral("hardened"));
                m_copy->setZValue(5);
                addItem(m_copy);
                pulse(m_copy);
            }
            setCaption([] { return QCoreApplication::translate("Commit", "The read-write layer hardens: locked, read-only, ready to be shared."); });
            emit detailWanted(image);
            update();
        });
        enqueue([this] {
            if (!m_copy)
                return;
            const int n = m_base ? static_cast<int>(m_base->layers.size()) + 1 : 1;
            const QPointF to = slabRect(kRightX, n - 1, n).topLeft();
            auto *arrow = new ArrowItem(QStringLiteral("commit-arrow"), m_containerId);
            arrow->setEnds(m_rw->anchor(Qt::RightEdge) + QPointF(6, 0), to + QPointF(-6, m_rw->size().height() / 2), -30);
            arrow->label = [] { return QStringLiteral("commit"); };
            arrow->setState(QStringLiteral("taken"));
            addItem(arrow);
            glide(m_copy, m_copy->pos(), to);
            setCaption([] { return QCoreApplication::translate("Commit", "It slides onto a new image: the same lower layers, shared, plus this one."); });
            buildNew();
        });
        break;
    }
    case EventKind::ContainerRemoved:
        break;
    default: break;
    }
}

} // namespace strata::gui
