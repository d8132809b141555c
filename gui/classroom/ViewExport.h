// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Export of what a view shows — a scene, a chart, a diagram, the timeline's
// replay frame — as SVG (QSvgGenerator, vector, for slides) or PNG (twice
// the scene's size, for projectors). The format follows the file's suffix.

#include <QString>

class QGraphicsScene;
class QGraphicsView;

namespace strata::gui {

// Renders scene->sceneRect(); false with `error` set when the file cannot be written.
bool exportScene(QGraphicsScene *scene, const QString &file, const QString &title, QString *error = nullptr);
// The scene the view shows (a QChartView's chart too).
bool exportView(QGraphicsView *view, const QString &file, const QString &title, QString *error = nullptr);

} // namespace strata::gui
