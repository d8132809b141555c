// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A static teaching diagram as declared in diagrams/<name>.json: boxes with
// a role (the visual vocabulary of UX.md: layer, container, kernel, volume,
// process, …), arrows between them, free labels; every text in zh_CN and en.
// One model, two renderers: DiagramScene (Qt graphics items, for the app and
// as a background under live scenes) and DiagramSvg (a plain SVG for slides,
// written without font metrics so it is the same on every machine).

#include <QColor>
#include <QMap>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

namespace strata::gui {

// One text in several languages; falls back to English.
struct LocalText {
    QMap<QString, QString> byLanguage;
    [[nodiscard]] QString in(const QString &language) const;
    [[nodiscard]] bool isEmpty() const { return byLanguage.isEmpty(); }
};

struct DiagramBox {
    QString id;
    QRectF rect;
    QString role;          // colours: see roleStyle()
    LocalText label, note; // label centred (top-left for groups), note smaller below
    bool dashed = false;
    bool group = false;    // a frame around other boxes: drawn first, label at its top
};

struct DiagramArrow {
    QString from, to;      // box ids
    QVector<QPointF> via;  // bends, in order
    QPointF fromAt, toAt;  // exact end points (null: where the line meets the box's edge)
    LocalText label;
    QPointF labelAt;       // absolute; null = beside the middle segment
    bool dashed = false;
    bool both = false;     // heads at both ends
};

struct DiagramLabel {
    QPointF at;
    LocalText text;
    qreal size = 16;
    QString anchor = QStringLiteral("start"); // start, middle, end
    bool bold = false;
};

struct RoleStyle {
    QColor fill, edge, text;
};

struct Diagram {
    QString name;
    QSizeF size{1200, 675};
    LocalText title, caption;
    QVector<DiagramBox> boxes;
    QVector<DiagramArrow> arrows;
    QVector<DiagramLabel> labels;

    [[nodiscard]] const DiagramBox *box(const QString &id) const;
    // The arrow's polyline from the edge of `from` to the edge of `to`.
    [[nodiscard]] QVector<QPointF> arrowPoints(const DiagramArrow &a) const;
    // Where its label goes (centre of the text).
    [[nodiscard]] QPointF arrowLabelPoint(const DiagramArrow &a) const;

    // Parses diagrams/<name>.json; on failure returns false and says why.
    static bool parse(const QByteArray &json, const QString &name, Diagram *out, QString *error);
    static bool load(const QString &file, Diagram *out, QString *error);
    // The diagrams compiled into the app (:/diagrams), in teaching order.
    static QStringList builtinNames();
    static Diagram builtin(const QString &name);
};

// Colours of a role; high contrast: black edges and text.
[[nodiscard]] RoleStyle roleStyle(const QString &role, bool highContrast = false);

// Font sizes shared by both renderers (pixels).
constexpr qreal kDiagramTitleSize = 28, kDiagramLabelSize = 19, kDiagramNoteSize = 14, kDiagramCaptionSize = 17;

// One run of text a box draws, placed: both renderers lay a box's label and
// note out the same way (a group's top-left, another box's centred).
struct DiagramBoxText {
    QString text;
    QPointF at;     // the baseline of the first line
    qreal size = 0; // pixels
    QString anchor; // "start" or "middle"
    bool bold = false;
};
[[nodiscard]] QVector<DiagramBoxText> boxTexts(const DiagramBox &box, const QString &language);
inline const char *kDiagramFontFamily = "Noto Sans CJK SC, Noto Sans, DejaVu Sans, sans-serif";

} // namespace strata::gui
