// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Draws any Diagram (diagrams/*.json) as graphics items: the one generic
// renderer of the static diagrams.
//
// Reuse under a live scene: DiagramScene::build() returns the whole picture
// as one QGraphicsItemGroup, so a live scene can lay a diagram behind its
// moving parts:
//
//     auto *bg = DiagramScene::build(Diagram::builtin("client-daemon"), currentLanguage());
//     bg->setZValue(-100);          // under everything the events draw
//     bg->setOpacity(0.5);          // a quiet background
//     myScene->addItem(bg);
//     QRectF daemon = DiagramScene::boxRect(bg, "daemon"); // anchor live items on a box
//
// Every item carries data(0) kind ("diagram-box", "diagram-arrow",
// "diagram-label", "diagram-title") and data(1) key (box id, "from>to").

#include "diagram/Diagram.h"

#include <QGraphicsScene>

class QGraphicsItemGroup;

namespace strata::gui {

class DiagramScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit DiagramScene(QObject *parent = nullptr);

    void setDiagram(const Diagram &diagram);
    [[nodiscard]] const Diagram &diagram() const { return m_diagram; }
    // Redraws in the app's current language and palette.
    void redraw();

    [[nodiscard]] QList<QGraphicsItem *> itemsOfKind(const QString &kind) const;

    static QGraphicsItemGroup *build(const Diagram &diagram, const QString &language, bool highContrast = false);
    // A box's rectangle inside a group made by build() (scene coordinates of the group).
    static QRectF boxRect(const QGraphicsItemGroup *group, const QString &id);

private:
    Diagram m_diagram;
};

} // namespace strata::gui
