// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// JSON text exactly as Go's encoding/json writes it, for `{{json .}}`,
// `--format json` and `inspect`: compact separators, Go's string escapes
// (\u2028, \ufffd for invalid UTF-8, no HTML escaping - Docker turns it off),
// Go's float spelling ("1" not "1.0", "1e+21"), and the indented layout of
// json.Indent. nlohmann's dump() differs on floats and escapes, hence this.
//
// Object keys are written in the order the ordered_json holds them: build
// objects in the order Docker's Go structs declare their fields (or sorted,
// where Docker marshals a map).

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace strata::engine::cli {

// json.Marshal / Encoder.Encode without the trailing newline. With
// `escapeHtml` (json.Marshal's default, which Docker keeps where it marshals
// its list contexts) '<', '>' and '&' become \u003c, \u003e and \u0026.
[[nodiscard]] std::string goJsonCompact(const nlohmann::ordered_json &value, bool escapeHtml = false);

// json.MarshalIndent(value, prefix, indent); Docker's inspect uses "" and
// four spaces. Empty arrays and objects stay "[]" and "{}".
[[nodiscard]] std::string goJsonIndent(const nlohmann::ordered_json &value, std::string_view prefix = "",
                                       std::string_view indent = "    ");

// Appends `text` as a quoted JSON string with Go's escaping.
void appendGoJsonString(std::string &out, std::string_view text, bool escapeHtml = false);

} // namespace strata::engine::cli
