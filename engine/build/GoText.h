// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The few Go formatting rules Docker's history lines show: %q of a string
// (strconv.Quote), of a []string (`["a" "b"]`), a time.Duration's String()
// ("1m30s", "500ms", "0s") and parsing one ("5s", "1m30s", "1.5h").

#include <cstdint>
#include <string>
#include <vector>

namespace strata::engine::build {

[[nodiscard]] std::string goQuote(const std::string &s);
[[nodiscard]] std::string goQuoteList(const std::vector<std::string> &items);
[[nodiscard]] std::string goDuration(std::int64_t nanoseconds);
// Throws InvalidArgument: time: invalid duration "x".
[[nodiscard]] std::int64_t parseGoDuration(const std::string &text);

} // namespace strata::engine::build
