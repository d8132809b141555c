// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/Diagram.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineF>

#include <cmath>

namespace strata::gui {

QString LocalText::in(const QString &language) const
{
    const auto it = byLanguage.find(language);
    if (it != byLanguage.end())
        return *it;
    return byLanguage.value(QStringLiteral("en"));
}

namespace {

LocalText localText(const QJsonValue &v)
{
    LocalText t;
    if (v.isString())
        t.byLanguage.insert(QStringLiteral("en"), v.toString());
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        t.byLanguage.insert(it.key(), it.value().toString());
    return t;
}

QPointF point(const QJsonValue &v)
{
    const QJsonArray a = v.toArray();
    return a.size() == 2 ? QPointF(a[0].toDouble(), a[1].toDouble()) : QPointF();
}

// Where the ray from the centre of r towards `toward` leaves r.
QPointF edgePoint(const QRectF &r, QPointF toward)
{
    const QPointF c = r.center();
    const qreal dx = toward.x() - c.x(), dy = toward.y() - c.y();
    if (std::abs(dx) < 1e-9 && std::abs(dy) < 1e-9)
        return c;
    const qreal sx = std::abs(dx) > 1e-9 ? (r.width() / 2) / std::abs(dx) : 1e18;
    const qreal sy = std::abs(dy) > 1e-9 ? (r.height() / 2) / std::abs(dy) : 1e18;
    const qreal s = std::min(sx, sy);
    return QPointF(c.x() + dx * s, c.y() + dy * s);
}

} // namespace

const DiagramBox *Diagram::box(const QString &id) const
{
    for (const auto &b : boxes)
        if (b.id == id)
            return &b;
    return nullptr;
}

QVector<QPointF> Diagram::arrowPoints(const DiagramArrow &a) const
{
    const DiagramBox *f = box(a.from), *t = box(a.to);
    if (!f || !t)
        return {};
    QVector<QPointF> pts;
    const QPointF firstTarget = a.via.isEmpty() ? t->rect.center() : a.via.front();
    const QPointF lastSource = a.via.isEmpty() ? f->rect.center() : a.via.back();
    pts << (a.fromAt.isNull() ? edgePoint(f->rect, firstTarget) : a.fromAt);
    pts << a.via;
    pts << (a.toAt.isNull() ? edgePoint(t->rect, lastSource) : a.toAt);
    for (QPointF &p : pts) // whole pixels: the same SVG on every machine
        p = QPointF(std::round(p.x()), std::round(p.y()));
    return pts;
}

QPointF Diagram::arrowLabelPoint(const DiagramArrow &a) const
{
    if (!a.labelAt.isNull())
        return a.labelAt;
    const QVector<QPointF> pts = arrowPoints(a);
    if (pts.size() < 2)
        return {};
    const int i = (static_cast<int>(pts.size()) - 1) / 2;
    const QPointF m = (pts[i] + pts[i + 1]) / 2;
    const bool horizontal = std::abs(pts[i + 1].y() - pts[i].y()) < std::abs(pts[i + 1].x() - pts[i].x());
    // Above a horizontal segment, right of a vertical one.
    return horizontal ? QPointF(std::round(m.x()), std::round(m.y() - 14)) : QPointF(std::round(m.x() + 12), std::round(m.y()));
}

bool Diagram::parse(const QByteArray &json, const QString &name, Diagram *out, QString *error)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (doc.isNull() || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("diagram %1: not a JSON object (%2 at offset %3)").arg(name, pe.errorString()).arg(pe.offset);
        return false;
    }
    const QJsonObject o = doc.object();
    Diagram d;
    d.name = name;
    const QJsonArray size = o.value(QStringLiteral("size")).toArray();
    if (size.size() == 2)
        d.size = QSizeF(size[0].toDouble(), size[1].toDouble());
    d.title = localText(o.value(QStringLiteral("title")));
    d.caption = localText(o.value(QStringLiteral("caption")));
    for (const QJsonValue &v : o.value(QStringLiteral("boxes")).toArray()) {
        const QJsonObject b = v.toObject();
        DiagramBox box;
        box.id = b.value(QStringLiteral("id")).toString();
        box.rect = QRectF(b.value(QStringLiteral("x")).toDouble(), b.value(QStringLiteral("y")).toDouble(),
                          b.value(QStringLiteral("w")).toDouble(), b.value(QStringLiteral("h")).toDouble());
        box.role = b.value(QStringLiteral("role")).toString(QStringLiteral("store"));
        box.label = localText(b.value(QStringLiteral("label")));
        box.note = localText(b.value(QStringLiteral("note")));
        box.dashed = b.value(QStringLiteral("dashed")).toBool();
        box.group = b.value(QStringLiteral("group")).toBool();
        if (box.id.isEmpty() || box.rect.isEmpty()) {
            if (error)
                *error = QStringLiteral("diagram %1: a box needs an id and a size (x, y, w, h)").arg(name);
            return false;
        }
        d.boxes << box;
    }
    for (const QJsonValue &v : o.value(QStringLiteral("arrows")).toArray()) {
        const QJsonObject a = v.toObject();
        DiagramArrow arrow;
        arrow.from = a.value(QStringLiteral("from")).toString();
        arrow.to = a.value(QStringLiteral("to")).toString();
        for (const QJsonValue &p : a.value(QStringLiteral("via")).toArray())
            arrow.via << point(p);
        arrow.label = localText(a.value(QStringLiteral("label")));
        arrow.labelAt = point(a.value(QStringLiteral("labelAt")));
        arrow.fromAt = point(a.value(QStringLiteral("fromAt")));
        arrow.toAt = point(a.value(QStringLiteral("toAt")));
        arrow.dashed = a.value(QStringLiteral("dashed")).toBool();
        arrow.both = a.value(QStringLiteral("both")).toBool();
        if (!d.box(arrow.from) || !d.box(arrow.to)) {
            if (error)
                *error = QStringLiteral("diagram %1: arrow %2 → %3 names a box that does not exist").arg(name, arrow.from, arrow.to);
            return false;
        }
        d.arrows << arrow;
    }
    for (const QJsonValue &v : o.value(QStringLiteral("labels")).toArray()) {
        const QJsonObject l = v.toObject();
        DiagramLabel label;
        label.at = point(l.value(QStringLiteral("at")));
        label.text = localText(l.value(QStringLiteral("text")));
        label.size = l.value(QStringLiteral("size")).toDouble(16);
        label.anchor = l.value(QStringLiteral("anchor")).toString(QStringLiteral("start"));
        label.bold = l.value(QStringLiteral("bold")).toBool();
        d.labels << label;
    }
    *out = d;
    return true;
}

bool Diagram::load(const QString &file, Diagram *out, QString *error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("diagram %1: cannot read: %2").arg(file, f.errorString());
        return false;
    }
    QString name = file.section('/', -1);
    name.chop(5); // ".json"
    return parse(f.readAll(), name, out, error);
}

QStringList Diagram::builtinNames()
{
    return {QStringLiteral("client-daemon"), QStringLiteral("image-vs-container"), QStringLiteral("bootfs-rootfs"),
            QStringLiteral("docker0-bridge")};
}

Diagram Diagram::builtin(const QString &name)
{
    Diagram d;
    QString error;
    if (!load(QStringLiteral(":/diagrams/%1.json").arg(name), &d, &error))
        qWarning("%s", qPrintable(error));
    return d;
}

QVector<DiagramBoxText> boxTexts(const DiagramBox &b, const QString &language)
{
    const QString label = b.label.in(language), note = b.note.in(language);
    QVector<DiagramBoxText> out;
    if (b.group) {
        out.append({label, b.rect.topLeft() + QPointF(14, 26), kDiagramLabelSize - 2, QStringLiteral("start"), true});
        if (!note.isEmpty())
            out.append({note, b.rect.topLeft() + QPointF(14, 46), kDiagramNoteSize, QStringLiteral("start"), false});
        return out;
    }
    const int labelLines = label.isEmpty() ? 0 : static_cast<int>(label.count('\n')) + 1;
    const int noteLines = note.isEmpty() ? 0 : static_cast<int>(note.count('\n')) + 1;
    const qreal h = labelLines * kDiagramLabelSize * 1.25 + noteLines * kDiagramNoteSize * 1.25;
    qreal y = std::round(b.rect.center().y() - h / 2 + kDiagramLabelSize * 0.9);
    if (labelLines) {
        out.append({label, QPointF(b.rect.center().x(), y), kDiagramLabelSize, QStringLiteral("middle"), true});
        y += labelLines * kDiagramLabelSize * 1.25 - 2;
    }
    if (noteLines)
        out.append({note, QPointF(b.rect.center().x(), y), kDiagramNoteSize, QStringLiteral("middle"), false});
    return out;
}

RoleStyle roleStyle(const QString &role, bool highContrast)
{
    // UX.md's vocabulary; hues from the app palette and the Okabe–Ito set.
    static const QMap<QString, RoleStyle> styles = {
        {QStringLiteral("layer"), {QColor(0x8f, 0xa8, 0xc4), QColor(0x3d, 0x55, 0x73), QColor(0x10, 0x1a, 0x26)}},
        {QStringLiteral("container"), {QColor(0xf2, 0xb5, 0x4a), QColor(0x9a, 0x5b, 0x00), QColor(0x2a, 0x1a, 0x00)}},
        {QStringLiteral("merged"), {QColor(0xff, 0xff, 0xff), QColor(0x44, 0x4c, 0x56), QColor(0x1d, 0x24, 0x2c)}},
        {QStringLiteral("kernel"), {QColor(0x34, 0x40, 0x4f), QColor(0x1d, 0x24, 0x2c), QColor(0xff, 0xff, 0xff)}},
        {QStringLiteral("volume"), {QColor(0xa8, 0xdc, 0xb5), QColor(0x00, 0x7a, 0x4d), QColor(0x0b, 0x2e, 0x1c)}},
        {QStringLiteral("process"), {QColor(0xe9, 0xdf, 0xf5), QColor(0x6a, 0x3d, 0x9a), QColor(0x2b, 0x14, 0x45)}},
        {QStringLiteral("client"), {QColor(0xff, 0xff, 0xff), QColor(0x00, 0x72, 0xb2), QColor(0x0b, 0x2a, 0x40)}},
        {QStringLiteral("daemon"), {QColor(0xd6, 0xea, 0xf8), QColor(0x00, 0x72, 0xb2), QColor(0x0b, 0x2a, 0x40)}},
        {QStringLiteral("store"), {QColor(0xee, 0xf1, 0xf4), QColor(0x3d, 0x55, 0x73), QColor(0x1d, 0x24, 0x2c)}},
        {QStringLiteral("network"), {QColor(0xcc, 0xe8, 0xf4), QColor(0x00, 0x5a, 0x8c), QColor(0x0b, 0x2a, 0x40)}},
        {QStringLiteral("veth"), {QColor(0xfb, 0xe1, 0xcc), QColor(0xd5, 0x5e, 0x00), QColor(0x40, 0x1c, 0x00)}},
        {QStringLiteral("host"), {QColor(0xfa, 0xfb, 0xfc), QColor(0x8a, 0x96, 0xa3), QColor(0x3a, 0x44, 0x50)}},
        {QStringLiteral("note"), {QColor(0xff, 0xf6, 0xd8), QColor(0xb2, 0x89, 0x00), QColor(0x3a, 0x2c, 0x00)}},
    };
    RoleStyle s = styles.value(role, styles.value(QStringLiteral("store")));
    if (highContrast) {
        s.edge = Qt::black;
        if (role != QLatin1String("kernel"))
            s.text = Qt::black;
    }
    return s;
}

} // namespace strata::gui
