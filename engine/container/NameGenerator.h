// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Random container names in Docker's style: "<adjective>_<scientist>", e.g.
// "quirky_lovelace". The word lists are our own; the shape is Docker's.

#include <string>

namespace strata::engine::container {

// `retry` > 0 appends a digit (Docker does so after a collision).
[[nodiscard]] std::string randomName(int retry = 0);

} // namespace strata::engine::container
