// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/TemplateLiterals.h"

#include "engine/cli/format/GoFmt.h"
#include "engine/cli/format/TextWidth.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>

namespace strata::engine::cli::tmpl {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// strconv.UnquoteChar: decodes one character or escape at text[pos] of a
// literal quoted with `quote`, appending it to `out`.
bool unquoteChar(std::string_view text, std::size_t &pos, char quote, std::string &out)
{
    if (text[pos] != '\\') {
        out += static_cast<char>(text[pos++]); // UTF-8 bytes pass through one by one
        return true;
    }
    if (++pos >= text.size())
        return false;
    const char c = text[pos++];
    switch (c) {
    case 'a': out += '\a'; return true;
    case 'b': out += '\b'; return true;
    case 'f': out += '\f'; return true;
    case 'n': out += '\n'; return true;
    case 'r': out += '\r'; return true;
    case 't': out += '\t'; return true;
    case 'v': out += '\v'; return true;
    case '\\': out += '\\'; return true;
    case '\'':
    case '"':
        if (c != quote)
            return false;
        out += c;
        return true;
    case 'x':
    case 'u':
    case 'U': {
        const std::size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        if (pos + digits > text.size())
            return false;
        char32_t value = 0;
        for (std::size_t i = 0; i < digits; ++i) {
            const int v = hexValue(text[pos + i]);
            if (v < 0)
                return false;
            value = value * 16 + static_cast<char32_t>(v);
        }
        pos += digits;
        if (c == 'x') {
            out += static_cast<char>(value); // a raw byte
            return true;
        }
        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            return false;
        appendRune(out, value);
        return true;
    }
    default:
        if (c >= '0' && c <= '7') {
            // \ooo: exactly three octal digits, at most 255.
            if (pos + 2 > text.size())
                return false;
            int value = c - '0';
            for (int i = 0; i < 2; ++i) {
                const char d = text[pos++];
                if (d < '0' || d > '7')
                    return false;
                value = value * 8 + (d - '0');
            }
            if (value > 255)
                return false;
            out += static_cast<char>(value);
            return true;
        }
        return false;
    }
}

// strconv.ParseInt/ParseUint with base 0: an optional sign, a 0x/0o/0b or
// legacy 0 octal prefix, digits with '_' allowed between them.
std::optional<std::pair<bool, std::uint64_t>> parseInteger(std::string_view text)
{
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    int base = 10;
    if (text.size() > 1 && text[0] == '0') {
        const char p = static_cast<char>(text[1] | 0x20);
        if (p == 'x' || p == 'o' || p == 'b') {
            base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
            text.remove_prefix(2);
        } else {
            base = 8;
            text.remove_prefix(1);
        }
    }
    if (text.empty() && base != 8)
        return std::nullopt;
    std::uint64_t value = 0;
    bool lastUnderscore = true; // no leading '_' after the prefix's digit rule
    for (char c : text) {
        if (c == '_') {
            if (lastUnderscore && base == 10)
                return std::nullopt;
            lastUnderscore = true;
            continue;
        }
        const int d = hexValue(c);
        if (d < 0 || d >= base)
            return std::nullopt;
        if (value > (std::numeric_limits<std::uint64_t>::max() - static_cast<unsigned>(d)) / static_cast<unsigned>(base))
            return std::make_pair(negative, std::numeric_limits<std::uint64_t>::max()); // overflow marker
        value = value * static_cast<unsigned>(base) + static_cast<unsigned>(d);
        lastUnderscore = false;
    }
    if (lastUnderscore && !text.empty())
        return std::nullopt;
    return std::make_pair(negative, value);
}

} // namespace

bool goUnquote(std::string_view quoted, std::string &out)
{
    out.clear();
    if (quoted.size() < 2 || quoted.front() != quoted.back())
        return false;
    const std::string_view body = quoted.substr(1, quoted.size() - 2);
    if (quoted.front() == '`') {
        if (body.find('`') != std::string_view::npos)
            return false;
        for (char c : body)
            if (c != '\r') // Go drops carriage returns from raw strings
                out += c;
        return true;
    }
    if (quoted.front() != '"')
        return false;
    for (std::size_t pos = 0; pos < body.size();) {
        if (body[pos] == '"' || body[pos] == '\n')
            return false;
        if (!unquoteChar(body, pos, '"', out))
            return false;
    }
    return true;
}

std::string parseNumber(NumberNode &node, bool isCharConstant)
{
    const std::string &text = node.text;
    if (isCharConstant) {
        const std::string_view body = std::string_view(text).substr(1); // after the opening quote
        if (body.empty() || body[0] == '\'')
            return "invalid syntax";
        std::size_t pos = 0;
        char32_t r = 0;
        if (body[0] == '\\') {
            std::string decoded;
            if (!unquoteChar(body, pos, '\'', decoded))
                return "invalid syntax";
            // \x and octal escapes give one byte; \u and \U a UTF-8 rune.
            std::size_t p = 0;
            r = decoded.size() == 1 ? static_cast<unsigned char>(decoded[0]) : decodeRune(decoded, p);
        } else {
            r = decodeRune(body, pos);
        }
        if (body.substr(pos) != "'")
            return "malformed character constant: " + text;
        node.isInt = node.isFloat = true;
        node.intValue = static_cast<std::int64_t>(r);
        node.floatValue = static_cast<double>(r);
        return {};
    }
    if (!text.empty() && text.back() == 'i')
        return "complex constants are not supported: " + goQuote(text);
    if (const auto integer = parseInteger(text)) {
        const auto [negative, magnitude] = *integer;
        const bool fits = negative ? magnitude <= static_cast<std::uint64_t>(INT64_MAX) + 1
                                   : magnitude <= static_cast<std::uint64_t>(INT64_MAX);
        if (!fits)
            return "integer overflow: " + goQuote(text);
        node.isInt = node.isFloat = true;
        node.intValue = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
        node.floatValue = static_cast<double>(node.intValue);
        return {};
    }
    std::string plain;
    for (char c : text)
        if (c != '_')
            plain += c;
    errno = 0;
    char *end = nullptr;
    const double f = std::strtod(plain.c_str(), &end);
    if (plain.empty() || end != plain.c_str() + plain.size() || errno == ERANGE)
        return "illegal number syntax: " + goQuote(text);
    node.isFloat = true;
    node.floatValue = f;
    // A float with an integral value can serve as an int too ("1e3").
    if (std::fabs(f) < 9.2e18 && std::trunc(f) == f) {
        node.isInt = true;
        node.intValue = static_cast<std::int64_t>(f);
    }
    return {};
}

} // namespace strata::engine::cli::tmpl
