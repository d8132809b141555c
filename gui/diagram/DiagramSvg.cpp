// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/DiagramSvg.h"

#include <QLineF>

#include <cmath>

namespace strata::gui {

namespace {

QString num(qreal v)
{
    return QString::number(std::round(v * 10) / 10, 'f', std::abs(v - std::round(v)) < 0.05 ? 0 : 1);
}

QString esc(const QString &s)
{
    QString out = s.toHtmlEscaped();
    return out;
}

QString colour(const QColor &c)
{
    return c.name(QColor::HexRgb);
}

void text(QString &out, const QString &t, QPointF at, qreal px, const QString &anchor, const QColor &fill, bool bold)
{
    const QStringList lines = t.split('\n');
    out += QStringLiteral("  <text x=\"%1\" y=\"%2\" font-size=\"%3\" text-anchor=\"%4\" fill=\"%5\"%6>")
               .arg(num(at.x()), num(at.y()), num(px), anchor, colour(fill),
                    bold ? QStringLiteral(" font-weight=\"bold\"") : QString());
    if (lines.size() == 1) {
        out += esc(t) + QStringLiteral("</text>\n");
        return;
    }
    for (int i = 0; i < lines.size(); ++i)
        out += QStringLiteral("<tspan x=\"%1\" dy=\"%2\">%3</tspan>")
                   .arg(num(at.x()), i == 0 ? QStringLiteral("0") : num(px * 1.25), esc(lines[i]));
    out += QStringLiteral("</text>\n");
}

QString head(QPointF tip, QPointF from)
{
    const QLineF l(tip, from);
    const qreal ang = std::atan2(-l.dy(), l.dx());
    const qreal s = 12;
    const QPointF p1 = tip + QPointF(std::cos(ang + 0.42) * s, -std::sin(ang + 0.42) * s);
    const QPointF p2 = tip + QPointF(std::cos(ang - 0.42) * s, -std::sin(ang - 0.42) * s);
    return QStringLiteral("M%1 %2L%3 %4L%5 %6Z").arg(num(p1.x()), num(p1.y()), num(tip.x()), num(tip.y()), num(p2.x()), num(p2.y()));
}

} // namespace

QString diagramSvgName(const QString &name, const QString &language)
{
    return name + QLatin1Char('.') + language + QStringLiteral(".svg");
}

QByteArray diagramToSvg(const Diagram &d, const QString &language)
{
    const QColor ink(0x1d, 0x24, 0x2c);
    QString out;
    out += QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out += QStringLiteral("<!-- Generated from diagrams/%1.json by strata-diagrams (ninja strata_diagrams). Do not edit. -->\n").arg(d.name);
    out += QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\" "
                          "font-family=\"%3\">\n")
               .arg(num(d.size.width()), num(d.size.height()), QString::fromLatin1(kDiagramFontFamily));
    out += QStringLiteral("  <title>%1</title>\n").arg(esc(d.title.in(language)));
    out += QStringLiteral("  <rect x=\"0\" y=\"0\" width=\"%1\" height=\"%2\" fill=\"#f6f7f9\"/>\n")
               .arg(num(d.size.width()), num(d.size.height()));
    for (int pass = 0; pass < 2; ++pass) {
        for (const DiagramBox &b : d.boxes) {
            if (b.group != (pass == 0))
                continue;
            const RoleStyle st = roleStyle(b.role);
            out += QStringLiteral("  <rect id=\"%1\" x=\"%2\" y=\"%3\" width=\"%4\" height=\"%5\" rx=\"10\" fill=\"%6\" "
                                  "stroke=\"%7\" stroke-width=\"%8\"%9/>\n")
                       .arg(esc(b.id), num(b.rect.x()), num(b.rect.y()), num(b.rect.width()), num(b.rect.height()),
                            colour(st.fill), colour(st.edge), b.group ? QStringLiteral("1.5") : QStringLiteral("2.2"),
                            b.dashed ? QStringLiteral(" stroke-dasharray=\"6 4\"") : QString());
            for (const DiagramBoxText &t : boxTexts(b, language))
                text(out, t.text, t.at, t.size, t.anchor, st.text, t.bold);
        }
    }
    for (const DiagramArrow &a : d.arrows) {
        const QVector<QPointF> pts = d.arrowPoints(a);
        if (pts.size() < 2)
            continue;
        QString line = QStringLiteral("M%1 %2").arg(num(pts[0].x()), num(pts[0].y()));
        for (int i = 1; i < pts.size(); ++i)
            line += QStringLiteral("L%1 %2").arg(num(pts[i].x()), num(pts[i].y()));
        out += QStringLiteral("  <path d=\"%1\" fill=\"none\" stroke=\"%2\" stroke-width=\"2.2\"%3/>\n")
                   .arg(line, colour(ink), a.dashed ? QStringLiteral(" stroke-dasharray=\"6 4\"") : QString());
        QString heads = head(pts.back(), pts[pts.size() - 2]);
        if (a.both)
            heads += head(pts.front(), pts[1]);
        out += QStringLiteral("  <path d=\"%1\" fill=\"%2\" stroke=\"%2\" stroke-width=\"2.2\"/>\n").arg(heads, colour(ink));
        const QString label = a.label.in(language);
        if (!label.isEmpty())
            text(out, label, d.arrowLabelPoint(a), kDiagramNoteSize + 1, QStringLiteral("middle"), ink, false);
    }
    for (const DiagramLabel &l : d.labels)
        text(out, l.text.in(language), l.at, l.size, l.anchor, ink, l.bold);
    text(out, d.title.in(language), QPointF(32, 46), kDiagramTitleSize, QStringLiteral("start"), ink, true);
    const QString caption = d.caption.in(language);
    if (!caption.isEmpty())
        text(out, caption, QPointF(32, d.size.height() - 22 - caption.count('\n') * kDiagramCaptionSize * 1.25),
             kDiagramCaptionSize, QStringLiteral("start"), ink, false);
    out += QStringLiteral("</svg>\n");
    return out.toUtf8();
}

} // namespace strata::gui
