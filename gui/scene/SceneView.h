// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shows a scene scaled to fill the centre, keeping its aspect, antialiased:
// it fits what the scene draws (not its whole canvas), so a three-layer
// stack is as large as the room needs; it refits when the drawing grows or
// shrinks (checked a few times a second, not per animation frame).

#include <QGraphicsView>
#include <QTimer>

namespace strata::gui {

class SceneView : public QGraphicsView {
    Q_OBJECT
public:
    explicit SceneView(QGraphicsScene *scene, QWidget *parent = nullptr);
    // Fits the drawn items (with a margin) into the view now.
    void fit();

protected:
    void resizeEvent(QResizeEvent *e) override;
    void showEvent(QShowEvent *e) override;

private:
    [[nodiscard]] QRectF wanted() const;
    QTimer m_check;
    QRectF m_fitted;
};

} // namespace strata::gui
