// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The pieces of Go's fmt and strconv that decide how Docker's output looks:
// floating point formatting (%g, %v, encoding/json's rule), strconv.Quote,
// and fmt.Sprint of a decoded JSON value. Templates, sizes and the JSON
// encoder share them, so a number prints the same way everywhere.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace strata::engine::cli {

// fmt's "%.<precision>g": `precision` significant digits, exponent form when
// the exponent is < -4 or >= precision, trailing zeros dropped ("1e+03").
[[nodiscard]] std::string goFormatFloatG(double value, int precision);

// fmt's "%v" for a float64: the shortest digits that round-trip, exponent
// form when the exponent is < -4 or >= 6 ("1e+06", "123456", "1.5").
[[nodiscard]] std::string goFormatFloatV(double value);

// fmt's "%.<precision>e" and "%.<precision>f".
[[nodiscard]] std::string goFormatFloatE(double value, int precision);
[[nodiscard]] std::string goFormatFloatF(double value, int precision);

// encoding/json's float64 form: shortest digits, plain notation for
// 1e-6 <= |v| < 1e21, otherwise "1e+21" / "1e-7".
[[nodiscard]] std::string goFormatFloatJson(double value);

// strconv.Quote: a double-quoted Go string literal; printable runes stay
// as UTF-8, invalid bytes become \x.., other controls \a \n \u.... forms.
[[nodiscard]] std::string goQuote(std::string_view text);

// The Go type a template error names for a decoded JSON value ("string",
// "int", "float64", "bool", "[]interface {}", "map[string]interface {}").
[[nodiscard]] std::string goTypeName(const nlohmann::ordered_json &value);

// fmt.Sprint of one value: strings as they are, numbers as Go prints them,
// null as "<nil>", arrays "[a b]", objects "map[k:v]" with sorted keys.
[[nodiscard]] std::string goFormatValue(const nlohmann::ordered_json &value);

} // namespace strata::engine::cli
