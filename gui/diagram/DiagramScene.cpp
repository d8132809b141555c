// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/DiagramScene.h"

#include "app/Language.h"
#include "core/Palette.h"
#include "scene/SceneItems.h"

#include <QFont>
#include <QFontMetricsF>
#include <QGraphicsItemGroup>
#include <QGraphicsPathItem>
#include <QGraphicsSimpleTextItem>
#include <QLineF>
#include <QPainterPath>
#include <QPen>

#include <cmath>

namespace strata::gui {

namespace {

QFont diagramFont(qreal px, bool bold = false)
{
    QFont f;
    f.setFamilies({QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Noto Sans"), QStringLiteral("DejaVu Sans")});
    f.setPixelSize(static_cast<int>(px));
    f.setBold(bold);
    return f;
}

// Lines of text; anchor "start"/"middle"/"end" at x, first baseline-ish top at y.
void addLines(QGraphicsItemGroup *g, const QString &text, QPointF at, qreal px, const QString &anchor, QColor colour,
             bool bold, const QString &kind, const QString &key)
{
    const QStringList lines = text.split('\n');
    const QFont font = diagramFont(px, bold);
    const QFontMetricsF fm(font);
    qreal y = at.y() - fm.ascent(); // `at` is the first line's baseline, as in the SVG
    for (const QString &line : lines) {
        auto *t = new QGraphicsSimpleTextItem(line);
        t->setFont(font);
        t->setBrush(colour);
        const qreal w = fm.horizontalAdvance(line);
        const qreal x = anchor == QLatin1String("middle") ? at.x() - w / 2 : anchor == QLatin1String("end") ? at.x() - w : at.x();
        t->setPos(x, y);
        t->setData(KindData, kind);
        t->setData(KeyData, key);
        g->addToGroup(t);
        y += px * 1.25;
    }
}

} // namespace

DiagramScene::DiagramScene(QObject *parent) : QGraphicsScene(parent) {}

void DiagramScene::setDiagram(const Diagram &diagram)
{
    m_diagram = diagram;
    redraw();
}

void DiagramScene::redraw()
{
    clear();
    setSceneRect(QRectF(QPointF(0, 0), m_diagram.size));
    setBackgroundBrush(Palette::current().background);
    addItem(build(m_diagram, currentLanguage(), Palette::highContrast()));
}

QList<QGraphicsItem *> DiagramScene::itemsOfKind(const QString &kind) const
{
    QList<QGraphicsItem *> out;
    for (QGraphicsItem *i : items())
        if (i->data(KindData).toString() == kind)
            out << i;
    return out;
}

QGraphicsItemGroup *DiagramScene::build(const Diagram &d, const QString &language, bool highContrast)
{
    auto *g = new QGraphicsItemGroup;
    g->setData(KindData, QStringLiteral("diagram"));
    g->setData(KeyData, d.name);
    const QColor ink = highContrast ? QColor(Qt::black) : QColor(0x1d, 0x24, 0x2c);
    // Groups first (they frame the others), then boxes in file order.
    for (int pass = 0; pass < 2; ++pass) {
        for (const DiagramBox &b : d.boxes) {
            if (b.group != (pass == 0))
                continue;
            const RoleStyle st = roleStyle(b.role, highContrast);
            QPainterPath path;
            path.addRoundedRect(b.rect, 10, 10);
            auto *r = new QGraphicsPathItem(path);
            QPen pen(st.edge, b.group ? 1.5 : 2.2);
            if (b.dashed)
                pen.setDashPattern({6, 4});
            r->setPen(pen);
            r->setBrush(st.fill);
            r->setData(KindData, QStringLiteral("diagram-box"));
            r->setData(KeyData, b.id);
            g->addToGroup(r);
            for (const DiagramBoxText &t : boxTexts(b, language))
                addLines(g, t.text, t.at, t.size, t.anchor, st.text, t.bold, QStringLiteral("diagram-label"), b.id);
        }
    }
    for (const DiagramArrow &a : d.arrows) {
        const QVector<QPointF> pts = d.arrowPoints(a);
        if (pts.size() < 2)
            continue;
        QPainterPath path(pts.front());
        for (int i = 1; i < pts.size(); ++i)
            path.lineTo(pts[i]);
        QPainterPath heads;
        auto head = [&heads](QPointF tip, QPointF from) {
            const QLineF l(tip, from);
            const qreal ang = std::atan2(-l.dy(), l.dx());
            const qreal s = 12;
            const QPointF p1 = tip + QPointF(std::cos(ang + 0.42) * s, -std::sin(ang + 0.42) * s);
            const QPointF p2 = tip + QPointF(std::cos(ang - 0.42) * s, -std::sin(ang - 0.42) * s);
            heads.moveTo(p1);
            heads.lineTo(tip);
            heads.lineTo(p2);
            heads.closeSubpath();
        };
        head(pts.back(), pts[pts.size() - 2]);
        if (a.both)
            head(pts.front(), pts[1]);
        auto *item = new QGraphicsPathItem(path);
        QPen pen(ink, 2.2);
        if (a.dashed)
            pen.setDashPattern({6, 4});
        item->setPen(pen);
        item->setData(KindData, QStringLiteral("diagram-arrow"));
        item->setData(KeyData, a.from + QLatin1Char('>') + a.to);
        g->addToGroup(item);
        auto *tips = new QGraphicsPathItem(heads, item);
        tips->setPen(QPen(ink, 2.2));
        tips->setBrush(ink);
        const QString label = a.label.in(language);
        if (!label.isEmpty())
            addLines(g, label, d.arrowLabelPoint(a), kDiagramNoteSize + 1, QStringLiteral("middle"), ink, false,
                    QStringLiteral("diagram-label"), a.from + QLatin1Char('>') + a.to);
    }
    for (const DiagramLabel &l : d.labels)
        addLines(g, l.text.in(language), l.at, l.size, l.anchor, ink, l.bold, QStringLiteral("diagram-label"), QString());
    addLines(g, d.title.in(language), QPointF(32, 46), kDiagramTitleSize, QStringLiteral("start"), ink, true,
            QStringLiteral("diagram-title"), d.name);
    const QString caption = d.caption.in(language);
    if (!caption.isEmpty())
        addLines(g, caption, QPointF(32, d.size.height() - 22 - caption.count('\n') * kDiagramCaptionSize * 1.25),
                kDiagramCaptionSize, QStringLiteral("start"), ink, false, QStringLiteral("diagram-caption"), d.name);
    return g;
}

QRectF DiagramScene::boxRect(const QGraphicsItemGroup *group, const QString &id)
{
    for (QGraphicsItem *i : group->childItems())
        if (i->data(KindData).toString() == QLatin1String("diagram-box") && i->data(KeyData).toString() == id)
            return i->sceneBoundingRect();
    return {};
}

} // namespace strata::gui
