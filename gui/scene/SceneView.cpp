// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/SceneView.h"

namespace strata::gui {

SceneView::SceneView(QGraphicsScene *scene, QWidget *parent) : QGraphicsView(scene, parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
}

void SceneView::resizeEvent(QResizeEvent *e)
{
    QGraphicsView::resizeEvent(e);
    fitInView(sceneRect(), Qt::KeepAspectRatio);
}

void SceneView::showEvent(QShowEvent *e)
{
    QGraphicsView::showEvent(e);
    fitInView(sceneRect(), Qt::KeepAspectRatio);
}

} // namespace strata::gui
