// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A diagram as a standalone SVG for slides (diagrams/<name>.<lang>.svg).
// Written by hand, not through QSvgGenerator: texts stay editable <text>
// with text-anchor, no font metrics are consulted, numbers are whole pixels
// — so the file is byte-identical on every machine and a test can tell a
// stale committed copy from a fresh one. Same geometry as DiagramScene.

#include "diagram/Diagram.h"

#include <QByteArray>

namespace strata::gui {

[[nodiscard]] QByteArray diagramToSvg(const Diagram &diagram, const QString &language);
// "client-daemon.zh_CN.svg"
[[nodiscard]] QString diagramSvgName(const QString &name, const QString &language);

} // namespace strata::gui
