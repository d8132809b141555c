// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Go literal syntax inside template actions: strconv.Unquote for "..." and
// `...` strings and 'c' characters, and the number rules of Go's
// parse.NumberNode (decimal, 0x/0o/0b and legacy octal integers, '_'
// separators, floats; a constant may be both an int and a float).

#include "engine/cli/format/TemplateAst.h"

#include <string>
#include <string_view>

namespace strata::engine::cli::tmpl {

// strconv.Unquote of a double-quoted or back-quoted literal; false on
// invalid syntax (Go then reports "invalid syntax").
[[nodiscard]] bool goUnquote(std::string_view quoted, std::string &out);

// Fills the numeric fields of `node` from node.text (a Number or
// CharConstant token). Returns "" on success, else Go's error text
// ("illegal number syntax: \"1x\"", "integer overflow: ...").
[[nodiscard]] std::string parseNumber(NumberNode &node, bool isCharConstant);

} // namespace strata::engine::cli::tmpl
