// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/SceneView.h"

#include <QGraphicsScene>

namespace strata::gui {

SceneView::SceneView(QGraphicsScene *scene, QWidget *parent) : QGraphicsView(scene, parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    m_check.setInterval(400);
    connect(&m_check, &QTimer::timeout, this, [this] {
        const QRectF r = wanted();
        if (isVisible() && (std::abs(r.top() - m_fitted.top()) > 4 || std::abs(r.bottom() - m_fitted.bottom()) > 4 ||
                            std::abs(r.left() - m_fitted.left()) > 4 || std::abs(r.right() - m_fitted.right()) > 4))
            fit();
    });
    m_check.start();
}

QRectF SceneView::wanted() const
{
    if (!scene())
        return {};
    const QRectF canvas = scene()->sceneRect();
    // The drawing, inside the canvas (an item flying in from outside does not count).
    QRectF r = scene()->itemsBoundingRect().intersected(canvas);
    if (r.width() < canvas.width() / 3 || r.height() < canvas.height() / 4)
        r = canvas; // nearly empty: keep the canvas, so one box is not blown up
    return r.adjusted(-14, -14, 14, 14);
}

void SceneView::fit()
{
    m_fitted = wanted();
    if (!m_fitted.isEmpty())
        fitInView(m_fitted, Qt::KeepAspectRatio);
}

void SceneView::resizeEvent(QResizeEvent *e)
{
    QGraphicsView::resizeEvent(e);
    fit();
}

void SceneView::showEvent(QShowEvent *e)
{
    QGraphicsView::showEvent(e);
    fit();
}

} // namespace strata::gui
