// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The shapes of UX.md's visual vocabulary: a layer slab (read-only or
// container), a file tile, the merged plane. Texts are composed at paint
// time through tr(), so a language switch only needs a repaint. Every item
// carries its kind and key in data(0)/data(1) so tests can find it.

#include "core/ExplorerTree.h"

#include <QGraphicsObject>

#include <functional>

namespace strata::gui {

enum ItemData { KindData = 0, KeyData = 1, StateData = 2, HighlightData = 3, MinFontData = 4, TextRectsData = 5 };
// TextRectsData: the rectangles (item coordinates) an item last painted text in,
// a QVariantList of QRectF, so tests can check that no two labels overlap.
// Tiles are this tall at scale 1; labels are sized for a projector (see MinFontData:
// the smallest pixel size an item painted its text with, in its own coordinates).
inline constexpr qreal kTileHeight = 44;

class SlabItem : public QGraphicsObject {
    Q_OBJECT
    Q_PROPERTY(qreal warmth READ warmth WRITE setWarmth) // 1 = amber (writable), 0 = grey-blue (read-only)
public:
    enum class State { Extracting, Ready, Reused };
    SlabItem(bool container, QGraphicsItem *parent = nullptr);

    void setSize(QSizeF size);
    [[nodiscard]] QSizeF size() const { return m_size; }
    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override;

    // Read-only layer facts.
    int layerIndex = -1;
    QString digest;
    QString createdBy;
    qint64 files = 0, bytes = 0;
    State state = State::Ready;
    // Container facts.
    QString containerId;
    QString name; // the container's name (its title), or the new image a committed layer belongs to
    int copiedUp = 0, whiteouts = 0, added = 0;
    bool highlighted = false;

    [[nodiscard]] bool isContainer() const { return m_warmth > 0.5; }
    [[nodiscard]] bool isEmptyContainer() const { return isContainer() && copiedUp + whiteouts + added == 0; }
    [[nodiscard]] qreal warmth() const { return m_warmth; }
    void setWarmth(qreal w);
    [[nodiscard]] QPointF nextTilePos() const;

public slots:
    // Lays the slab's child tiles out in one row right of its text, shrunk to fit.
    void reflowTiles();

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *e) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *e) override;

signals:
    void hovered(int layerIndex, bool on);

private:
    QSizeF m_size{600, 40};
    qreal m_warmth = 0;
    int m_hiddenTiles = 0; // tiles that did not fit, shown as "+N"
};

class TileItem : public QGraphicsObject {
    Q_OBJECT
public:
    TileItem(const QString &name, Mark mark, QGraphicsItem *parent = nullptr);
    static constexpr int kNamePx = 17, kNotePx = 15;
    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override;
    [[nodiscard]] qreal width() const { return m_width; }

    QString path;
    QString note;      // second line: "L3", hashes, "hidden"
    int layer = -1;
    bool ghost = false; // dashed outline: no longer visible in the merged view
    bool selected = false;
    bool lit = false;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *e) override;

signals:
    void clicked(const QString &path);

private:
    QString m_name;
    Mark m_mark;
    qreal m_width;
};

class PlaneItem : public QGraphicsObject {
    Q_OBJECT
public:
    explicit PlaneItem(QGraphicsItem *parent = nullptr);
    void setSize(QSizeF size) { prepareGeometryChange(); m_size = size; }
    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override;
    QString title;

private:
    QSizeF m_size{600, 120};
};

// A bracket with a label and a real path beside part of the stack.
class DirLabelItem : public QGraphicsObject {
    Q_OBJECT
public:
    DirLabelItem(QString role, QGraphicsItem *parent = nullptr);
    void setSpan(qreal height) { prepareGeometryChange(); m_height = height; }
    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override;
    QString role;  // "lowerdir", "upperdir", "workdir", "merged" (overlayfs' own words: not translated)
    QString path;
    std::function<QString()> explain;
    qreal placeholderWidth = 0; // > 0: draw an empty dashed slab with the explanation instead
    // The text block's top, relative to the bracket's top: labels whose
    // brackets are close are pushed apart so their texts never overlap.
    qreal textTop = 0;
    static constexpr qreal kTextHeight = 62, kTextWidth = 340;
    [[nodiscard]] QRectF textRect() const { return QRectF(16, textTop, kTextWidth, kTextHeight); }

private:
    qreal m_height = 40;
};

void drawLockIcon(QPainter *p, QRectF r, QColor c);
void drawPencilIcon(QPainter *p, QRectF r, QColor c);
void drawEyeIcon(QPainter *p, QRectF r, QColor c);

} // namespace strata::gui
