// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Executes a parsed Go template against JSON data with the semantics of Go's
// text/template exec.go: dot and $ bindings, field chains, variables, if /
// with / range (with else, break, continue), function calls with Go's
// argument checking, and Go's error texts with their location, e.g.
//   template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"

#include "engine/cli/format/TemplateAst.h"
#include "engine/cli/format/TemplateOptions.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace strata::engine::cli::tmpl {

// Runs `root` (parsed from `text`) with `data` as both "." and "$",
// appending the output to `out`. Throws Error(InvalidArgument) on an
// execution error; what was written before the error stays in `out`, as it
// does in the io.Writer Go executes into.
void execute(const ListNode &root, std::string_view text, const nlohmann::ordered_json &data,
             const TemplateOptions &options, std::string &out);

} // namespace strata::engine::cli::tmpl
