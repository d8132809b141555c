// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/LayerStackScene.h"

#include "core/EventText.h"
#include "core/Palette.h"
#include "scene/SceneItems.h"

#include <QCoreApplication>
#include <QEasingCurve>
#include <QFileInfo>
#include <QGraphicsPathItem>
#include <QJsonArray>
#include <QParallelAnimationGroup>
#include <QPropertyAnimation>

#include <algorithm>

namespace strata::gui {

using engine::events::EventKind;

namespace {

constexpr qreal kLeft = 40;
constexpr qreal kStackWidth = 760;
constexpr qreal kPlaneTop = 20;
constexpr qreal kPlaneHeight = 168;
constexpr qreal kContainerTop = 212;
constexpr qreal kContainerHeight = 72;
constexpr qreal kStackTop = 318;
constexpr qreal kStackBottom = 770;
constexpr int kBacklog = 8; // more queued animations than this: draw them at once

qint64 num(const nlohmann::json &a, const char *key)
{
    return a.contains(key) && a[key].is_number() ? a[key].get<qint64>() : 0;
}

QString str(const nlohmann::json &a, const char *key)
{
    return a.contains(key) && a[key].is_string() ? QString::fromStdString(a[key].get<std::string>()) : QString();
}

QString baseName(const QString &path)
{
    const QString p = path.endsWith('/') ? path.chopped(1) : path;
    return p.mid(p.lastIndexOf('/') + 1);
}

// "strata/busybox" and "strata/busybox:latest" name one image.
QString normaliseRef(const QString &ref)
{
    if (ref.startsWith(QLatin1String("sha256:")) || ref.contains('@'))
        return ref;
    return ref.section('/', -1).contains(':') ? ref : ref + QStringLiteral(":latest");
}

bool sameId(const QString &a, const QString &b)
{
    return !a.isEmpty() && !b.isEmpty() && (a.startsWith(b) || b.startsWith(a));
}

} // namespace

LayerStackScene::LayerStackScene(QObject *parent) : QGraphicsScene(parent)
{
    setSceneRect(0, 0, kWidth, kHeight);
    setBackgroundBrush(Palette::current().background);
}

// ---- animation queue ----

int LayerStackScene::duration() const
{
    return static_cast<int>(450 / std::max(0.1, m_speed));
}

bool LayerStackScene::animating() const
{
    return !m_queue.empty() || (m_running && m_running->state() == QAbstractAnimation::Running);
}

void LayerStackScene::enqueue(Maker make)
{
    m_queue.push_back(std::move(make));
    if (!m_running)
        runNext();
}

void LayerStackScene::runNext()
{
    while (!m_queue.empty()) {
        const bool rush = m_instant || static_cast<int>(m_queue.size()) > kBacklog;
        Maker make = std::move(m_queue.front());
        m_queue.pop_front();
        QAbstractAnimation *a = make(rush ? 0 : duration());
        if (!a)
            continue;
        if (rush) { // faster than the eye: jump to the end state
            a->start();
            a->setCurrentTime(a->totalDuration());
            a->stop();
            delete a;
            continue;
        }
        m_running = a;
        connect(a, &QAbstractAnimation::finished, this, [this] {
            m_running = nullptr;
            runNext();
        });
        a->start(QAbstractAnimation::DeleteWhenStopped);
        return;
    }
    emit settled();
}

void LayerStackScene::finishAnimations()
{
    m_instant = true;
    if (m_running && m_running->state() == QAbstractAnimation::Running)
        m_running->setCurrentTime(m_running->totalDuration()); // finished → runNext() rushes the rest
    else
        runNext();
    m_instant = false;
}

void LayerStackScene::reset()
{
    clearStack();
    m_detail = nullptr;
    m_loading = false;
    m_selectedPath.clear();
    m_caption.clear();
    m_deferred.clear();
}

QAbstractAnimation *LayerStackScene::appear(QGraphicsObject *item, QPointF to, QPointF from)
{
    auto *group = new QParallelAnimationGroup;
    auto *fade = new QPropertyAnimation(item, "opacity");
    fade->setStartValue(0.0);
    fade->setEndValue(1.0);
    fade->setEasingCurve(QEasingCurve::InOutCubic);
    group->addAnimation(fade);
    if (m_reducedMotion) {
        item->setPos(to);
    } else {
        auto *move = new QPropertyAnimation(item, "pos");
        move->setStartValue(from);
        move->setEndValue(to);
        move->setEasingCurve(QEasingCurve::InOutCubic);
        group->addAnimation(move);
    }
    return group;
}

static void setDurations(QAbstractAnimation *a, int ms)
{
    if (auto *g = qobject_cast<QAnimationGroup *>(a)) {
        for (int i = 0; i < g->animationCount(); ++i)
            setDurations(g->animationAt(i), ms);
    } else if (auto *v = qobject_cast<QVariantAnimation *>(a)) {
        v->setDuration(ms);
    }
}

// ---- layout ----

QRectF LayerStackScene::slabRect(int index, int count) const
{
    const qreal avail = kStackBottom - kStackTop;
    const qreal gap = count > 20 ? 1 : 8;
    const qreal h = std::min<qreal>(84, (avail - gap * (count - 1)) / std::max(1, count));
    // Hang the stack just under the container zone: a short stack stays near the top.
    const qreal y = kStackTop + (count - 1 - index) * (h + gap);
    return QRectF(kLeft, y, kStackWidth, h);
}

QRectF LayerStackScene::containerRect(int index, int count) const
{
    const qreal gap = 16;
    const qreal w = (kStackWidth - gap * (count - 1)) / std::max(1, count);
    return QRectF(kLeft + index * (w + gap), kContainerTop, w, kContainerHeight);
}

void LayerStackScene::clearStack()
{
    m_queue.clear();
    if (m_running)
        m_running->stop();
    m_running = nullptr;
    clear();
    m_layers.clear();
    m_containers.clear();
    m_committed.clear();
    m_planeTiles.clear();
    m_beams.clear();
    m_dirLabels.clear();
    m_plane = nullptr;
    m_mountLower.clear();
    m_mountUpper.clear();
    m_mountWork.clear();
    m_mountMerged.clear();
}

SlabItem *LayerStackScene::addLayerSlab(int index, int count)
{
    auto *slab = new SlabItem(false);
    slab->layerIndex = index;
    slab->setData(KeyData, index);
    const QRectF r = slabRect(index, count);
    slab->setSize(r.size());
    slab->setPos(r.topLeft());
    slab->setOpacity(0);
    addItem(slab);
    connect(slab, &SlabItem::hovered, this, &LayerStackScene::highlightLayer);
    if (static_cast<int>(m_layers.size()) <= index)
        m_layers.resize(static_cast<std::size_t>(index) + 1);
    m_layers[static_cast<std::size_t>(index)] = slab;
    QPointer<SlabItem> p(slab);
    enqueue([this, p](int ms) -> QAbstractAnimation * {
        if (!p)
            return nullptr;
        // Where the slab belongs when it is drawn, not when it was queued: a
        // base layer extracted for another image (the built-ins share it) is
        // queued as the top of a one-layer stack and must land at the bottom.
        const QPointF to = slabRect(p->layerIndex, static_cast<int>(m_layers.size())).topLeft();
        auto *a = appear(p, to, to - QPointF(0, 120));
        setDurations(a, ms);
        return a;
    });
    return slab;
}

void LayerStackScene::layoutStack(bool animate)
{
    const int n = static_cast<int>(m_layers.size());
    for (int i = 0; i < n; ++i) {
        if (!m_layers[static_cast<std::size_t>(i)])
            continue;
        SlabItem *s = m_layers[static_cast<std::size_t>(i)];
        const QRectF r = slabRect(i, n);
        s->setSize(r.size());
        if (!animate)
            s->setPos(r.topLeft());
    }
}

SlabItem *LayerStackScene::containerSlab(const QString &id) const
{
    for (const auto &c : m_containers)
        if (c && (c->containerId == id || id.startsWith(c->containerId) || c->containerId.startsWith(id)))
            return c;
    return nullptr;
}

SlabItem *LayerStackScene::ensureContainer(const QString &id)
{
    if (SlabItem *s = containerSlab(id))
        return s;
    auto *slab = new SlabItem(true);
    slab->containerId = id;
    slab->setData(KeyData, id);
    slab->setOpacity(0);
    addItem(slab);
    m_containers.emplace_back(slab);
    layoutContainers();
    QPointer<SlabItem> p(slab);
    enqueue([this, p](int ms) -> QAbstractAnimation * {
        if (!p)
            return nullptr;
        auto *a = appear(p, p->pos(), p->pos() - QPointF(0, 60));
        setDurations(a, ms);
        return a;
    });
    buildDirLabels();
    return slab;
}

void LayerStackScene::layoutContainers()
{
    // One row on top of the stack: the containers' writable layers, then the
    // layers commits made from them (each the top of a new image on this chain).
    std::vector<SlabItem *> row;
    for (const auto &c : m_containers)
        if (c)
            row.push_back(c);
    for (const auto &c : m_committed)
        if (c)
            row.push_back(c);
    const int n = static_cast<int>(row.size());
    for (int i = 0; i < n; ++i) {
        const QRectF r = containerRect(i, n);
        row[static_cast<std::size_t>(i)]->setSize(r.size());
        row[static_cast<std::size_t>(i)]->setPos(r.topLeft());
        row[static_cast<std::size_t>(i)]->reflowTiles();
    }
}

QString LayerStackScene::containerIdOf(const engine::events::Event &e) const
{
    switch (e.kind) {
    case EventKind::ContainerLayerCreated:
    case EventKind::UnionMounted:
    case EventKind::CopiedUp:
    case EventKind::WhiteoutCreated:
    case EventKind::OpaqueDirCreated:
    case EventKind::UpperPathAdded:
    case EventKind::UpperChangesSummarised:
    case EventKind::ContainerCommitted: return QString::fromStdString(e.id);
    case EventKind::LayerWritten: return str(e.attrs, "container");
    default: return {};
    }
}

QString LayerStackScene::imageOfContainer(const QString &id) const
{
    for (auto it = m_containerImage.begin(); it != m_containerImage.end(); ++it)
        if (sameId(it.key(), id))
            return it.value();
    if (m_snapshot)
        for (const auto &c : m_snapshot->containers)
            if (sameId(QString::fromStdString(c.id), id))
                return QString::fromStdString(c.imageId.str());
    return {};
}

bool LayerStackScene::isShownImage(const QString &image) const
{
    if (!m_detail || image.isEmpty())
        return false;
    const QString shownId = QString::fromStdString(m_detail->id);
    if (image == shownId || normaliseRef(image) == normaliseRef(m_detail->ref))
        return true;
    if (m_snapshot)
        for (const auto &img : m_snapshot->images)
            for (const auto &t : img.repoTags)
                if (QString::fromStdString(t) == normaliseRef(image))
                    return QString::fromStdString(img.id.str()) == shownId;
    return false;
}

QString LayerStackScene::refOfImage(const QString &image) const
{
    if (!image.startsWith(QLatin1String("sha256:")))
        return normaliseRef(image);
    if (m_snapshot)
        for (const auto &img : m_snapshot->images)
            if (QString::fromStdString(img.id.str()) == image && !img.repoTags.empty())
                return QString::fromStdString(img.repoTags.front());
    return image;
}

void LayerStackScene::onSnapshot(const EngineSnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    syncContainers();
}

void LayerStackScene::removeContainerSlab(const QString &id)
{
    for (auto it = m_containers.begin(); it != m_containers.end(); ++it)
        if (*it && sameId((*it)->containerId, id)) {
            delete it->data();
            m_containers.erase(it);
            break;
        }
    if (m_containers.empty()) {
        m_mountLower.clear();
        m_mountUpper.clear();
        m_mountWork.clear();
        m_mountMerged.clear();
    }
}

void LayerStackScene::syncContainers()
{
    if (!m_detail || !m_snapshot || m_loading)
        return;
    const std::string shown = m_detail->id;
    bool changed = false;
    // Gone from the store, or of another image: not drawn here.
    std::vector<QString> drop;
    for (const auto &c : m_containers) {
        if (!c)
            continue;
        const auto it = std::find_if(m_snapshot->containers.begin(), m_snapshot->containers.end(), [&](const auto &s) {
            return sameId(QString::fromStdString(s.id), c->containerId);
        });
        if (it == m_snapshot->containers.end() || it->imageId.str() != shown)
            drop.push_back(c->containerId);
    }
    for (const QString &id : drop)
        removeContainerSlab(id);
    changed = !drop.empty();
    // Every container of this image, also those made before the app started.
    for (const auto &c : m_snapshot->containers) {
        if (c.imageId.str() != shown)
            continue;
        const QString id = QString::fromStdString(c.id);
        SlabItem *slab = containerSlab(id);
        if (!slab) {
            slab = new SlabItem(true);
            slab->containerId = id;
            slab->setData(KindData, QStringLiteral("container-layer"));
            slab->setData(KeyData, id);
            addItem(slab);
            m_containers.emplace_back(slab);
            const auto ch = m_snapshot->containerChanges.find(c.id);
            if (ch != m_snapshot->containerChanges.end()) {
                slab->added = ch->second.added;
                slab->copiedUp = ch->second.changed;
                slab->whiteouts = ch->second.deleted;
                layoutContainers();
                for (const auto &line : ch->second.first) { // the first changes, as tiles in its layer
                    if (slab->childItems().size() >= 6)
                        break;
                    const QString path = QString::fromStdString(line.path);
                    // `diff` lists the directories above a change as C: the files say it.
                    if (line.kind == 'C' && std::any_of(ch->second.first.begin(), ch->second.first.end(), [&](const auto &o) {
                            return o.path.size() > line.path.size() && o.path.rfind(line.path + "/", 0) == 0;
                        }))
                        continue;
                    const Mark mark = line.kind == 'A' ? Mark::Added : line.kind == 'C' ? Mark::Modified : Mark::Whiteout;
                    auto *tile = new TileItem(baseName(path), mark);
                    tile->path = path;
                    tile->layer = line.fromLayer;
                    tile->note = path;
                    tile->setToolTip(path);
                    tile->setData(KindData, QStringLiteral("tile-state"));
                    tile->setData(KeyData, path);
                    tile->setZValue(10);
                    tile->setParentItem(slab);
                    tile->setPos(slab->nextTilePos());
                }
                slab->reflowTiles();
            }
            changed = true;
        }
        slab->name = QString::fromStdString(c.name);
        slab->setToolTip(QCoreApplication::translate("Scene", "container %1 (%2): its own writable layer, %3")
                             .arg(slab->name, id.left(12), humanBytes(m_snapshot->containerLayerBytes.count(c.id)
                                                                          ? m_snapshot->containerLayerBytes.at(c.id)
                                                                          : 0)));
        slab->highlighted = !m_subjectContainer.isEmpty() && (sameId(id, m_subjectContainer) || slab->name == m_subjectContainer);
        slab->update();
    }
    // Images whose chain is this one plus one layer: that layer stands beside
    // the containers (a commit's result on its real parent).
    std::vector<std::string> chain;
    for (const auto &l : m_detail->layers)
        chain.push_back(l.diffId.str());
    std::vector<std::pair<std::string, std::string>> children; // image id, top diff id
    for (const auto &[imageId, ids] : m_snapshot->imageDiffIds)
        if (imageId != shown && ids.size() == chain.size() + 1 && std::equal(chain.begin(), chain.end(), ids.begin()))
            children.emplace_back(imageId, ids.back());
    for (auto it = m_committed.begin(); it != m_committed.end();) {
        const bool keep = *it && std::any_of(children.begin(), children.end(), [&](const auto &c) {
                              return QString::fromStdString(c.first) == (*it)->containerId;
                          });
        if (keep) {
            ++it;
            continue;
        }
        delete it->data();
        it = m_committed.erase(it);
        changed = true;
    }
    for (const auto &[imageId, diffId] : children) {
        const QString key = QString::fromStdString(imageId);
        if (std::any_of(m_committed.begin(), m_committed.end(), [&](const auto &c) { return c && c->containerId == key; }))
            continue;
        auto *slab = new SlabItem(false);
        slab->containerId = key; // the new image's id: which image this top layer belongs to
        slab->layerIndex = static_cast<int>(chain.size());
        slab->digest = shortDigest(diffId);
        slab->name = refOfImage(key);
        slab->files = -1; // its size is the new image's business: the slab names the image
        slab->createdBy = QCoreApplication::translate("Scene", "top of %1").arg(slab->name);
        slab->setToolTip(QCoreApplication::translate("Scene", "image %1 = the layers below + this one").arg(slab->name));
        slab->setData(KindData, QStringLiteral("committed-layer"));
        slab->setData(KeyData, key);
        addItem(slab);
        m_committed.emplace_back(slab);
        changed = true;
    }
    if (changed) {
        layoutContainers();
        buildDirLabels();
    }
}

void LayerStackScene::setSubjectContainer(const QString &idOrName)
{
    m_subjectContainer = idOrName;
    SlabItem *lit = nullptr;
    for (const auto &c : m_containers)
        if (c) {
            c->highlighted = !idOrName.isEmpty() && (sameId(c->containerId, idOrName) || c->name == idOrName);
            if (c->highlighted)
                lit = c;
            c->update();
        }
    if (lit && m_detail)
        setCaption(QCoreApplication::translate("Scene", "%1's writable layer (C %2 · D %3 · A %4) sits on the %n read-only layer(s) of %5.",
                                               nullptr, static_cast<int>(m_detail->layers.size()))
                       .arg(lit->name.isEmpty() ? lit->containerId.left(12) : lit->name)
                       .arg(lit->copiedUp)
                       .arg(lit->whiteouts)
                       .arg(lit->added)
                       .arg(m_detail->ref));
}

QJsonObject LayerStackScene::dump() const
{
    QJsonObject o;
    o[QStringLiteral("image")] = m_detail ? m_detail->ref : QString();
    o[QStringLiteral("imageId")] = m_detail ? QString::fromStdString(m_detail->id) : QString();
    QJsonArray layers;
    if (m_detail)
        for (const auto &l : m_detail->layers)
            layers.append(QString::fromStdString(l.diffId.str()));
    o[QStringLiteral("layers")] = layers;
    QJsonArray containers, committed, lit;
    for (const auto &c : m_containers)
        if (c) {
            containers.append(QJsonObject{{QStringLiteral("id"), c->containerId}, {QStringLiteral("name"), c->name},
                                          {QStringLiteral("label"), QCoreApplication::translate("Scene", "RW %1").arg(c->name.isEmpty() ? c->containerId.left(8) : c->name)}});
            if (c->highlighted)
                lit.append(QStringLiteral("container:") + (c->name.isEmpty() ? c->containerId : c->name));
        }
    for (const auto &c : m_committed)
        if (c)
            committed.append(QJsonObject{{QStringLiteral("image"), c->name}, {QStringLiteral("imageId"), c->containerId},
                                         {QStringLiteral("layer"), c->layerIndex + 1}});
    for (const auto &l : m_layers)
        if (l && l->highlighted)
            lit.append(QStringLiteral("layer:%1").arg(l->layerIndex + 1));
    if (!m_selectedPath.isEmpty())
        lit.append(QStringLiteral("path:/") + m_selectedPath);
    o[QStringLiteral("containers")] = containers;
    o[QStringLiteral("committed")] = committed;
    o[QStringLiteral("highlighted")] = lit;
    o[QStringLiteral("caption")] = m_caption;
    return o;
}

// ---- image ----

void LayerStackScene::showImage(const ImageDetailPtr &detail)
{
    const bool sameStack = m_loading && detail && m_layers.size() == detail->layers.size();
    // The same image again (after a command): keep what the events drew, including
    // layers a commit hardened on top of it.
    const bool sameImage = m_detail && detail && m_detail->id == detail->id && m_layers.size() >= detail->layers.size();
    m_detail = detail;
    m_loading = false;
    if (!detail) {
        clearStack();
        return;
    }
    const int n = static_cast<int>(detail->layers.size());
    if (!sameStack && !sameImage) {
        m_selectedPath.clear(); // another image: a path named for the last one says nothing here
        clearStack();
        for (int i = 0; i < n; ++i)
            addLayerSlab(i, n);
    }
    for (int i = 0; i < n; ++i) {
        SlabItem *s = m_layers[static_cast<std::size_t>(i)];
        if (!s)
            s = addLayerSlab(i, n);
        const auto &l = detail->layers[static_cast<std::size_t>(i)];
        s->digest = shortDigest(l.diffId.str());
        s->createdBy = QString::fromStdString(l.createdBy);
        s->bytes = static_cast<qint64>(l.size);
        s->files = static_cast<qint64>(detail->perLayer[static_cast<std::size_t>(i)]->size() - 1);
        if (s->state == SlabItem::State::Extracting)
            s->state = SlabItem::State::Ready;
        s->update();
    }
    layoutStack(false);
    // Slabs still flying in were aimed at the stack as it was then (a shared
    // base layer arrives as a one-layer stack): settle them once they land.
    enqueue([this](int) -> QAbstractAnimation * {
        layoutStack(false);
        return nullptr;
    });
    buildPlane();
    syncContainers();
    buildDirLabels();
    // Events about this image's containers that came while another image was
    // shown: the ones the state already shows are settled; the rest (a
    // container the store does not list yet) are drawn now.
    std::vector<engine::events::Event> waiting;
    waiting.swap(m_deferred);
    for (const auto &e : waiting) {
        const QString cid = containerIdOf(e);
        const bool inState = m_snapshot && std::any_of(m_snapshot->containers.begin(), m_snapshot->containers.end(),
                                                       [&](const auto &c) { return sameId(QString::fromStdString(c.id), cid); });
        if (isShownImage(imageOfContainer(cid)) && !inState && e.kind != EventKind::LayerWritten)
            handle(e);
        else if (!isShownImage(imageOfContainer(cid)))
            m_deferred.push_back(e);
    }
    const bool subjectHere = std::any_of(m_containers.begin(), m_containers.end(), [this](const QPointer<SlabItem> &c) {
        return c && !m_subjectContainer.isEmpty() && (c->name == m_subjectContainer || sameId(c->containerId, m_subjectContainer));
    });
    if (subjectHere && !sameImage) // a clicked container: its layer, lit and said
        setSubjectContainer(m_subjectContainer);
    else if (!sameImage) // a redraw of the same image keeps the last event's caption
        setCaption(QCoreApplication::translate("Scene", "%1: %n read-only layer(s); the merged view shows, for each path, the nearest layer's copy.",
                                               nullptr, static_cast<int>(n))
                   .arg(detail->ref));
}

void LayerStackScene::buildPlane()
{
    for (auto *b : m_beams)
        delete b;
    m_beams.clear();
    for (auto &t : m_planeTiles)
        delete t.data();
    m_planeTiles.clear();
    if (!m_plane) {
        m_plane = new PlaneItem;
        addItem(m_plane);
        m_plane->setPos(kLeft, kPlaneTop);
        m_plane->setSize(QSizeF(kStackWidth, kPlaneHeight));
        m_plane->setZValue(-1);
    }
    if (!m_detail)
        return;
    // The instructive paths first: modified (shadowing), deleted, then what
    // the upper layers added, then a few base files.
    const ExplorerTree &t = *m_detail->merged;
    std::vector<int> pick;
    auto take = [&](auto pred, std::size_t max) {
        for (int i = 1; i < t.size() && pick.size() < max; ++i) {
            const auto &n = t.node(i);
            if (n.type == engine::fs::EntryType::Dir || std::find(pick.begin(), pick.end(), i) != pick.end())
                continue;
            if (pred(n))
                pick.push_back(i);
        }
    };
    take([](const ExplorerNode &n) { return n.mark == Mark::Modified; }, 3);
    take([](const ExplorerNode &n) { return n.mark == Mark::Deleted; }, 5);
    take([](const ExplorerNode &n) { return n.mark == Mark::Added; }, 7);
    take([](const ExplorerNode &n) { return n.mark == Mark::None; }, 8);

    const int n = static_cast<int>(m_layers.size());
    std::vector<std::pair<TileItem *, int>> pending; // tiles whose beams are drawn once all tiles stand
    qreal x = kLeft + 14, y = kPlaneTop + 34;
    for (int id : pick) {
        const auto &node = t.node(id);
        auto *tile = new TileItem(QString::fromStdString(node.name), node.mark);
        tile->path = QString::fromStdString(node.path);
        tile->layer = node.layer;
        tile->ghost = node.mark == Mark::Deleted;
        tile->note = node.mark == Mark::Deleted ? (node.byLayer < 0 ? QCoreApplication::translate("Scene", "hidden")
                                                                    : QCoreApplication::translate("Scene", "hidden by L%1").arg(node.byLayer + 1))
                                                : QCoreApplication::translate("Scene", "from L%1").arg(node.layer + 1);
        tile->setData(KindData, QStringLiteral("tile-merged"));
        tile->setData(KeyData, tile->path);
        if (x + tile->width() > kLeft + kStackWidth - 10) {
            x = kLeft + 14;
            y += kTileHeight + 20; // room for the beams to leave the upper row between tiles
        }
        if (y + kTileHeight > kPlaneTop + kPlaneHeight - 4) {
            delete tile;
            break;
        }
        tile->setPos(x, y);
        addItem(tile);
        connect(tile, &TileItem::clicked, this, [this](const QString &p) {
            selectPath(p);
            emit pathClicked(p);
        });
        m_planeTiles.emplace_back(tile);
        pending.emplace_back(tile, id);
        x += tile->width() + 10;
    }
    for (const auto &[tile, id] : pending) {
        const auto &node = t.node(id);
        const qreal bx = tile->x() + tile->width() / 2, y = tile->y();
        // Beam: down to the providing layer's top edge (filled dot), rings on
        // the top edges of the copies it shadows. It is drawn only in the gaps:
        // never across a tile, a slab's text or a container's layer.
        QPainterPath path;
        const int target = node.layer;
        if (target >= 0 && target < n && m_layers[static_cast<std::size_t>(target)]) {
            const QRectF r = slabRect(target, n);
            std::vector<std::pair<qreal, qreal>> blocked; // y ranges the beam must not cross
            for (const auto &other : m_planeTiles)
                if (other && other != tile && other->y() > y && bx > other->x() - 4 && bx < other->x() + other->width() + 4)
                    blocked.emplace_back(other->y() - 4, other->y() + kTileHeight + 4);
            blocked.emplace_back(kContainerTop - 2, kContainerTop + kContainerHeight + 2); // layers or the hint's text
            for (int l = target + 1; l < n; ++l) {
                const QRectF above = slabRect(l, n);
                blocked.emplace_back(above.top() - 2, above.bottom() + 2);
            }
            std::sort(blocked.begin(), blocked.end());
            qreal from = y + kTileHeight;
            for (const auto &[top, bottom] : blocked) {
                if (bottom <= from || top >= r.top())
                    continue;
                if (top > from) {
                    path.moveTo(bx, from);
                    path.lineTo(bx, top);
                }
                from = std::max(from, bottom);
            }
            if (from < r.top()) {
                path.moveTo(bx, from);
                path.lineTo(bx, r.top());
            }
            path.addEllipse(QPointF(bx, r.top()), 5, 5);
            for (int sh : node.shadowed)
                if (sh >= 0 && sh < n)
                    path.addEllipse(QPointF(bx, slabRect(sh, n).top()), 7, 7);
        }
        auto *beam = new QGraphicsPathItem(path);
        QPen pen(Palette::current().beam, 1.6);
        if (node.mark == Mark::Deleted)
            pen.setStyle(Qt::DotLine);
        beam->setPen(pen);
        beam->setBrush(Qt::NoBrush);
        beam->setZValue(5);
        beam->setOpacity(0.55);
        beam->setData(KindData, QStringLiteral("beam"));
        beam->setData(KeyData, tile->path);
        addItem(beam);
        m_beams.push_back(beam);
    }
}

void LayerStackScene::buildDirLabels()
{
    for (auto &l : m_dirLabels)
        delete l.data();
    m_dirLabels.clear();
    const int n = static_cast<int>(m_layers.size());
    if (n == 0)
        return;
    const qreal x = kLeft + kStackWidth + 16;
    qreal freeFrom = 0; // labels go top to bottom: each text starts below the last one
    auto add = [&](const QString &role, const QString &path, QRectF span, std::function<QString()> explain) {
        auto *l = new DirLabelItem(role);
        l->path = path;
        l->explain = std::move(explain);
        l->setPos(x, span.top());
        l->setSpan(span.height());
        const qreal want = span.center().y() - DirLabelItem::kTextHeight / 2;
        const qreal top = std::max(want, freeFrom);
        l->textTop = top - span.top();
        freeFrom = top + DirLabelItem::kTextHeight + 6;
        addItem(l);
        m_dirLabels.emplace_back(l);
    };
    const QRectF planeSpan(kLeft, kPlaneTop, kStackWidth, kPlaneHeight);
    if (m_containers.empty()) {
        // Where `create` will put the writable layer: drawn empty so the eye knows the place.
        auto *hint = new DirLabelItem(QString());
        hint->setData(KindData, QStringLiteral("container-hint"));
        hint->explain = [] { return QCoreApplication::translate("Scene", "create / run adds the container's writable layer here"); };
        hint->setPos(kLeft, kContainerTop);
        hint->setSpan(kContainerHeight);
        hint->placeholderWidth = kStackWidth;
        addItem(hint);
        m_dirLabels.emplace_back(hint);
    }
    const bool mounted = !m_mountUpper.isEmpty();
    if (!m_containers.empty() || mounted) {
        // A container: every image layer is a lowerdir, its own layer the upperdir.
        const QRectF lower = slabRect(n - 1, n).united(slabRect(0, n));
        add(QStringLiteral("merged"), m_mountMerged, planeSpan, [] { return QCoreApplication::translate("Scene", "the container's root: the union"); });
        const QRectF upper(kLeft, kContainerTop, kStackWidth, kContainerHeight / 2);
        add(QStringLiteral("upperdir"), m_mountUpper, upper, [] { return QCoreApplication::translate("Scene", "the container's writable layer"); });
        add(QStringLiteral("workdir"), m_mountWork, QRectF(kLeft, kContainerTop + kContainerHeight / 2 + 4, kStackWidth, kContainerHeight / 2),
            [] { return QCoreApplication::translate("Scene", "overlayfs scratch space for atomic copy-up"); });
        add(QStringLiteral("lowerdir"), m_mountLower.isEmpty() ? (m_detail ? QString::fromStdString(m_detail->lowerDirs) : QString()) : m_mountLower,
            lower, [] { return QCoreApplication::translate("Scene", "read-only image layers (nearest first)"); });
        return;
    }
    // An image on its own: Docker's inspect names the top layer UpperDir.
    if (!m_detail)
        return;
    add(QStringLiteral("merged"), QString::fromStdString(m_detail->mergedDir), planeSpan,
        [] { return QCoreApplication::translate("Scene", "the union a container will see"); });
    add(QStringLiteral("upperdir"), QString::fromStdString(m_detail->upperDir), slabRect(n - 1, n),
        [] { return QCoreApplication::translate("Scene", "the top layer, as image inspect reports it"); });
    if (n > 1)
        add(QStringLiteral("lowerdir"), QString::fromStdString(m_detail->lowerDirs),
            slabRect(n - 2, n).united(slabRect(0, n)), [] { return QCoreApplication::translate("Scene", "layers below the top, nearest first"); });
}

void LayerStackScene::highlightLayer(int layer, bool on)
{
    for (auto &s : m_layers)
        if (s && s->layerIndex == layer) {
            s->highlighted = on;
            s->update();
        }
    for (auto &t : m_planeTiles)
        if (t) {
            t->lit = on && t->layer == layer;
            t->update();
        }
}

void LayerStackScene::selectPath(const QString &path)
{
    m_selectedPath = path;
    for (auto &t : m_planeTiles)
        if (t) {
            t->selected = t->path == path;
            t->update();
        }
    for (auto *b : m_beams)
        b->setOpacity(b->data(KeyData).toString() == path ? 1.0 : 0.35);
    if (!m_detail)
        return;
    const int id = m_detail->merged->find(path.toStdString());
    if (id < 0)
        return;
    const auto &n = m_detail->merged->node(id);
    if (n.mark == Mark::Deleted) {
        setCaption(QCoreApplication::translate("Scene", "/%1 is hidden: layer %2's whiteout deletes it; its bytes still sit in layer %3.")
                       .arg(path)
                       .arg(n.byLayer + 1)
                       .arg(n.layer + 1));
        return;
    }
    QStringList shadows;
    for (int s : n.shadowed)
        shadows << QString::number(s + 1);
    const QString by = n.layer >= 0 && n.layer < static_cast<int>(m_detail->layers.size())
                           ? QString::fromStdString(m_detail->layers[static_cast<std::size_t>(n.layer)].createdBy)
                           : QString();
    setCaption(shadows.isEmpty()
                   ? QCoreApplication::translate("Scene", "/%1 comes from layer %2 (%3).").arg(path).arg(n.layer + 1).arg(by)
                   : QCoreApplication::translate("Scene", "/%1 comes from layer %2 (%3); it shadows the copy in layer %4 — nearest layer wins.")
                         .arg(path)
                         .arg(n.layer + 1)
                         .arg(by, shadows.join(", ")));
}

void LayerStackScene::setCaption(const QString &text)
{
    if (text.isEmpty() || text == m_caption)
        return;
    m_caption = text;
    emit captionChanged(text);
}

void LayerStackScene::retranslate()
{
    if (m_detail && m_selectedPath.isEmpty())
        setCaption(QCoreApplication::translate("Scene", "%1: %n read-only layer(s); the merged view shows, for each path, the nearest layer's copy.",
                                               nullptr, static_cast<int>(m_detail->layers.size()))
                       .arg(m_detail->ref));
    else if (!m_selectedPath.isEmpty())
        selectPath(m_selectedPath);
    if (m_detail) {
        buildPlane(); // tile notes are composed once
        buildDirLabels();
    }
    setBackgroundBrush(Palette::current().background);
    update();
}

QList<QGraphicsItem *> LayerStackScene::itemsOfKind(const QString &kind) const
{
    QList<QGraphicsItem *> out;
    for (QGraphicsItem *i : items())
        if (i->data(KindData).toString() == kind)
            out << i;
    return out;
}

// ---- events ----

void LayerStackScene::onEvents(const EventBatch &events)
{
    for (const auto &e : events)
        handle(e);
}

void LayerStackScene::handle(const engine::events::Event &e)
{
    const auto &a = e.attrs;
    if (e.kind == EventKind::ContainerCreated)
        m_containerImage.insert(QString::fromStdString(e.id), str(a, "image"));
    if (m_followSubject) {
        // A container is drawn on its own image's stack, never on the one shown.
        const QString cid = containerIdOf(e);
        const QString image = cid.isEmpty() ? QString() : imageOfContainer(cid);
        if (!image.isEmpty() && !isShownImage(image)) {
            if (m_deferred.size() >= 4000)
                m_deferred.erase(m_deferred.begin());
            m_deferred.push_back(e);
            emit imageWanted(refOfImage(image));
            return;
        }
    }
    switch (e.kind) {
    case EventKind::LayerExtractStarted: {
        const int index = static_cast<int>(num(a, "index"));
        const int count = std::max<int>(static_cast<int>(num(a, "count")), index + 1);
        if (index > 0 && !m_loading)
            break; // a layer added to an existing stack (commit): LayerWritten draws it
        if (index == 0 || !m_loading) {
            clearStack();
            m_detail = nullptr;
            m_loading = true;
        }
        if (static_cast<int>(m_layers.size()) < count)
            m_layers.resize(static_cast<std::size_t>(count));
        SlabItem *s = addLayerSlab(index, count);
        s->state = SlabItem::State::Extracting;
        s->digest = shortDigest(e.id);
        layoutStack(true);
        break;
    }
    case EventKind::LayerProgress:
    case EventKind::LayerExtracted:
    case EventKind::LayerReused: {
        const int index = static_cast<int>(num(a, "index"));
        if (!m_loading || index < 0 || index >= static_cast<int>(m_layers.size()) || !m_layers[static_cast<std::size_t>(index)])
            break;
        SlabItem *s = m_layers[static_cast<std::size_t>(index)];
        if (e.kind == EventKind::LayerReused) {
            s->state = SlabItem::State::Reused;
        } else {
            s->files = num(a, "files");
            s->bytes = num(a, "bytes");
            if (e.kind == EventKind::LayerExtracted)
                s->state = SlabItem::State::Ready;
        }
        s->update();
        break;
    }
    case EventKind::ContainerLayerCreated: ensureContainer(QString::fromStdString(e.id)); break;
    case EventKind::UnionMounted:
        ensureContainer(QString::fromStdString(e.id));
        m_mountLower = str(a, "lowerdir");
        m_mountUpper = str(a, "upperdir");
        m_mountWork = str(a, "workdir");
        m_mountMerged = str(a, "merged");
        buildDirLabels();
        break;
    case EventKind::CopiedUp: copyUpTile(e, Mark::Modified); break;
    case EventKind::WhiteoutCreated: copyUpTile(e, Mark::Whiteout); break;
    case EventKind::OpaqueDirCreated: copyUpTile(e, Mark::Opaque); break;
    case EventKind::UpperPathAdded: copyUpTile(e, Mark::Added); break;
    case EventKind::UpperChangesSummarised: {
        SlabItem *s = ensureContainer(QString::fromStdString(e.id));
        s->copiedUp = static_cast<int>(num(a, "copied_up"));
        s->whiteouts = static_cast<int>(num(a, "whiteouts"));
        s->added = static_cast<int>(num(a, "added"));
        s->update();
        break;
    }
    case EventKind::ContainerRemoved: {
        // rm: the container's layer goes; the image's layers stay.
        const QString id = QString::fromStdString(e.id);
        m_deferred.erase(std::remove_if(m_deferred.begin(), m_deferred.end(),
                                        [&](const auto &d) { return sameId(containerIdOf(d), id); }),
                         m_deferred.end());
        removeContainerSlab(id);
        layoutContainers();
        buildDirLabels();
        break;
    }
    case EventKind::LayerWritten: commitContainer(str(a, "container"), e); break;
    case EventKind::ContainerCommitted:
        // The new image's name, on the layer the commit just wrote.
        for (const auto &c : m_committed)
            if (c && c->containerId.isEmpty() && sameId(c->data(KeyData).toString(), QString::fromStdString(e.id))) {
                c->containerId = str(a, "image");
                c->name = str(a, "name").isEmpty() ? c->containerId.left(19) : str(a, "name");
                c->createdBy = QCoreApplication::translate("Scene", "top of %1").arg(c->name);
                c->setData(KeyData, c->containerId);
                c->update();
            }
        break;
    default: break;
    }
    // Only what this scene draws speaks in its caption: a lesson checker's
    // reads and other housekeeping events leave it alone.
    switch (e.kind) {
    case EventKind::LayerExtractStarted:
    case EventKind::LayerExtracted:
    case EventKind::LayerReused:
    case EventKind::ContainerLayerCreated:
    case EventKind::UnionMounted:
    case EventKind::CopiedUp:
    case EventKind::WhiteoutCreated:
    case EventKind::OpaqueDirCreated:
    case EventKind::UpperPathAdded:
    case EventKind::ContainerRemoved:
    case EventKind::LayerWritten:
    case EventKind::ContainerCommitted: setCaption(describeEvent(e)); break;
    default: break;
    }
}

void LayerStackScene::copyUpTile(const engine::events::Event &e, Mark mark)
{
    const auto &a = e.attrs;
    SlabItem *c = ensureContainer(QString::fromStdString(e.id));
    const QString path = str(a, "path");
    for (QGraphicsItem *t : c->childItems()) // drawn from the state already
        if (t->data(KeyData).toString() == path)
            return;
    const int from = a.contains("from_layer") ? static_cast<int>(num(a, "from_layer")) : -1;
    auto *tile = new TileItem(baseName(path), mark);
    tile->path = path;
    tile->layer = from;
    const char *kind = mark == Mark::Modified ? "tile-copyup"
                       : mark == Mark::Whiteout ? "tile-whiteout"
                       : mark == Mark::Opaque   ? "tile-opaque"
                                                : "tile-added";
    tile->setData(KindData, QString::fromLatin1(kind));
    tile->setData(KeyData, path);
    if (mark == Mark::Modified) {
        const QString lower = str(a, "lower_sha256").left(8), upper = str(a, "sha256").left(8);
        tile->note = lower.isEmpty() ? QCoreApplication::translate("Scene", "copied from L%1").arg(from + 1)
                                     : QCoreApplication::translate("Scene", "sha %1 → %2").arg(lower, upper);
    } else if (mark == Mark::Whiteout) {
        tile->note = QCoreApplication::translate("Scene", "whiteout: hides L%1").arg(from + 1);
    } else {
        tile->note = QCoreApplication::translate("Scene", "new in the container");
    }
    if (mark == Mark::Modified)
        ++c->copiedUp;
    else if (mark == Mark::Whiteout)
        ++c->whiteouts;
    else
        ++c->added;
    c->update();
    tile->setZValue(10);
    tile->setOpacity(0);
    tile->setParentItem(c); // moves with its slab (a second container halves it)
    const QPointF to = c->nextTilePos();
    // Where it rises from: the lower copy, which stays where it is.
    QPointF from0 = to - QPointF(0, 80);
    const int n = static_cast<int>(m_layers.size());
    if (mark == Mark::Modified && from >= 0 && from < n && m_layers[static_cast<std::size_t>(from)]) {
        SlabItem *lower = m_layers[static_cast<std::size_t>(from)];
        auto *orig = new TileItem(baseName(path), Mark::None);
        orig->path = path;
        orig->layer = from;
        orig->note = QCoreApplication::translate("Scene", "lower copy stays: %1").arg(str(a, "lower_sha256").left(8));
        orig->setData(KindData, QStringLiteral("tile-lower"));
        orig->setData(KeyData, path);
        orig->setZValue(9);
        orig->setParentItem(lower);
        const QPointF at = lower->nextTilePos();
        orig->setPos(at);
        orig->setOpacity(0);
        QPointer<TileItem> po(orig);
        QPointer<SlabItem> pl(lower);
        enqueue([this, po, pl](int ms) -> QAbstractAnimation * {
            if (!po || !pl)
                return nullptr;
            pl->reflowTiles();
            auto *an = appear(po, po->pos(), po->pos());
            setDurations(an, ms / 2);
            return an;
        });
        from0 = c->mapFromItem(lower, at);
    }
    if (mark == Mark::Whiteout) {
        // The merged plane loses the file.
        for (auto &t : m_planeTiles)
            if (t && "/" + t->path == path) {
                t->ghost = true;
                t->update();
            }
    }
    tile->setPos(to);
    c->reflowTiles();
    QPointer<TileItem> p(tile);
    QPointer<SlabItem> pc(c);
    enqueue([this, p, pc, from0](int ms) -> QAbstractAnimation * {
        if (!p || !pc)
            return nullptr;
        auto *an = appear(p, p->pos(), from0);
        setDurations(an, ms);
        connect(an, &QAbstractAnimation::finished, pc, &SlabItem::reflowTiles); // later tiles may have shrunk the row
        return an;
    });
}

void LayerStackScene::commitContainer(const QString &id, const engine::events::Event &written)
{
    // commit: a copy of the container's amber slab hardens into the new
    // image's top layer beside it. The container and its layer stay: commit
    // reads the container, it does not consume it.
    SlabItem *source = containerSlab(id);
    if (!source)
        return;
    const auto &a = written.attrs;
    for (const auto &c : m_committed)
        if (c && c->digest == shortDigest(written.id)) { // the state drew it already: harden it again, visibly
            QPointer<SlabItem> p(c);
            enqueue([p](int ms) -> QAbstractAnimation * {
                if (!p)
                    return nullptr;
                auto *harden = new QPropertyAnimation(p, "warmth");
                harden->setStartValue(1.0);
                harden->setEndValue(0.0);
                harden->setDuration(ms);
                return harden;
            });
            return;
        }
    auto *slab = new SlabItem(true);
    slab->setData(KindData, QStringLiteral("committed-layer"));
    slab->setData(KeyData, id); // until ContainerCommitted names the image
    slab->layerIndex = static_cast<int>(m_layers.size());
    slab->digest = shortDigest(written.id);
    slab->files = num(a, "added") + num(a, "modified") + num(a, "deleted");
    slab->bytes = num(a, "size");
    slab->createdBy = QCoreApplication::translate("Scene", "commit of %1").arg(source->name.isEmpty() ? id.left(12) : source->name);
    slab->setOpacity(0);
    addItem(slab);
    m_committed.emplace_back(slab);
    const QPointF from = source->pos();
    layoutContainers();
    QPointer<SlabItem> p(slab);
    enqueue([this, p, from](int ms) -> QAbstractAnimation * {
        if (!p)
            return nullptr;
        auto *group = new QParallelAnimationGroup;
        group->addAnimation(appear(p, p->pos(), from));
        auto *harden = new QPropertyAnimation(p, "warmth");
        harden->setStartValue(1.0);
        harden->setEndValue(0.0);
        group->addAnimation(harden);
        setDurations(group, ms);
        return group;
    });
}

} // namespace strata::gui
