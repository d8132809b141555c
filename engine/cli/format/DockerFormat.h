// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// docker/cli's formatter: how a --format string turns rows into output.
//  - "table ..." prints a header row, then one row per item, through the
//    tab writer (columns padded, the last one not);
//  - "json" means "{{json .}}", one object per line;
//  - anything else is a template printed once per item, each followed by a
//    newline;
//  - the two-character sequences \t and \n in the format are a tab and a
//    newline (shells make typing real tabs awkward);
//  - errors read "template parsing error: template: ..." for parse and
//    execution errors alike, and nothing is printed.
// Inspect has its own rules (InspectFormatter).
//
// Refs: docker/cli cli/command/formatter/formatter.go (Context.Write,
// preFormat, postFormat), templates/templates.go, cli/command/inspect/
// inspector.go.

#include "engine/cli/format/TemplateOptions.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::cli {

inline constexpr std::string_view kTableFormatKey = "table";
inline constexpr std::string_view kRawFormatKey = "raw";
inline constexpr std::string_view kJsonFormatKey = "json";
inline constexpr std::string_view kDefaultQuietFormat = "{{.ID}}";

// A format is a table when it starts with "table" (even "table{{.ID}}").
[[nodiscard]] bool isTableFormat(std::string_view format);
// Exactly "json".
[[nodiscard]] bool isJsonFormat(std::string_view format);

// Context.preFormat: drops a leading "table", turns "json" into
// "{{json .}}", trims spaces at both ends, and replaces the two-character
// sequences \t and \n by a tab and a newline.
[[nodiscard]] std::string preFormat(std::string_view format);

// What a list command hands the formatter.
struct ListFormat {
    // The resolved format: the user's --format, or the command's default
    // table (see ListFormats.h for Docker's defaults).
    std::string format;
    // Template field -> column header (docker's SubHeaderContext), e.g.
    // {"ID", "IMAGE ID"}. A field without a header prints "<no value>" in
    // the header row, as in Docker.
    std::map<std::string, std::string, std::less<>> headers;
    // The Go type named when a template uses a field rows do not have, e.g.
    // "*formatter.imageContext".
    std::string contextType;
    // Methods of the row context taking arguments, e.g. ps' {{.Label "k"}}.
    std::map<std::string, TemplateMethod, std::less<>> methods;
};

// Renders `rows` (one JSON object per item, keys = template fields, values
// usually the strings Docker's context methods return) as docker/cli's
// formatter.Context.Write does. `{{json .}}` writes a row with sorted keys
// and HTML-escaped strings, like Docker's MarshalJSON of its contexts.
// Throws Error(InvalidArgument, "template parsing error: ...").
[[nodiscard]] std::string formatList(const ListFormat &format, const std::vector<nlohmann::ordered_json> &rows);

// docker inspect's output: with no format an indented JSON array, with
// "json" a compact one, otherwise the template once per element (each
// followed by a newline), evaluated like Docker's map fallback
// (missingkey=error).
class InspectFormatter {
public:
    // Throws Error(InvalidArgument, "template parsing error: ...") for a bad
    // template; Docker exits with status 64 then.
    explicit InspectFormatter(std::string_view format);
    ~InspectFormatter();
    InspectFormatter(InspectFormatter &&) noexcept;
    InspectFormatter &operator=(InspectFormatter &&) noexcept;

    // Formats one element. A template error throws Error(InvalidArgument,
    // "template parsing error: ...") and adds nothing; Docker reports it and
    // carries on with the next element.
    void add(const nlohmann::ordered_json &element);

    // Everything added so far: "[]\n" or "\n" when nothing was.
    [[nodiscard]] std::string finish() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace strata::engine::cli
