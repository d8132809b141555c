// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Networks panel's rows from a snapshot's networks (`network inspect`'s
// JSON, from Strata's engine or a host alike): name, driver, first subnet,
// and the id (a fourth, hidden column: the key for the inspector).

#include "engine/image/OciTypes.h"

#include <QList>
#include <QStringList>

#include <vector>

namespace strata::gui {

[[nodiscard]] QList<QStringList> networkRows(const std::vector<engine::image::Json> &networks);

} // namespace strata::gui
