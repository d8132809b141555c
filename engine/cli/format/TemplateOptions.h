// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How a Go template is executed against JSON data. Docker evaluates its
// templates against Go values whose behaviour differs by command; these
// options select the behaviour to imitate:
//  - list commands (images, ps, history, volume ls) use typed "context"
//    structs: an unknown field is an error naming the Go type, e.g.
//    `can't evaluate field Foo in type *formatter.imageContext`;
//  - inspect falls back to a decoded JSON map with missingkey=error:
//    `map has no entry for key "Foo"`;
//  - plain Go maps print "<no value>" for a missing key.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace strata::engine::cli {

enum class MissingKey {
    NoValue, // Go's default: a missing key is an invalid value, printed "<no value>"
    Error,   // missingkey=error: `map has no entry for key "Foo"`
};

// A Go method on the data, callable as {{.Name arg...}} on the top-level
// value - e.g. docker's ContainerContext.Label(name). Methods take
// precedence over keys of the same name, as in Go. `call` gets the
// top-level value and the evaluated arguments; it may throw Error, which
// becomes the template error "error calling <Name>: <message>".
struct TemplateMethod {
    std::size_t arity = 0;
    std::function<nlohmann::ordered_json(const nlohmann::ordered_json &receiver,
                                         const std::vector<nlohmann::ordered_json> &args)>
        call;
};

struct TemplateOptions {
    MissingKey missingKey = MissingKey::NoValue;
    // When set, a field missing from the top-level object is an error
    // `can't evaluate field X in type <rootType>` (typed Go struct).
    std::string rootType;
    std::map<std::string, TemplateMethod, std::less<>> methods;
    // Use docker/cli's HeaderFunctions: json, split, join, title, lower,
    // upper and truncate return their first (string) argument unchanged, so
    // a table's header row shows the column names.
    bool headerFunctions = false;
    // The top-level value stands for one of docker/cli's list contexts,
    // whose MarshalJSON is json.Marshal of a map: {{json .}} then writes the
    // keys sorted and escapes '<' '>' '&' ("\u003cnone\u003e").
    bool rootMarshalsAsMap = false;
    // How a JSON null prints. Go's raw-map evaluation prints "<no value>";
    // typed structs would print "<nil>" (pointer), "[]" or "map[]".
    std::string nullText = "<no value>";
};

} // namespace strata::engine::cli
