// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The word rules of a Dockerfile line, as moby's shell lexer
// (frontend/dockerfile/shell/lex.go) applies them to ENV, LABEL, EXPOSE,
// VOLUME, USER and WORKDIR: unquoted whitespace separates words; '...' is
// literal; "..." groups and still expands variables; a backslash escapes
// the next character ('\$' is a literal dollar); $NAME, ${NAME},
// ${NAME:-default} and ${NAME:+alternative} expand from the environment
// built so far. Only what `--change` needs; the builder may grow it.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::image {

using Environment = std::map<std::string, std::string>;

// Splits `text` into raw words (quotes and escapes kept) at unquoted whitespace.
[[nodiscard]] std::vector<std::string> splitWords(std::string_view text);

// Removes quotes and escapes and expands variables in one raw word (or in a
// whole line treated as one word, as USER and WORKDIR do). Throws
// InvalidArgument for an unterminated quote or "${".
[[nodiscard]] std::string processWord(std::string_view word, const Environment &env);

// ["a", "b"] when `text` is a JSON array of strings (exec form), else false.
[[nodiscard]] bool parseJsonArray(std::string_view text, std::vector<std::string> &out);

} // namespace strata::engine::image
