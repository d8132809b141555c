// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/SceneItems.h"

#include "core/EventText.h"
#include "core/Palette.h"

#include <QCoreApplication>
#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QLocale>
#include <QPainter>

namespace strata::gui {

namespace {

QColor mix(QColor a, QColor b, qreal t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t, a.alphaF() + (b.alphaF() - a.alphaF()) * t);
}

} // namespace

void drawLockIcon(QPainter *p, QRectF r, QColor c)
{
    p->save();
    p->setPen(QPen(c, 2));
    p->setBrush(c);
    const QRectF body(r.left() + r.width() * 0.15, r.top() + r.height() * 0.45, r.width() * 0.7, r.height() * 0.5);
    p->drawRoundedRect(body, 2, 2);
    p->setBrush(Qt::NoBrush);
    const QRectF shackle(r.left() + r.width() * 0.3, r.top() + r.height() * 0.08, r.width() * 0.4, r.height() * 0.6);
    p->drawArc(shackle, 0, 180 * 16);
    p->drawLine(QPointF(shackle.left(), shackle.center().y()), QPointF(shackle.left(), body.top()));
    p->drawLine(QPointF(shackle.right(), shackle.center().y()), QPointF(shackle.right(), body.top()));
    p->restore();
}

void drawPencilIcon(QPainter *p, QRectF r, QColor c)
{
    p->save();
    p->translate(r.center());
    p->rotate(-45);
    const qreal len = r.width() * 0.9, w = r.height() * 0.28;
    p->setPen(QPen(c, 1.5));
    p->setBrush(c);
    p->drawRect(QRectF(-len / 2 + w, -w / 2, len - w, w));
    QPolygonF tip;
    tip << QPointF(-len / 2, 0) << QPointF(-len / 2 + w, -w / 2) << QPointF(-len / 2 + w, w / 2);
    p->drawPolygon(tip);
    p->restore();
}

void drawEyeIcon(QPainter *p, QRectF r, QColor c)
{
    p->save();
    p->setPen(QPen(c, 2));
    p->setBrush(Qt::NoBrush);
    QPainterPath eye;
    eye.moveTo(r.left(), r.center().y());
    eye.quadTo(r.center().x(), r.top() - r.height() * 0.2, r.right(), r.center().y());
    eye.quadTo(r.center().x(), r.bottom() + r.height() * 0.2, r.left(), r.center().y());
    p->drawPath(eye);
    p->setBrush(c);
    p->drawEllipse(r.center(), r.height() * 0.2, r.height() * 0.2);
    p->restore();
}

// ---- SlabItem ----

SlabItem::SlabItem(bool container, QGraphicsItem *parent) : QGraphicsObject(parent), m_warmth(container ? 1 : 0)
{
    setAcceptHoverEvents(true);
    setData(KindData, container ? QStringLiteral("container-layer") : QStringLiteral("layer"));
}

void SlabItem::setSize(QSizeF size)
{
    prepareGeometryChange();
    m_size = size;
}

QRectF SlabItem::boundingRect() const
{
    return QRectF(QPointF(-2, -2), m_size + QSizeF(4, 4));
}

void SlabItem::setWarmth(qreal w)
{
    m_warmth = w;
    if (data(KindData).toString() != QLatin1String("committed-layer")) // a commit's copy keeps its own kind
        setData(KindData, w > 0.5 ? QStringLiteral("container-layer") : QStringLiteral("layer"));
    update();
}

static qreal tileLeft(const SlabItem *s)
{
    // The left part holds the slab's own text: never so narrow that a container loses its name.
    const qreal w = s->size().width();
    return s->isContainer() ? std::min(w - 20, std::max(w * 0.30, 170.0)) : w * 0.42;
}

void SlabItem::reflowTiles()
{
    QList<TileItem *> tiles;
    for (QGraphicsItem *c : childItems())
        if (auto *t = dynamic_cast<TileItem *>(c))
            tiles << t;
    // Tiles keep a readable size: those that do not fit are hidden and
    // counted ("+N") instead of being shrunk until nobody can read them.
    const qreal scale = std::min<qreal>(1.0, (m_size.height() - 4) / (kTileHeight + 4));
    qreal need = tileLeft(this);
    for (auto *t : tiles)
        need += (t->width() + 6) * scale;
    const qreal right = need <= m_size.width() - 4 ? m_size.width() - 4 : m_size.width() - 44; // room for "+N" only when needed
    qreal x = tileLeft(this);
    int hidden = 0;
    for (auto *t : tiles) {
        t->setScale(scale);
        t->setPos(x, (m_size.height() - kTileHeight * scale) / 2);
        const bool fits = hidden == 0 && x + t->width() * scale <= right;
        t->setVisible(fits);
        if (fits)
            x += (t->width() + 6) * scale;
        else
            ++hidden;
    }
    if (hidden != m_hiddenTiles) {
        m_hiddenTiles = hidden;
        update();
    }
}

QPointF SlabItem::nextTilePos() const
{
    qreal x = tileLeft(this);
    for (QGraphicsItem *c : childItems())
        if (auto *t = dynamic_cast<TileItem *>(c))
            x = std::max(x, t->pos().x() + (t->width() + 6) * t->scale());
    return QPointF(x, (m_size.height() - kTileHeight) / 2);
}

void SlabItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const Palette &pal = Palette::current();
    p->setRenderHint(QPainter::Antialiasing);
    const QRectF r(QPointF(0, 0), m_size);
    QColor fill = mix(pal.layer, pal.container, m_warmth);
    if (!isContainer() && layerIndex >= 0 && scene())
        fill = fill.darker(100 + 6 * std::max(0, 3 - layerIndex));
    if (state == State::Extracting)
        fill.setAlpha(120);
    QPen edge(mix(pal.layerEdge, pal.containerEdge, m_warmth), highlighted ? 3.5 : 1.5);
    if ((isContainer() && isEmptyContainer()) || state == State::Extracting)
        edge.setStyle(Qt::DashLine);
    p->setPen(edge);
    p->setBrush(fill);
    p->drawRoundedRect(r, 6, 6);

    const qreal icon = std::min<qreal>(22, m_size.height() - 8);
    const QRectF iconRect(8, (m_size.height() - icon) / 2, icon, icon);
    if (isContainer())
        drawPencilIcon(p, iconRect, pal.text);
    else
        drawLockIcon(p, iconRect, pal.text);

    QFont f = p->font();
    const int px = static_cast<int>(std::clamp<qreal>(m_size.height() * 0.30, 9, 20));
    f.setPixelSize(px);
    setData(MinFontData, px);
    f.setBold(true);
    p->setFont(f);
    p->setPen(pal.text);
    const QRectF textRect(iconRect.right() + 8, 2, tileLeft(this) - iconRect.right() - 12, m_size.height() - 4);
    QString title, sub;
    const QLocale loc;
    if (isContainer()) {
        title = QCoreApplication::translate("Scene", "RW %1").arg(name.isEmpty() ? containerId.left(8) : name);
        QStringList counts; // only what the layer holds: "A 1", not "C 0 · D 0 · A 1"
        if (copiedUp)
            counts << QStringLiteral("C %1").arg(copiedUp);
        if (whiteouts)
            counts << QStringLiteral("D %1").arg(whiteouts);
        if (added)
            counts << QStringLiteral("A %1").arg(added);
        sub = isEmptyContainer() ? QCoreApplication::translate("Scene", "empty") : counts.join(QStringLiteral(" · "));
    } else {
        title = QCoreApplication::translate("Scene", "L%1  %2").arg(layerIndex + 1).arg(digest);
        if (state == State::Extracting)
            sub = QCoreApplication::translate("Scene", "extracting… %1 files, %2").arg(loc.toString(files), humanBytes(static_cast<quint64>(bytes)));
        else if (state == State::Reused)
            sub = QCoreApplication::translate("Scene", "already in the store: shared");
        else if (files < 0) // a layer known only by its image (a commit's result): say whose
            sub = name;
        else
            sub = QCoreApplication::translate("Scene", "%1 files · %2").arg(loc.toString(files), humanBytes(static_cast<quint64>(bytes)));
    }
    const bool twoLines = m_size.height() >= 30;
    if (twoLines) {
        p->drawText(textRect.adjusted(0, 0, 0, -textRect.height() / 2), Qt::AlignLeft | Qt::AlignBottom,
                    QFontMetricsF(f).elidedText(title, Qt::ElideRight, textRect.width()));
        f.setBold(false);
        p->setFont(f);
        p->drawText(textRect.adjusted(0, textRect.height() / 2, 0, 0), Qt::AlignLeft | Qt::AlignTop,
                    QFontMetricsF(f).elidedText(sub, Qt::ElideRight, textRect.width()));
    } else {
        p->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetricsF(f).elidedText(title + "  " + sub, Qt::ElideRight, textRect.width()));
    }
    if (m_hiddenTiles > 0) {
        f.setBold(true);
        f.setItalic(false);
        p->setFont(f);
        p->drawText(QRectF(m_size.width() - 44, 0, 40, m_size.height()), Qt::AlignRight | Qt::AlignVCenter,
                    QStringLiteral("+%1").arg(m_hiddenTiles));
    }
    if (!isContainer() && !createdBy.isEmpty() && m_size.height() >= 22) {
        f.setBold(false);
        f.setItalic(true);
        p->setFont(f);
        qreal left = m_size.width() * 0.42; // right of any tile standing in the slab
        for (QGraphicsItem *c : childItems())
            if (c->isVisible())
                left = std::max(left, c->x() + c->boundingRect().width() * c->scale() + 8);
        const QRectF cb(left, 2, std::max<qreal>(0, m_size.width() - 10 - left), m_size.height() - 4);
        p->drawText(cb, Qt::AlignRight | Qt::AlignVCenter, QFontMetricsF(f).elidedText(createdBy, Qt::ElideMiddle, cb.width()));
    }
}

void SlabItem::hoverEnterEvent(QGraphicsSceneHoverEvent *)
{
    emit hovered(layerIndex, true);
}

void SlabItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    emit hovered(layerIndex, false);
}

// ---- TileItem ----

TileItem::TileItem(const QString &name, Mark mark, QGraphicsItem *parent)
    : QGraphicsObject(parent), m_name(name), m_mark(mark)
{
    QFont f;
    f.setPixelSize(kNamePx);
    f.setBold(true);
    m_width = std::clamp<qreal>(QFontMetricsF(f).horizontalAdvance(name) + 44, 110, 230);
    setCursor(Qt::PointingHandCursor);
}

QRectF TileItem::boundingRect() const
{
    return QRectF(-2, -2, m_width + 4, kTileHeight + 4);
}

void TileItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const Palette &pal = Palette::current();
    p->setRenderHint(QPainter::Antialiasing);
    const QRectF r(0, 0, m_width, kTileHeight);
    const bool deletion = m_mark == Mark::Whiteout || m_mark == Mark::Deleted;
    QPen pen(deletion ? pal.whiteout : pal.mergedEdge, selected || lit ? 3 : 1.3);
    if (ghost)
        pen.setStyle(Qt::DashLine);
    p->setPen(pen);
    p->setBrush(QColor(255, 255, 255, ghost ? 120 : 235));
    p->drawRoundedRect(r, 4, 4);
    if (deletion) {
        p->setBrush(QBrush(pal.whiteout, Qt::BDiagPattern)); // cross-hatch: a whiteout, not just red
        p->drawRoundedRect(r, 4, 4);
    }
    if (m_mark != Mark::None)
        markIcon(m_mark).paint(p, QRect(4, 4, 20, 20));
    QFont f = p->font();
    f.setPixelSize(kNamePx);
    f.setBold(true);
    f.setStrikeOut(ghost);
    p->setFont(f);
    p->setPen(pal.text);
    p->drawText(QRectF(m_mark == Mark::None ? 5 : 27, 1, m_width - 30, 22), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(f).elidedText(m_name, Qt::ElideMiddle, m_width - 30));
    f.setBold(false);
    f.setStrikeOut(false);
    f.setPixelSize(kNotePx);
    p->setFont(f);
    p->drawText(QRectF(5, 23, m_width - 8, 19), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(f).elidedText(note, Qt::ElideRight, m_width - 8));
    setData(MinFontData, kNotePx);
}

void TileItem::mousePressEvent(QGraphicsSceneMouseEvent *e)
{
    emit clicked(path);
    e->accept();
}

// ---- PlaneItem ----

PlaneItem::PlaneItem(QGraphicsItem *parent) : QGraphicsObject(parent)
{
    setData(KindData, QStringLiteral("merged-plane"));
}

QRectF PlaneItem::boundingRect() const
{
    return QRectF(QPointF(-2, -2), m_size + QSizeF(4, 4));
}

void PlaneItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const Palette &pal = Palette::current();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(pal.mergedEdge, 1.5));
    p->setBrush(pal.merged);
    p->drawRoundedRect(QRectF(QPointF(0, 0), m_size), 8, 8);
    drawEyeIcon(p, QRectF(10, 8, 26, 16), pal.text);
    QFont f = p->font();
    f.setPixelSize(18);
    setData(MinFontData, 18);
    f.setBold(true);
    p->setFont(f);
    p->setPen(pal.text);
    p->drawText(QRectF(44, 3, m_size.width() - 50, 26), Qt::AlignLeft | Qt::AlignVCenter,
                QCoreApplication::translate("Scene", "merged view — what a container sees (nearest layer wins)"));
}

// ---- DirLabelItem ----

DirLabelItem::DirLabelItem(QString r, QGraphicsItem *parent) : QGraphicsObject(parent), role(std::move(r))
{
    setData(KindData, QStringLiteral("dir-label"));
    setData(KeyData, role);
}

QRectF DirLabelItem::boundingRect() const
{
    if (placeholderWidth > 0)
        return QRectF(-2, -2, placeholderWidth + 4, m_height + 4);
    return QRectF(-2, -2, 12, m_height + 4).united(textRect());
}

void DirLabelItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const Palette &pal = Palette::current();
    p->setRenderHint(QPainter::Antialiasing);
    if (placeholderWidth > 0) {
        QPen pen(pal.containerEdge, 1.2, Qt::DashLine);
        p->setPen(pen);
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(QRectF(0, 0, placeholderWidth, m_height), 6, 6);
        QFont f = p->font();
        f.setPixelSize(17);
        setData(MinFontData, 17);
        f.setItalic(true);
        p->setFont(f);
        p->setPen(pal.containerEdge);
        drawPencilIcon(p, QRectF(10, m_height / 2 - 10, 20, 20), pal.containerEdge);
        p->drawText(QRectF(40, 0, placeholderWidth - 50, m_height), Qt::AlignLeft | Qt::AlignVCenter,
                    explain ? explain() : QString());
        return;
    }
    p->setPen(QPen(pal.mergedEdge, 1.5));
    p->drawLine(QPointF(0, 0), QPointF(8, 0));
    p->drawLine(QPointF(8, 0), QPointF(8, m_height));
    p->drawLine(QPointF(0, m_height), QPointF(8, m_height));
    // A leader from the bracket to its text when the text was pushed away.
    const QRectF t = textRect();
    if (t.center().y() < 0 || t.center().y() > m_height)
        p->drawLine(QPointF(8, m_height / 2), QPointF(14, t.top() + 10));
    QFont f = p->font();
    f.setPixelSize(18);
    f.setBold(true);
    f.setFamily(QStringLiteral("monospace"));
    p->setFont(f);
    p->setPen(pal.text);
    p->drawText(QRectF(t.left(), t.top(), t.width(), 21), Qt::AlignLeft | Qt::AlignVCenter, role);
    f.setBold(false);
    f.setPixelSize(15);
    f.setFamily(QFont().family()); // the application's sans face (an empty family falls back to a serif)
    p->setFont(f);
    const QString text = explain ? explain() : QString();
    p->drawText(QRectF(t.left(), t.top() + 21, t.width(), 20), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(f).elidedText(text, Qt::ElideRight, t.width()));
    f.setFamily(QStringLiteral("monospace"));
    p->setFont(f);
    p->setPen(pal.caption);
    // The path's end says what it is (…/diff, …/merged); the whole path is the tooltip.
    p->drawText(QRectF(t.left(), t.top() + 41, t.width(), 20), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(f).elidedText(path, Qt::ElideLeft, t.width()));
    setToolTip(path);
    setData(MinFontData, 15);
}

} // namespace strata::gui
