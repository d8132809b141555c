// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A Go text/template evaluated against JSON data: what `--format` means for
// docker images / ps / history / volume ls and inspect. Supported: text,
// {{.Field}}, {{.A.B}}, {{.}}, $ and $variables (:= and =), pipelines with
// "|", parenthesised pipelines, {{if}} / {{else if}} / {{else}} / {{end}},
// {{range}} (arrays, objects in key order, integers; $i, $e :=; break and
// continue), {{with}}, "{{- " / " -}}" trimming, comments, string / raw
// string / number / char / bool / nil literals, Go's builtins (and or not
// len index slice print printf println eq ne lt le gt ge) and docker's
// (json split join title lower upper pad truncate). Not supported:
// {{define}}, {{template}}, {{block}}, html, js, urlquery, call.
//
// Data is nlohmann::ordered_json so that `{{json .}}` writes keys in the
// order the caller built them: Docker marshals its list contexts as maps
// (sorted keys) and inspect structs in field order; build objects to match.
//
// Errors are Error(InvalidArgument) whose message is Go's text:
//   parse:   template: :1: function "foo" not defined
//   execute: template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"
// Docker prefixes these with "template parsing error: "; see DockerFormat.h.

#include "engine/cli/format/TemplateOptions.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace strata::engine::cli {

namespace tmpl {
struct ListNode;
}

class GoTemplate {
public:
    // Parses `text`; throws Error(InvalidArgument) on a syntax error.
    [[nodiscard]] static GoTemplate parse(std::string_view text);

    // Executes against `data` and returns the output; throws
    // Error(InvalidArgument) on an execution error.
    [[nodiscard]] std::string execute(const nlohmann::ordered_json &data, const TemplateOptions &options = {}) const;

    // Appends the output to `out`. On an error, what was produced before it
    // is left in `out` (Go writes into its io.Writer as it goes) and the
    // Error is thrown.
    void executeInto(std::string &out, const nlohmann::ordered_json &data, const TemplateOptions &options = {}) const;

    [[nodiscard]] const std::string &text() const noexcept { return *m_text; }

private:
    GoTemplate(std::shared_ptr<const std::string> text, std::shared_ptr<const tmpl::ListNode> root);

    std::shared_ptr<const std::string> m_text;    // node positions index into it
    std::shared_ptr<const tmpl::ListNode> m_root; // immutable, so copies share it
};

} // namespace strata::engine::cli
