// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shows a scene scaled to fit, keeping its aspect, antialiased.

#include <QGraphicsView>

namespace strata::gui {

class SceneView : public QGraphicsView {
    Q_OBJECT
public:
    explicit SceneView(QGraphicsScene *scene, QWidget *parent = nullptr);

protected:
    void resizeEvent(QResizeEvent *e) override;
    void showEvent(QShowEvent *e) override;
};

} // namespace strata::gui
