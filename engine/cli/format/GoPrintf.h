// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// fmt.Sprint, fmt.Sprintln and a practical subset of fmt.Sprintf over JSON
// values: the template functions print, println and printf. Verbs: %v %s %q
// %d %b %o %x %X %c %U %e %E %f %F %g %G %t %%, flags "+- 0#", width and
// precision (also '*'). Wrong arguments print the way Go reports them:
// "%!d(string=x)", "%!s(MISSING)", "%!(EXTRA int=1)", "%!(NOVERB)".

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::cli {

// fmt.Sprint: operands printed with %v, a space between two operands when
// neither is a string.
[[nodiscard]] std::string goSprint(const std::vector<nlohmann::ordered_json> &args);

// fmt.Sprintln: operands separated by spaces, then a newline.
[[nodiscard]] std::string goSprintln(const std::vector<nlohmann::ordered_json> &args);

// fmt.Sprintf.
[[nodiscard]] std::string goSprintf(std::string_view format, const std::vector<nlohmann::ordered_json> &args);

} // namespace strata::engine::cli
