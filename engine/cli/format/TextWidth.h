// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// UTF-8 decoding and terminal display width, as the Go code Docker runs
// measures text: utf8.DecodeRuneInString for decoding and go-runewidth's
// StringWidth for the width of table cells (docker/cli's tabwriter fork
// counts East Asian wide characters as two columns, combining marks as zero).

#include <cstddef>
#include <string>
#include <string_view>

namespace strata::engine::cli {

inline constexpr char32_t kRuneError = 0xFFFD;

// Decodes the rune starting at text[pos] and advances pos past it. Invalid or
// truncated sequences, surrogates and overlong forms decode as U+FFFD and
// consume one byte, like Go's utf8.DecodeRuneInString.
[[nodiscard]] char32_t decodeRune(std::string_view text, std::size_t &pos);

// Appends the UTF-8 encoding of `rune` (U+FFFD when it is not encodable).
void appendRune(std::string &out, char32_t rune);

// `text` with each byte of invalid UTF-8 replaced by U+FFFD: a file name as
// Docker's CLI prints it after the daemon's JSON carried it (diff, tree).
[[nodiscard]] std::string coerceUtf8(std::string_view text);

// Number of runes, counting each invalid byte as one (utf8.RuneCountInString).
[[nodiscard]] std::size_t runeCount(std::string_view text);

// Columns one rune occupies: 0 for control characters and combining marks,
// 2 for East Asian wide/fullwidth characters and emoji, 1 otherwise.
[[nodiscard]] int runeWidth(char32_t rune);

// Sum of runeWidth over the runes of `text`.
[[nodiscard]] std::size_t displayWidth(std::string_view text);

} // namespace strata::engine::cli
