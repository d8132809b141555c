// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/VolumeScene.h"

#include "core/EventText.h"
#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include <QCoreApplication>

namespace strata::gui {

using engine::events::EventKind;

namespace {

const QRectF kMerged(50, 110, 560, 120), kRw(50, 290, 560, 130), kImage(50, 440, 560, 110);
constexpr qreal kVolX = 760, kVolW = 380, kVolTop = 110, kVolH = 200, kVolGap = 24;
constexpr qreal kTileW = 176, kTileH = 36;

} // namespace

VolumeScene::VolumeScene(QObject *parent) : EventScene(QStringLiteral("volumes"), parent)
{
    auto *title = new NoteItem(QStringLiteral("title"), QStringLiteral("volumes"), 1100);
    title->framed = false;
    title->textSize = 22;
    title->text = [this] {
        return m_containerName.isEmpty() ? QCoreApplication::translate("Volumes", "<b>Volumes</b> — data that lives beside the container, not in it")
                                         : QCoreApplication::translate("Volumes", "<b>Volumes</b> of <code>%1</code> — data beside the container, not in it")
                                               .arg(m_containerName.toHtmlEscaped());
    };
    title->setPos(30, 14);
    addItem(title);

    auto *merged = new BoxItem(QStringLiteral("union"), QStringLiteral("merged"), kMerged.size(), Role::Merged);
    merged->setPos(kMerged.topLeft());
    merged->icon = Icon::Eye;
    merged->titleSize = 19;
    merged->title = [] { return QCoreApplication::translate("Volumes", "merged view: the container's /"); };
    merged->setState(QStringLiteral("done"));
    merged->badge = QStringLiteral("/");
    addItem(merged);
    auto *rw = new BoxItem(QStringLiteral("union"), QStringLiteral("rw"), kRw.size(), Role::Container);
    rw->setPos(kRw.topLeft());
    rw->icon = Icon::Pencil;
    rw->titleSize = 19;
    rw->title = [] { return QCoreApplication::translate("Volumes", "read-write layer"); };
    rw->subtitle = [] { return QCoreApplication::translate("Volumes", "deleted with the container"); };
    rw->textTop = true;
    rw->setState(QStringLiteral("idle"));
    addItem(rw);
    auto *image = new BoxItem(QStringLiteral("union"), QStringLiteral("image"), kImage.size(), Role::Layer);
    image->setPos(kImage.topLeft());
    image->icon = Icon::Lock;
    image->titleSize = 19;
    image->title = [this] { return QCoreApplication::translate("Volumes", "image layers + init layer: %n read-only dir(s)", nullptr, m_layers); };
    image->setState(QStringLiteral("done"));
    image->badge = QStringLiteral("R/O");
    addItem(image);

    auto *note = new NoteItem(QStringLiteral("note"), QStringLiteral("rule"), 1090);
    note->textSize = 16;
    note->text = [] {
        return QCoreApplication::translate("Volumes", "Writes under a mount point go down the pipe into the volume (a directory on the host), not into the "
                   "read-write layer; <code>rm</code> deletes the container and its layer, the volume stays until "
                   "<code>volume rm</code>. <code>commit</code> and <code>diff</code> leave mount points out.");
    };
    note->setPos(45, 640);
    addItem(note);
    setCaption([] { return QCoreApplication::translate("Volumes", "Run a container with -v NAME:/dir and write a file there: watch where it lands."); });
}

BoxItem *VolumeScene::box(const QString &kind, const QString &key) const
{
    return static_cast<BoxItem *>(static_cast<QGraphicsObject *>(item(kind, key)));
}

void VolumeScene::setSubject(const QString &subject)
{
    EventScene::setSubject(subject);
    for (auto it = m_nameOf.begin(); it != m_nameOf.end(); ++it)
        if (it.value() == subject || it.key().startsWith(subject))
            follow(it.key());
}

void VolumeScene::follow(const QString &containerId)
{
    if (containerId == m_containerId)
        return;
    m_containerId = containerId;
    m_target = containerId;
    m_containerName = m_nameOf.value(containerId, containerId.left(12));
    for (const QString &k : {QStringLiteral("container-file"), QStringLiteral("volume-file"), QStringLiteral("volume"),
                             QStringLiteral("mount-point"), QStringLiteral("pipe")})
        for (QGraphicsItem *i : itemsOfKind(k)) {
            removeItem(i);
            delete i;
        }
    box(QStringLiteral("union"), QStringLiteral("rw"))->setState(QStringLiteral("lit"));
    layoutMounts();
    update();
}

void VolumeScene::drawRemoved()
{
    box(QStringLiteral("union"), QStringLiteral("rw"))->setState(QStringLiteral("gone"));
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("container-file")))
        static_cast<BoxItem *>(static_cast<QGraphicsObject *>(i))->setState(QStringLiteral("gone"));
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("pipe")))
        i->setOpacity(0.25);
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("volume")))
        static_cast<BoxItem *>(static_cast<QGraphicsObject *>(i))->setState(QStringLiteral("kept"));
}

void VolumeScene::layoutMounts()
{
    const auto mounts = m_mountsOf.value(m_containerId);
    for (int i = 0; i < mounts.size() && i < 2; ++i) {
        const Mount &m = mounts[i];
        const QString volKey = m.name.isEmpty() ? m.source : m.name;
        if (box(QStringLiteral("volume"), volKey))
            continue;
        auto *v = new BoxItem(QStringLiteral("volume"), volKey, QSizeF(kVolW, kVolH), Role::Volume);
        v->setPos(kVolX, kVolTop + i * (kVolH + kVolGap));
        v->icon = m.type == QLatin1String("bind") ? Icon::Folder : (m.type == QLatin1String("tmpfs") ? Icon::Chip : Icon::Drum);
        v->titleSize = 19;
        const QString type = m.type, name = m.name.left(20), source = m.source;
        v->title = [type, name] {
            if (type == QLatin1String("bind"))
                return QCoreApplication::translate("Volumes", "bind mount");
            if (type == QLatin1String("tmpfs"))
                return QCoreApplication::translate("Volumes", "tmpfs (memory)");
            return QCoreApplication::translate("Volumes", "volume %1").arg(name);
        };
        v->textTop = true;
        v->detail = [source] { return source; };
        v->setState(QStringLiteral("lit"));
        v->setData(HighlightData, QStringLiteral("volume:") + m.name);
        addItem(v);
        // The mount point, drawn on the merged view, and the pipe into the box.
        auto *mp = new BoxItem(QStringLiteral("mount-point"), m.destination, QSizeF(150, 40), Role::Volume);
        mp->setPos(kMerged.right() - 170, kMerged.top() + 66 - i * 0);
        if (i == 1)
            mp->setPos(kMerged.right() - 340, kMerged.top() + 66);
        mp->titleSize = 17;
        mp->centred = true;
        const QString dest = m.destination;
        mp->title = [dest] { return dest; };
        mp->badge = m.ro ? QStringLiteral("ro") : QString();
        mp->setState(QStringLiteral("done"));
        mp->setData(HighlightData, QStringLiteral("mount:") + m.destination);
        mp->setZValue(3);
        addItem(mp);
        auto *pipe = new ArrowItem(QStringLiteral("pipe"), m.destination);
        pipe->setEnds(mp->anchor(Qt::RightEdge) + QPointF(0, 0), QPointF(kVolX - 4, kVolTop + i * (kVolH + kVolGap) + 50), -20);
        pipe->colour = QColor(0x00, 0x9e, 0x73);
        pipe->width = 6;
        pipe->label = [] { return QCoreApplication::translate("Volumes", "mount"); };
        pipe->setData(HighlightData, QStringLiteral("mount:") + m.destination);
        pipe->setZValue(2);
        addItem(pipe);
    }
    applyHighlights();
}

void VolumeScene::addContainerFile(const QString &path, const QString &mark)
{
    if (box(QStringLiteral("container-file"), path))
        return;
    const int n = static_cast<int>(itemsOfKind(QStringLiteral("container-file")).size());
    if (n >= 2)
        return;
    // One row of two: "/data (mount point)" in 18-px type needs the width, the layer the height.
    const qreal w = (kRw.width() - 32) / 2;
    auto *t = new BoxItem(QStringLiteral("container-file"), path, QSizeF(w, kTileH), Role::Container);
    t->setPos(kRw.left() + 12 + (n % 2) * (w + 8), kRw.top() + 66 + (n / 2) * (kTileH + 6));
    t->titleSize = 15;
    bool mountPoint = false;
    for (const Mount &m : m_mountsOf.value(m_containerId))
        mountPoint = mountPoint || m.destination == path;
    t->title = [path, mountPoint] {
        return mountPoint ? QCoreApplication::translate("Volumes", "%1 (mount point)").arg(path) : path;
    };
    t->badge = mark;
    t->setState(QStringLiteral("done"));
    t->setData(HighlightData, QStringLiteral("path:") + path);
    t->setZValue(4);
    addItem(t);
    pulse(t);
}

void VolumeScene::addVolumeFile(const QString &volume, const QString &path, quint64 bytes)
{
    BoxItem *v = box(QStringLiteral("volume"), volume);
    if (!v || box(QStringLiteral("volume-file"), path))
        return;
    int n = 0;
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("volume-file")))
        if (i->parentItem() == v)
            ++n;
    if (n >= 2)
        return;
    auto *t = new BoxItem(QStringLiteral("volume-file"), path, QSizeF(kVolW - 40, kTileH), Role::Volume, v);
    t->setPos(14, 96 + n * (kTileH + 6));
    t->titleSize = 15;
    t->title = [path, bytes] { return path.mid(path.lastIndexOf('/') + 1) + QStringLiteral(" · ") + humanBytes(bytes); };
    t->badge = QStringLiteral("A");
    t->setState(QStringLiteral("lit"));
    t->setData(HighlightData, QStringLiteral("path:") + path);
    pulse(t);
    // The write travels down the pipe.
    for (const Mount &m : m_mountsOf.value(m_containerId))
        if ((m.name.isEmpty() ? m.source : m.name) == volume)
            travel(static_cast<ArrowItem *>(static_cast<QGraphicsObject *>(item(QStringLiteral("pipe"), m.destination))));
}

void VolumeScene::onSnapshot(const EngineSnapshotPtr &s)
{
    // The state first: every container's mounts, also of containers made
    // before the app started; a container that is gone is drawn gone.
    QString withMounts;
    for (const auto &c : s->containers) {
        const QString id = QString::fromStdString(c.id);
        m_nameOf[id] = QString::fromStdString(c.name);
        if (!m_mountsOf.contains(id) && !c.mounts.empty()) {
            QList<Mount> list;
            for (const auto &m : c.mounts)
                list << Mount{QString::fromStdString(m.type), QString::fromStdString(m.name), QString::fromStdString(m.source),
                              QString::fromStdString(m.destination), !m.rw};
            m_mountsOf.insert(id, list);
        }
        if (withMounts.isEmpty() && m_mountsOf.contains(id))
            withMounts = id;
    }
    const bool gone = !m_containerId.isEmpty() && std::none_of(s->containers.begin(), s->containers.end(), [this](const auto &c) {
        return QString::fromStdString(c.id) == m_containerId;
    });
    if (gone && !m_goneShown) {
        // The picture of the removal, as the rm event draws it: the layer and
        // its files gone (drawn so, not as if still there), the volume kept.
        m_goneShown = true;
        drawRemoved();
    }
    if (!gone)
        m_goneShown = false;
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("volume"))) { // a volume the store no longer has
        const QString key = i->data(KeyData).toString();
        const bool exists = std::any_of(s->volumes.begin(), s->volumes.end(), [&](const auto &v) {
            return QString::fromStdString(v.name) == key || QString::fromStdString(v.mountpoint) == key;
        });
        auto *b = static_cast<BoxItem *>(static_cast<QGraphicsObject *>(i));
        if (!exists && b->state() == QLatin1String("gone") && !b->data(Qt::UserRole + 9).toBool())
            b->setData(Qt::UserRole + 9, true); // shown gone once
        else if (!exists && b->state() == QLatin1String("gone")) {
            removeItem(i);
            delete i;
        }
    }
    if (m_containerId.isEmpty() && !withMounts.isEmpty() && (m_subject.isEmpty() || m_subject == m_nameOf.value(withMounts)))
        follow(withMounts);
    else if (!m_subject.isEmpty() && m_containerId.isEmpty())
        setSubject(m_subject);
    for (const auto &[name, files] : s->volumeFiles) {
        const QString vol = QString::fromStdString(name);
        QSet<QString> &seen = m_volumeFiles[vol];
        for (const auto &[rel, bytes] : files) {
            const QString r = QString::fromStdString(rel);
            if (seen.contains(r))
                continue;
            seen.insert(r);
            // Shown as the followed container sees it: under its mount point.
            for (const Mount &m : m_mountsOf.value(m_target))
                if (m.name == vol) {
                    const QString path = m.destination + QStringLiteral("/") + r;
                    const quint64 b = bytes;
                    enqueue([this, vol, path, b] {
                        addVolumeFile(vol, path, b);
                        setCaption([path] {
                            return QCoreApplication::translate("Volumes", "%1 was written under the mount point: it is in the volume, not in the read-write layer.").arg(path);
                        });
                    });
                }
        }
    }
}

void VolumeScene::handle(const engine::events::Event &e)
{
    const QString id = QString::fromStdString(e.id);
    switch (e.kind) {
    case EventKind::ContainerCreated:
        m_nameOf[id] = attrText(e.attrs, "name");
        break;
    case EventKind::MountAdded: {
        Mount m{attrText(e.attrs, "type"), attrText(e.attrs, "name"), attrText(e.attrs, "source"),
                attrText(e.attrs, "destination"), e.attrs.value("ro", false)};
        auto &list = m_mountsOf[id];
        bool known = false;
        for (const Mount &k : list)
            known = known || k.destination == m.destination;
        if (!known)
            list << m;
        if (!m_subject.isEmpty() && m_subject != m_nameOf.value(id) && m_subject != m.name)
            break;
        m_target = id;
        enqueue([this, id, m] {
            follow(id);
            layoutMounts();
            setCaption([m] {
                return QCoreApplication::translate("Volumes", "%1 is mounted at %2: the host directory %3 appears inside the container.").arg(m.name.isEmpty() ? m.type : m.name.left(16), m.destination, m.source);
            });
        });
        break;
    }
    case EventKind::UnionMounted:
        if (id == m_containerId || m_containerId.isEmpty())
            m_layers = static_cast<int>(attrNumber(e.attrs, "layers"));
        break;
    case EventKind::CopiedUp:
    case EventKind::UpperPathAdded:
    case EventKind::WhiteoutCreated: {
        if (id != m_containerId && !m_mountsOf.contains(id))
            break;
        const QString path = attrText(e.attrs, "path");
        const QString mark = e.kind == EventKind::CopiedUp ? QStringLiteral("C") : (e.kind == EventKind::WhiteoutCreated ? QStringLiteral("D") : QStringLiteral("A"));
        // The mount point itself (and its parents) is made in the read-write
        // layer as an empty directory for the volume to cover: not a write "outside".
        QString mountPoint;
        for (const Mount &m : m_mountsOf.value(id)) {
            const QString p = path.startsWith('/') ? path : QStringLiteral("/") + path;
            if (m.destination == p || m.destination.startsWith(p + QStringLiteral("/")))
                mountPoint = m.destination;
        }
        enqueue([this, id, path, mark, mountPoint] {
            if (id != m_containerId)
                return;
            addContainerFile(path, mark);
            if (!mountPoint.isEmpty())
                setCaption([mountPoint] {
                    return QCoreApplication::translate("Volumes", "%1 is made as an empty directory in the read-write layer: the volume is mounted over it.").arg(mountPoint);
                });
            else
                setCaption([path] { return QCoreApplication::translate("Volumes", "%1 was written outside any mount: it lands in the read-write layer.").arg(path); });
        });
        break;
    }
    case EventKind::ContainerRemoved:
        enqueue([this, id] {
            if (id != m_containerId)
                return;
            drawRemoved();
            setCaption([] { return QCoreApplication::translate("Volumes", "rm: the container and its read-write layer are gone; the volume and its files stay."); });
        });
        break;
    case EventKind::VolumeRemoved:
        enqueue([this, id] {
            if (BoxItem *v = box(QStringLiteral("volume"), id)) {
                v->setState(QStringLiteral("gone"));
                setCaption([id] { return QCoreApplication::translate("Volumes", "volume rm %1: now the data is gone too.").arg(id.left(16)); });
            }
            m_volumeFiles.remove(id);
        });
        break;
    default: break;
    }
}

} // namespace strata::gui
