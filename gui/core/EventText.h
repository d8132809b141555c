// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One translated sentence per engine event: the scene's caption and the
// event log's "what happened" column say the same thing.

#include "engine/events/Event.h"

#include <QString>

namespace strata::gui {

[[nodiscard]] QString describeEvent(const engine::events::Event &e);
// "4.3 MB" in the current locale's digits.
[[nodiscard]] QString humanBytes(quint64 bytes);
[[nodiscard]] QString shortDigest(const std::string &digest);

} // namespace strata::gui
