// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/SceneShapes.h"

#include "core/Palette.h"
#include "scene/SceneItems.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QTextBlock>
#include <QTextDocument>

#include <cmath>
#include <tuple>

namespace strata::gui {

namespace {

const QColor kLit(0x00, 0x72, 0xb2);     // Okabe–Ito blue
const QColor kRefused(0xd5, 0x5e, 0x00); // Okabe–Ito vermillion
const QColor kDone(0x00, 0x9e, 0x73);    // Okabe–Ito bluish green

// No scene text below 18 px of the 1180x780 canvas: presentation mode at
// 1280x720 shows the canvas at about 0.8, so every label is at least 14
// screen pixels at the back of a room (tst_SceneTruth checks every scene).
constexpr qreal kMinTextPx = 18;

QFont pixelFont(qreal px, bool bold = false, bool mono = false)
{
    QFont f;
    f.setPixelSize(static_cast<int>(std::max(px, kMinTextPx)));
    f.setBold(bold);
    if (mono)
        f.setFamily(QStringLiteral("monospace"));
    return f;
}

// The smallest pixel size any fragment of a rich-text note is set in.
int smallestFontPx(const QTextDocument &doc)
{
    int smallest = doc.defaultFont().pixelSize();
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            const QFont font = f.font();
            int px = font.pixelSize();
            if (px <= 0 && font.pointSizeF() > 0)
                px = static_cast<int>(font.pointSizeF() * 96 / 72);
            if (px > 0 && !it.fragment().text().trimmed().isEmpty())
                smallest = std::min(smallest, px);
        }
    return smallest;
}

} // namespace

QColor roleFill(Role role)
{
    const Palette &pal = Palette::current();
    const bool hc = Palette::highContrast();
    switch (role) {
    case Role::Layer: return pal.layer;
    case Role::Container: return pal.container;
    case Role::Merged: return pal.merged;
    case Role::Volume: return hc ? QColor(0x5c, 0xc8, 0x9c) : QColor(0x9a, 0xd9, 0xbf);
    case Role::Process: return hc ? QColor(0xb3, 0x9d, 0xe0) : QColor(0xd9, 0xcc, 0xf0);
    case Role::Kernel: return QColor(0x37, 0x47, 0x4f);
    case Role::Engine: return hc ? QColor(0x7f, 0xbf, 0xe8) : QColor(0xbf, 0xdf, 0xf3);
    case Role::Client: return hc ? QColor(0xe0, 0xe0, 0xe0) : QColor(0xec, 0xee, 0xf1);
    case Role::Store: return pal.layer.lighter(125);
    case Role::Archive: return hc ? QColor(0xf0, 0xd0, 0x60) : QColor(0xf6, 0xe3, 0xa6);
    case Role::Neutral: break;
    }
    return QColor(0xff, 0xff, 0xff);
}

QColor roleEdge(Role role)
{
    const Palette &pal = Palette::current();
    if (Palette::highContrast())
        return Qt::black;
    switch (role) {
    case Role::Layer: return pal.layerEdge;
    case Role::Container: return pal.containerEdge;
    case Role::Volume: return QColor(0x00, 0x6e, 0x50);
    case Role::Process: return QColor(0x5b, 0x3f, 0x99);
    case Role::Kernel: return QColor(0x1c, 0x26, 0x2b);
    case Role::Engine: return QColor(0x1f, 0x5f, 0x8b);
    case Role::Archive: return QColor(0x8a, 0x6a, 0x00);
    default: break;
    }
    return pal.mergedEdge;
}

void drawIcon(QPainter *p, Icon icon, QRectF r, QColor c)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const qreal w = r.width(), h = r.height();
    switch (icon) {
    case Icon::None: break;
    case Icon::Lock: drawLockIcon(p, r, c); break;
    case Icon::Pencil: drawPencilIcon(p, r, c); break;
    case Icon::Eye: drawEyeIcon(p, r, c); break;
    case Icon::Drum:
    case Icon::Cylinder: { // a volume / a store: a cylinder
        p->setPen(QPen(c, 2));
        p->setBrush(Qt::NoBrush);
        const qreal e = h * 0.28;
        p->drawEllipse(QRectF(r.left(), r.top(), w, e));
        p->drawLine(QPointF(r.left(), r.top() + e / 2), QPointF(r.left(), r.bottom() - e / 2));
        p->drawLine(QPointF(r.right(), r.top() + e / 2), QPointF(r.right(), r.bottom() - e / 2));
        p->drawArc(QRectF(r.left(), r.bottom() - e, w, e), 180 * 16, 180 * 16);
        if (icon == Icon::Drum)
            p->drawArc(QRectF(r.left(), r.top() + h * 0.4, w, e), 180 * 16, 180 * 16);
        break;
    }
    case Icon::Folder: {
        p->setPen(QPen(c, 2));
        p->setBrush(Qt::NoBrush);
        QPainterPath f;
        f.moveTo(r.left(), r.bottom());
        f.lineTo(r.left(), r.top() + h * 0.15);
        f.lineTo(r.left() + w * 0.4, r.top() + h * 0.15);
        f.lineTo(r.left() + w * 0.5, r.top() + h * 0.3);
        f.lineTo(r.right(), r.top() + h * 0.3);
        f.lineTo(r.right(), r.bottom());
        f.closeSubpath();
        p->drawPath(f);
        break;
    }
    case Icon::Gear: {
        p->setPen(QPen(c, 2));
        p->setBrush(Qt::NoBrush);
        const QPointF m = r.center();
        const qreal rad = std::min(w, h) / 2;
        for (int i = 0; i < 8; ++i) {
            const qreal a = i * M_PI / 4;
            p->drawLine(m + QPointF(std::cos(a), std::sin(a)) * rad * 0.6, m + QPointF(std::cos(a), std::sin(a)) * rad);
        }
        p->drawEllipse(m, rad * 0.6, rad * 0.6);
        p->drawEllipse(m, rad * 0.22, rad * 0.22);
        break;
    }
    case Icon::Chip: {
        p->setPen(QPen(c, 2));
        p->setBrush(Qt::NoBrush);
        const QRectF body = r.adjusted(w * 0.2, h * 0.2, -w * 0.2, -h * 0.2);
        p->drawRect(body);
        for (int i = 1; i <= 3; ++i) {
            const qreal x = body.left() + body.width() * i / 4, y = body.top() + body.height() * i / 4;
            p->drawLine(QPointF(x, r.top()), QPointF(x, body.top()));
            p->drawLine(QPointF(x, body.bottom()), QPointF(x, r.bottom()));
            p->drawLine(QPointF(r.left(), y), QPointF(body.left(), y));
            p->drawLine(QPointF(body.right(), y), QPointF(r.right(), y));
        }
        break;
    }
    case Icon::Terminal: {
        p->setPen(QPen(c, 2));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(r, 3, 3);
        p->drawLine(QPointF(r.left() + w * 0.2, r.top() + h * 0.35), QPointF(r.left() + w * 0.4, r.top() + h * 0.5));
        p->drawLine(QPointF(r.left() + w * 0.4, r.top() + h * 0.5), QPointF(r.left() + w * 0.2, r.top() + h * 0.65));
        p->drawLine(QPointF(r.left() + w * 0.5, r.top() + h * 0.7), QPointF(r.left() + w * 0.8, r.top() + h * 0.7));
        break;
    }
    case Icon::Box: { // an archive: a box with a lid line
        p->setPen(QPen(c, 2));
        p->setBrush(Qt::NoBrush);
        p->drawRect(r.adjusted(0, h * 0.25, 0, 0));
        p->drawRect(QRectF(r.left() - 2, r.top() + h * 0.1, w + 4, h * 0.18));
        p->drawLine(QPointF(r.center().x(), r.top() + h * 0.28), QPointF(r.center().x(), r.bottom()));
        break;
    }
    }
    p->restore();
}

// ---- BoxItem ----

BoxItem::BoxItem(const QString &kind, const QString &key, QSizeF size, Role r, QGraphicsItem *parent)
    : QGraphicsObject(parent), role(r), m_size(size)
{
    setData(KindData, kind);
    setData(KeyData, key);
    setData(StateData, m_state);
}

void BoxItem::setSize(QSizeF size)
{
    prepareGeometryChange();
    m_size = size;
}

void BoxItem::setState(const QString &state)
{
    m_state = state;
    setData(StateData, state);
    update();
}

void BoxItem::setHighlighted(bool on)
{
    m_highlighted = on;
    update();
}

void BoxItem::setGlow(qreal g)
{
    m_glow = g;
    update();
}

QPointF BoxItem::anchor(Qt::Edge edge) const
{
    const QRectF r(QPointF(0, 0), m_size);
    QPointF local;
    switch (edge) {
    case Qt::TopEdge: local = QPointF(r.center().x(), r.top()); break;
    case Qt::BottomEdge: local = QPointF(r.center().x(), r.bottom()); break;
    case Qt::LeftEdge: local = QPointF(r.left(), r.center().y()); break;
    case Qt::RightEdge: local = QPointF(r.right(), r.center().y()); break;
    }
    return mapToScene(local);
}

QRectF BoxItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), m_size).adjusted(-14, -14, 14, 14);
}

void BoxItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const Palette &pal = Palette::current();
    p->setRenderHint(QPainter::Antialiasing);
    const QRectF r(QPointF(0, 0), m_size);
    const qreal radius = rounded ? std::min<qreal>(14, m_size.height() / 3) : 4;
    const bool lit = m_state == QLatin1String("lit");
    const bool done = m_state == QLatin1String("done") || m_state == QLatin1String("kept");
    const bool refused = m_state == QLatin1String("refused");
    const bool gone = m_state == QLatin1String("gone");
    const bool idle = m_state == QLatin1String("idle");

    // Halo: lit items glow (the glow property pulses when they light up).
    if (lit || m_highlighted || m_glow > 0) {
        const qreal g = std::max<qreal>(lit || m_highlighted ? 0.55 : 0, m_glow);
        QColor halo = m_highlighted && !lit ? QColor(0xf0, 0xe4, 0x42) : kLit;
        halo.setAlphaF(0.35 * g);
        p->setPen(Qt::NoPen);
        p->setBrush(halo);
        p->drawRoundedRect(r.adjusted(-10 * g, -10 * g, 10 * g, 10 * g), radius + 6, radius + 6);
    }
    QColor fill = roleFill(role);
    QColor edge = roleEdge(role);
    if (idle && role != Role::Kernel)
        fill = QColor::fromRgbF(fill.redF() * 0.35 + 0.65 * pal.background.redF(),
                                fill.greenF() * 0.35 + 0.65 * pal.background.greenF(),
                                fill.blueF() * 0.35 + 0.65 * pal.background.blueF());
    QPen pen(edge, 2);
    if (lit) {
        pen = QPen(kLit, 5);
    } else if (refused) {
        pen = QPen(kRefused, 4, Qt::DashLine);
    } else if (gone) {
        pen.setStyle(Qt::DashLine);
        fill.setAlphaF(0.25);
    } else if (idle) {
        pen.setColor(edge.lighter(130));
        pen.setWidthF(1.5);
    }
    if (m_highlighted)
        pen.setWidthF(pen.widthF() + 2);
    p->setPen(pen);
    p->setBrush(fill);
    p->drawRoundedRect(r, radius, radius);

    const QColor ink = role == Role::Kernel ? QColor(Qt::white) : pal.text;
    const QColor inkSoft = gone || idle ? QColor(ink.red(), ink.green(), ink.blue(), 150) : ink;
    qreal x = 12;
    const qreal iconSize = std::min<qreal>(30, m_size.height() - 12);
    if (icon != Icon::None && iconSize > 10) {
        drawIcon(p, icon, QRectF(x, textTop ? 10 : (m_size.height() - iconSize) / 2, iconSize * 0.9, iconSize), inkSoft);
        x += iconSize + 8;
    }
    const QString t = title ? title() : QString(), s = subtitle ? subtitle() : QString(), d = detail ? detail() : QString();
    const qreal textW = m_size.width() - x - (badge.isEmpty() && (!stateBadge || (!done && !refused && !lit)) ? 10 : 34);
    const QFont tf = pixelFont(titleSize, true), sf = pixelFont(titleSize * subtitleScale), df = pixelFont(std::max<qreal>(11, titleSize * 0.6), false, true);
    const Qt::Alignment al = (centred ? Qt::AlignHCenter : Qt::AlignLeft) | Qt::AlignVCenter;
    const QRectF band(centred ? 8 : x, 0, centred ? m_size.width() - 16 : textW, 0);
    // A title or subtitle too wide for the box breaks at a space onto a
    // second line when the box has the height for it; otherwise it is elided.
    auto split = [&](const QString &text, const QFont &f) {
        const QFontMetricsF fm(f);
        if (text.isEmpty() || textTop || fm.horizontalAdvance(text) <= band.width()) // textTop: children sit below
            return QStringList{text};
        for (qsizetype at = text.lastIndexOf(' '); at > 0; at = text.lastIndexOf(' ', at - 1))
            if (fm.horizontalAdvance(text.left(at)) <= band.width())
                return QStringList{text.left(at), text.mid(at + 1)};
        return QStringList{text};
    };
    QStringList tl{t}, sl{s};
    auto heightOf = [&] {
        return (t.isEmpty() ? 0 : tl.size() * QFontMetricsF(tf).height()) + (s.isEmpty() ? 0 : sl.size() * QFontMetricsF(sf).height()) +
               (d.isEmpty() ? 0 : QFontMetricsF(df).height());
    };
    for (auto [list, text, font] : {std::tuple{&sl, &s, &sf}, std::tuple{&tl, &t, &tf}}) {
        const QStringList wrapped = split(*text, *font);
        const QStringList before = *list;
        *list = wrapped;
        if (heightOf() > m_size.height() - 6)
            *list = before;
    }
    const qreal h = heightOf();
    qreal y = textTop ? 8 : std::max<qreal>(2, (m_size.height() - h) / 2);
    QVariantList drawn;
    int smallest = 0;
    auto line = [&](const QString &text, const QFont &f, QColor c) {
        if (text.isEmpty())
            return;
        p->setFont(f);
        p->setPen(c);
        const QFontMetricsF fm(f);
        const qreal lh = fm.height();
        const QString shown = fm.elidedText(text, Qt::ElideMiddle, band.width());
        const QRectF box(band.left(), y, band.width(), lh);
        p->drawText(box, al, shown);
        const qreal w = std::min(band.width(), fm.horizontalAdvance(shown));
        drawn << QRectF(centred ? box.center().x() - w / 2 : box.left(), y, w, lh);
        smallest = smallest ? std::min(smallest, f.pixelSize()) : f.pixelSize();
        y += lh;
    };
    for (const QString &part : tl)
        line(part, tf, inkSoft);
    for (const QString &part : sl)
        line(part, sf, inkSoft);
    line(d, df, role == Role::Kernel ? QColor(0xcf, 0xd8, 0xdc) : pal.caption);
    setData(MinFontData, smallest);

    // The state's letter, so colour is never alone.
    QString mark = badge;
    QColor markColour = edge;
    if (!stateBadge && mark.isEmpty()) {
        // the slab's colour, outline and lock say it
    } else if (refused) {
        mark = QStringLiteral("✕");
        markColour = kRefused;
    } else if (lit && mark.isEmpty()) {
        mark = QStringLiteral("●");
        markColour = kLit;
    } else if (done && mark.isEmpty()) {
        mark = QStringLiteral("✓");
        markColour = kDone;
    }
    if (!mark.isEmpty()) {
        const QFont bf = pixelFont(std::max<qreal>(13, titleSize * 0.8), true);
        p->setFont(bf);
        const qreal bw = std::max<qreal>(26, QFontMetricsF(bf).horizontalAdvance(mark) + 12);
        const QRectF br(m_size.width() - bw + 8, -10, bw, 24);
        p->setPen(QPen(markColour, 2));
        p->setBrush(Qt::white);
        p->drawRoundedRect(br, 12, 12);
        p->setPen(markColour);
        p->drawText(br, Qt::AlignCenter, mark);
        if (mark.size() > 1) // a word ("no kernel", "R/O") is a label too; a ✓ is not
            drawn << br;
    }
    setData(TextRectsData, drawn);
}

void BoxItem::mousePressEvent(QGraphicsSceneMouseEvent *e)
{
    emit clicked(data(KeyData).toString());
    QGraphicsObject::mousePressEvent(e);
}

// ---- ArrowItem ----

ArrowItem::ArrowItem(const QString &kind, const QString &key, QGraphicsItem *parent) : QGraphicsObject(parent)
{
    setData(KindData, kind);
    setData(KeyData, key);
    setData(StateData, m_state);
}

void ArrowItem::setEnds(QPointF from, QPointF to, qreal bend)
{
    prepareGeometryChange();
    m_from = from;
    m_to = to;
    m_bend = bend;
}

void ArrowItem::setState(const QString &state)
{
    m_state = state;
    setData(StateData, state);
    update();
}

void ArrowItem::setHighlighted(bool on)
{
    m_highlighted = on;
    update();
}

void ArrowItem::setProgress(qreal t)
{
    m_progress = t;
    update();
}

QPainterPath ArrowItem::path() const
{
    QPainterPath path(m_from);
    const QPointF mid = (m_from + m_to) / 2;
    const QPointF d = m_to - m_from;
    const qreal len = std::hypot(d.x(), d.y());
    const QPointF normal = len > 0 ? QPointF(-d.y() / len, d.x() / len) : QPointF();
    path.quadTo(mid + normal * m_bend * 2, m_to);
    return path;
}

QPointF ArrowItem::pointAt(qreal t) const
{
    return path().pointAtPercent(std::clamp<qreal>(t, 0, 1));
}

QRectF ArrowItem::boundingRect() const
{
    return path().boundingRect().adjusted(-40, -40, 40, 40).united(QRectF(pointAt(labelAt), QSizeF(1, 1)).adjusted(-260, -40, 260, 40));
}

QPainterPath ArrowItem::shape() const
{
    QPainterPathStroker s;
    s.setWidth(18);
    return s.createStroke(path());
}

void ArrowItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    p->setRenderHint(QPainter::Antialiasing);
    const Palette &pal = Palette::current();
    QColor c = colour.isValid() ? colour : pal.mergedEdge;
    qreal w = width;
    Qt::PenStyle style = dashed ? Qt::DashLine : Qt::SolidLine;
    QString mark;
    if (m_state == QLatin1String("taken") || m_state == QLatin1String("flow")) {
        c = kLit;
        w = width + 3;
        style = Qt::SolidLine;
    } else if (m_state == QLatin1String("missing")) {
        c = kRefused;
        w = width + 2;
        style = Qt::DashLine;
        mark = QStringLiteral("✕");
    } else if (m_state == QLatin1String("idle")) {
        c.setAlpha(Palette::highContrast() ? 255 : 150);
    }
    if (m_highlighted) {
        QPen halo(QColor(0xf0, 0xe4, 0x42, 200), w + 10);
        halo.setCapStyle(Qt::RoundCap);
        p->setPen(halo);
        p->drawPath(path());
    }
    const QPainterPath pp = path();
    QPen pen(c, w, style, Qt::RoundCap);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    p->drawPath(pp);
    // Arrow head along the curve's last tangent.
    const qreal angle = pp.angleAtPercent(0.999) * M_PI / 180;
    const QPointF dir(std::cos(angle), -std::sin(angle));
    const QPointF nrm(-dir.y(), dir.x());
    const qreal hl = 10 + w * 1.5;
    QPolygonF head{m_to, m_to - dir * hl + nrm * hl * 0.5, m_to - dir * hl - nrm * hl * 0.5};
    p->setPen(QPen(c, 1));
    p->setBrush(c);
    p->drawPolygon(head);

    const QString text = label ? label() : QString();
    const QPointF mid = pp.pointAtPercent(labelAt);
    if (!text.isEmpty()) {
        const QFont f = pixelFont(17, true, true);
        p->setFont(f);
        const QFontMetricsF fm(f);
        const QString shown = mark.isEmpty() ? text : mark + QStringLiteral(" ") + text;
        const QRectF tr(mid.x() - fm.horizontalAdvance(shown) / 2 - 8, mid.y() - fm.height() / 2 - 3,
                        fm.horizontalAdvance(shown) + 16, fm.height() + 6);
        p->setPen(QPen(c, m_state == QLatin1String("idle") ? 1 : 2, style));
        p->setBrush(pal.background);
        p->drawRoundedRect(tr, 8, 8);
        p->setPen(m_state == QLatin1String("missing") ? kRefused : (m_state == QLatin1String("idle") ? pal.text : c));
        p->drawText(tr, Qt::AlignCenter, shown);
        setData(MinFontData, f.pixelSize());
        setData(TextRectsData, QVariantList{tr});
    } else {
        setData(MinFontData, 0);
        setData(TextRectsData, QVariantList{});
    }
    if (m_progress >= 0 && m_progress <= 1) {
        const QPointF at = pp.pointAtPercent(m_progress);
        p->setPen(QPen(Qt::white, 2));
        p->setBrush(kLit);
        p->drawEllipse(at, 9, 9);
    }
}

void ArrowItem::mousePressEvent(QGraphicsSceneMouseEvent *e)
{
    emit clicked(data(KeyData).toString());
    QGraphicsObject::mousePressEvent(e);
}

// ---- NoteItem ----

NoteItem::NoteItem(const QString &kind, const QString &key, qreal width, QGraphicsItem *parent)
    : QGraphicsObject(parent), m_width(width)
{
    setData(KindData, kind);
    setData(KeyData, key);
}

qreal NoteItem::textHeight() const
{
    QTextDocument doc;
    doc.setDefaultFont(pixelFont(textSize));
    doc.setTextWidth(m_width - 24);
    doc.setHtml(text ? text() : QString());
    return doc.size().height();
}

QRectF NoteItem::boundingRect() const
{
    return QRectF(0, 0, m_width, textHeight() + 16).adjusted(-2, -2, 2, 2);
}

void NoteItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const Palette &pal = Palette::current();
    p->setRenderHint(QPainter::Antialiasing);
    QTextDocument doc;
    doc.setDefaultFont(pixelFont(textSize));
    doc.setTextWidth(m_width - 24);
    doc.setDefaultStyleSheet(QStringLiteral("body { color: %1; }").arg(pal.text.name()));
    doc.setHtml(QStringLiteral("<body>%1</body>").arg(text ? text() : QString()));
    const QRectF r(0, 0, m_width, doc.size().height() + 16);
    if (framed) {
        p->setPen(QPen(accent.isValid() ? accent : pal.mergedEdge, 2));
        p->setBrush(QColor(255, 255, 255, 235));
        p->drawRoundedRect(r, 10, 10);
    }
    p->translate(12, 8);
    doc.drawContents(p);
    setData(MinFontData, smallestFontPx(doc));
    setData(TextRectsData, QVariantList{QRectF(12, 8, doc.idealWidth(), doc.size().height())});
}

} // namespace strata::gui
