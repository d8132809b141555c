// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Export of what a view shows — a scene, a chart, a diagram, the timeline's
// replay frame — as SVG (QSvgGenerator, vector, for slides) or PNG (twice
// the scene's size, for projectors). The format follows the file's suffix.

#include <QRectF>
#include <QString>

class QGraphicsScene;
class QGraphicsView;

namespace strata::gui {

// Renders `source` (null: scene->sceneRect()); false with `error` set when the
// file cannot be written.
bool exportScene(QGraphicsScene *scene, const QString &file, const QString &title, QString *error = nullptr,
                 QRectF source = {});
// The scene the view shows (a QChartView's chart too).
bool exportView(QGraphicsView *view, const QString &file, const QString &title, QString *error = nullptr);

} // namespace strata::gui
