// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds the parse tree of a Go template with the grammar and error texts of
// Go's text/template/parse: actions, pipelines with "|", declarations
// ($x := ..., $x = ...), parenthesised pipelines, field chains, if / else if
// / range / with / else / end, break and continue. {{define}}, {{template}}
// and {{block}} are rejected: Docker's --format strings never need them.

#include "engine/cli/format/TemplateAst.h"

#include <functional>
#include <memory>
#include <string_view>

namespace strata::engine::cli::tmpl {

// Parses `text`. `isFunction` says which identifiers name functions (Go
// checks this at parse time: `function "foo" not defined`). Throws
// Error(InvalidArgument) with Go's text, e.g.
// `template: :1: unexpected "}" in operand`.
[[nodiscard]] std::unique_ptr<ListNode> parse(std::string_view text,
                                              const std::function<bool(std::string_view)> &isFunction);

} // namespace strata::engine::cli::tmpl
