// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Tokeniser for Go's text/template syntax, following the rules of Go's
// text/template/parse lexer (Go 1.22): "{{" "}}" delimiters, "{{- " and " -}}"
// trim markers, comments, newlines allowed inside actions, and Go's error
// texts ("unclosed action", "bad character U+002D '-'", ...).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::cli::tmpl {

enum class TokenType {
    Error,        // value is the error text; always the last token
    Bool,         // true, false
    Char,         // a printable ASCII character such as ','
    CharConstant, // 'a'
    Assign,       // =
    Declare,      // :=
    Eof,
    Field,        // .Name
    Identifier,   // a function name
    LeftDelim,
    LeftParen,
    Number,
    Pipe,
    RawString,    // `text`
    RightDelim,
    RightParen,
    Space,        // run of spaces, tabs and newlines inside an action
    String,       // "text"
    Text,         // text outside actions
    Variable,     // $ or $name
    // Keywords; Go's item.String() prints them as <name>.
    Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
};

struct Token {
    TokenType type;
    std::size_t pos; // byte offset of the token
    std::string val;
    int line;        // 1-based line of the token (of the scan position for errors)
};

// Scans the whole template. The result ends with an Eof or an Error token.
[[nodiscard]] std::vector<Token> lex(std::string_view input);

// Go's item.String(): "EOF", the error text, <keyword>, or the quoted value
// (shortened to ten runes and "...").
[[nodiscard]] std::string tokenString(const Token &token);

// Go's %#U: "U+0023 '#'" (the quoted character only when printable).
[[nodiscard]] std::string goRuneName(char32_t rune);

} // namespace strata::engine::cli::tmpl
