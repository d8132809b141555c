// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one palette every view draws with (UX.md's visual vocabulary), in two
// variants: normal and high contrast for presentation. Mark hues are the
// Okabe–Ito set, distinguishable with the common colour-vision deficiencies;
// each mark also has a letter and an icon, so colour is never alone.

#include "core/ExplorerTree.h"

#include <QColor>
#include <QIcon>

namespace strata::gui {

struct Palette {
    QColor background, text, caption;
    QColor layer, layerEdge;      // read-only image layer: cool grey-blue
    QColor container, containerEdge; // read-write layer: warm amber
    QColor merged, mergedEdge;    // unified view: white with outline
    QColor whiteout;              // red outline
    QColor beam;

    static const Palette &current();
    static void setHighContrast(bool on);
    [[nodiscard]] static bool highContrast();

    // A shade of the layer colour for layer i of n (lower = darker).
    [[nodiscard]] QColor layerShade(int i, int n) const;
};

[[nodiscard]] QColor markColour(Mark m);
// A round badge with the mark's letter (and ✕ / bar for whiteout / opaque).
[[nodiscard]] QIcon markIcon(Mark m);
// Translated name: "added", "modified", "whiteout", "deleted", "opaque".
[[nodiscard]] QString markName(Mark m);

} // namespace strata::gui
