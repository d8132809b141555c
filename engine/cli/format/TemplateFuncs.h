// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The functions a Docker --format template can call: Go's text/template
// builtins (and, or, not, len, index, slice, print, printf, println, eq, ne,
// lt, le, gt, ge) and the ones docker/cli adds (json, split, join, title,
// lower, upper, pad, truncate), plus docker's HeaderFunctions variant used
// to render a table's header row.

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::cli::tmpl {

// A value during execution: JSON data plus the two states JSON lacks.
struct Value {
    nlohmann::ordered_json json;
    bool valid = true; // false: Go's invalid reflect.Value, printed "<no value>"
    bool root = false; // the top-level data, which carries the methods

    [[nodiscard]] static Value invalid()
    {
        Value v;
        v.valid = false;
        return v;
    }
    [[nodiscard]] static Value of(nlohmann::ordered_json j)
    {
        Value v;
        v.json = std::move(j);
        return v;
    }
};

// The Go parameter type a function declares; arguments are checked and
// reported against it ("wrong type for value; expected string; got int").
enum class ArgKind { Any, String, Int, StringList };

[[nodiscard]] const char *goTypeOf(ArgKind kind);

// Thrown by a function body; execution reports "error calling <name>: <message>".
struct FuncError {
    std::string message;
};

struct Function {
    std::vector<ArgKind> params; // fixed parameters
    bool variadic = false;       // then any number of `rest` arguments
    ArgKind rest = ArgKind::Any;
    // Null for "and" and "or", which the executor evaluates lazily.
    std::function<Value(const std::vector<Value> &args)> call;
};

// The function `name`, or null. With `headerFunctions` the docker header
// variants replace json, split, join, title, lower, upper and truncate.
[[nodiscard]] const Function *findFunction(std::string_view name, bool headerFunctions);

// Whether `name` is a function in either set (checked at parse time).
[[nodiscard]] bool isFunctionName(std::string_view name);

// Go's truth for if/with/and/or/not: false, 0, "", empty array or object,
// null and invalid values are false.
[[nodiscard]] bool truth(const Value &value);

} // namespace strata::engine::cli::tmpl
