// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The two shapes the mechanism scenes (lifecycle, run, commit, volumes,
// bootfs, client–daemon, save/export) are made of: a box (a state, a phase,
// a layer, a volume, a kernel bar …) and an arrow between two points. Each
// carries UX.md's vocabulary: a role colour, an icon and a state drawn with
// a pattern or a letter as well as a colour. data(0) kind, data(1) key,
// data(2) state, data(3) the lesson highlight key ("state:paused").
// Texts are functions evaluated at paint time, so a language switch is a repaint.

#include <QGraphicsObject>
#include <QPainterPath>

#include <functional>

namespace strata::gui {

enum class Role { Neutral, Layer, Container, Merged, Volume, Process, Kernel, Engine, Client, Store, Archive };
enum class Icon { None, Lock, Pencil, Eye, Drum, Folder, Gear, Chip, Terminal, Cylinder, Box };

// A state is drawn three ways: colour, outline pattern and a badge letter.
//   idle    muted, thin outline        lit      glowing thick outline, "●"
//   done    solid, "✓"                 refused  red dashed outline, "✕"
//   kept    solid, "✓" (survived)      gone     dashed ghost, faded
using TextFn = std::function<QString()>;

class BoxItem : public QGraphicsObject {
    Q_OBJECT
    Q_PROPERTY(qreal glow READ glow WRITE setGlow)
public:
    BoxItem(const QString &kind, const QString &key, QSizeF size, Role role, QGraphicsItem *parent = nullptr);

    void setSize(QSizeF size);
    [[nodiscard]] QSizeF size() const { return m_size; }
    void setState(const QString &state);
    [[nodiscard]] QString state() const { return m_state; }
    void setHighlighted(bool on);
    [[nodiscard]] bool highlighted() const { return m_highlighted; }
    [[nodiscard]] qreal glow() const { return m_glow; }
    void setGlow(qreal g);
    [[nodiscard]] QPointF anchor(Qt::Edge edge) const; // middle of an edge, scene coordinates

    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override;

    TextFn title, subtitle, detail; // detail: small monospace third line (real paths, ids)
    Role role;
    Icon icon = Icon::None;
    qreal titleSize = 20;
    bool rounded = true;
    bool centred = false; // centre the texts (state nodes, phase boxes)
    bool textTop = false; // texts at the top (boxes that hold tiles)
    qreal subtitleScale = 0.72;
    bool stateBadge = true; // draw the ✓/●/✕ letter of the state (off for slabs in a stack)
    QString badge;        // drawn in the corner when not empty ("A", "3 files")

signals:
    void clicked(const QString &key);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *e) override;

private:
    QSizeF m_size;
    QString m_state = QStringLiteral("idle");
    bool m_highlighted = false;
    qreal m_glow = 0;
};

class ArrowItem : public QGraphicsObject {
    Q_OBJECT
    Q_PROPERTY(qreal progress READ progress WRITE setProgress)
public:
    ArrowItem(const QString &kind, const QString &key, QGraphicsItem *parent = nullptr);

    void setEnds(QPointF from, QPointF to, qreal bend = 0); // bend: sideways offset of the curve's middle
    void setState(const QString &state); // idle, taken, missing, flow
    [[nodiscard]] QString state() const { return m_state; }
    void setHighlighted(bool on);
    [[nodiscard]] bool highlighted() const { return m_highlighted; }
    [[nodiscard]] qreal progress() const { return m_progress; }
    void setProgress(qreal t); // a dot travelling along the arrow, 0..1 (< 0: none)
    [[nodiscard]] QPointF pointAt(qreal t) const;
    // The arrow's centre line (item coordinates), for overlap checks.
    [[nodiscard]] QPainterPath line() const { return path(); }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override;

    TextFn label;
    qreal labelAt = 0.5; // where along the arrow its label sits (two close arrows stagger theirs)
    QColor colour;   // invalid: the palette's edge colour
    qreal width = 3;
    bool dashed = false;

signals:
    void clicked(const QString &key);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *e) override;

private:
    [[nodiscard]] QPainterPath path() const;
    QPointF m_from, m_to;
    qreal m_bend = 0;
    QString m_state = QStringLiteral("idle");
    bool m_highlighted = false;
    qreal m_progress = -1;
};

// A text block (notes, "textbook vs reality", legends). Word-wrapped in its width.
class NoteItem : public QGraphicsObject {
    Q_OBJECT
public:
    NoteItem(const QString &kind, const QString &key, qreal width, QGraphicsItem *parent = nullptr);
    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override;
    void setWidth(qreal w) { prepareGeometryChange(); m_width = w; }
    void refresh() { prepareGeometryChange(); update(); } // after the text changed
    TextFn text;        // may hold simple HTML
    qreal textSize = 16;
    bool framed = true;
    QColor accent;       // frame colour; invalid: the palette's edge

private:
    [[nodiscard]] qreal textHeight() const;
    qreal m_width;
};

[[nodiscard]] QColor roleFill(Role role);
[[nodiscard]] QColor roleEdge(Role role);
void drawIcon(QPainter *p, Icon icon, QRectF r, QColor c);

} // namespace strata::gui
