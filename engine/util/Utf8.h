// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// File names are bytes; JSON strings are UTF-8. Names that are not valid
// UTF-8 must survive the engine's own JSON records byte for byte, so those
// records keep such names hex-encoded beside the valid ones.

#include <optional>
#include <string>
#include <string_view>

namespace strata::engine::util {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
[[nodiscard]] bool isValidUtf8(std::string_view s);

// 0-15 for a hex digit (either case), -1 for anything else.
[[nodiscard]] int hexDigitValue(char c);

// Lower-case hex of every byte, and back (nullopt for odd length or a non-hex digit).
[[nodiscard]] std::string hexBytes(std::string_view bytes);
[[nodiscard]] std::optional<std::string> unhexBytes(std::string_view hex);

} // namespace strata::engine::util
