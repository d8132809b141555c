// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/GoFmt.h"

#include "engine/cli/format/TextWidth.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

namespace strata::engine::cli {

namespace {

// A float as decimal digits: value = 0.d1d2d3... * 10^point, like strconv's
// decimalSlice. Zero has no digits. Trailing zeros are trimmed, which is what
// makes %g drop them.
struct Decimal {
    bool negative = false;
    std::string digits;
    int point = 0;
};

// Digits of `value` from std::to_chars' scientific form: with no precision
// the shortest round-tripping digits, otherwise correctly rounded to
// `significant` digits (ties to even, as Go's strconv does).
Decimal toDecimal(double value, int significant)
{
    Decimal d;
    d.negative = std::signbit(value);
    if (value == 0)
        return d;
    char buf[64];
    const auto res = significant < 0
                         ? std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific)
                         : std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific,
                                         significant - 1);
    const std::string_view text(buf, static_cast<std::size_t>(res.ptr - buf));
    const auto e = text.find('e');
    for (char c : text.substr(0, e))
        if (c != '.')
            d.digits += c;
    int exponent = 0;
    std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(), exponent);
    d.point = exponent + 1;
    while (!d.digits.empty() && d.digits.back() == '0')
        d.digits.pop_back();
    return d;
}

char digitAt(const Decimal &d, int i)
{
    return i >= 0 && i < static_cast<int>(d.digits.size()) ? d.digits[static_cast<std::size_t>(i)] : '0';
}

// %e with `precision` digits after the point; exponent has at least two digits.
std::string formatE(const Decimal &d, int precision)
{
    std::string out = d.negative ? "-" : "";
    out += d.digits.empty() ? '0' : d.digits[0];
    if (precision > 0) {
        out += '.';
        for (int i = 1; i <= precision; ++i)
            out += digitAt(d, i);
    }
    const int exponent = d.digits.empty() ? 0 : d.point - 1;
    out += exponent < 0 ? "e-" : "e+";
    const std::string expDigits = std::to_string(std::abs(exponent));
    if (expDigits.size() < 2)
        out += '0';
    return out + expDigits;
}

// %f with `precision` digits after the point.
std::string formatF(const Decimal &d, int precision)
{
    std::string out = d.negative ? "-" : "";
    if (d.point > 0) {
        for (int i = 0; i < d.point; ++i)
            out += digitAt(d, i);
    } else {
        out += '0';
    }
    if (precision > 0) {
        out += '.';
        for (int i = 0; i < precision; ++i)
            out += digitAt(d, d.point + i);
    }
    return out;
}

// strconv's %g decision: `precision` is the digit count asked for (the
// digit count itself when shortest), `shortest` switches the exponent
// threshold to 6.
std::string formatG(const Decimal &d, int precision, bool shortest)
{
    const int nd = static_cast<int>(d.digits.size());
    int eprec = precision;
    if (eprec > nd && nd >= d.point)
        eprec = nd;
    if (shortest)
        eprec = 6;
    const int exponent = d.point - 1;
    if (exponent < -4 || exponent >= eprec)
        return formatE(d, std::min(precision, nd) - 1);
    if (precision > d.point)
        precision = nd;
    return formatF(d, std::max(precision - d.point, 0));
}

// Go spells the special values this way in every verb.
bool special(double value, std::string &out)
{
    if (std::isnan(value))
        out = "NaN";
    else if (std::isinf(value))
        out = value > 0 ? "+Inf" : "-Inf";
    else
        return false;
    return true;
}

// unicode.IsPrint for runes beyond ASCII, approximately: everything except
// C1 controls, the soft hyphen, non-ASCII spaces, format characters and
// private-use code points.
bool isPrintable(char32_t r)
{
    if (r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0xA0) || r == 0xAD)
        return false;
    if (r == 0x1680 || (r >= 0x2000 && r <= 0x200F) || (r >= 0x2028 && r <= 0x202F) || (r >= 0x205F && r <= 0x2064))
        return false;
    if (r == 0x3000 || r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB) || (r >= 0xE000 && r <= 0xF8FF))
        return false;
    return true;
}

void appendHex(std::string &out, std::uint32_t value, int digits)
{
    static constexpr char hex[] = "0123456789abcdef";
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        out += hex[(value >> shift) & 0xF];
}

void appendEscapedRune(std::string &out, char32_t r)
{
    switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
    }
    if (r < ' ' || r == 0x7F) {
        out += "\\x";
        appendHex(out, r, 2);
    } else if (r < 0x10000) {
        out += "\\u";
        appendHex(out, r, 4);
    } else {
        out += "\\U";
        appendHex(out, r, 8);
    }
}

} // namespace

std::string goFormatFloatG(double value, int precision)
{
    std::string out;
    if (special(value, out))
        return out;
    if (precision <= 0)
        precision = 1;
    return formatG(toDecimal(value, precision), precision, false);
}

std::string goFormatFloatV(double value)
{
    std::string out;
    if (special(value, out))
        return out;
    const Decimal d = toDecimal(value, -1);
    return formatG(d, static_cast<int>(d.digits.size()), true);
}

std::string goFormatFloatE(double value, int precision)
{
    std::string out;
    if (special(value, out))
        return out;
    return formatE(toDecimal(value, precision + 1), precision);
}

std::string goFormatFloatF(double value, int precision)
{
    std::string out;
    if (special(value, out))
        return out;
    // Fixed notation rounds at a position rather than a digit count, which
    // std::to_chars does exactly (like C's and Go's %f).
    char buf[400];
    const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed,
                                   std::clamp(precision, 0, 60)); // 1e308 needs 309 digits + 60 < 400
    return std::string(buf, res.ptr);
}

std::string goFormatFloatJson(double value)
{
    if (std::isnan(value) || std::isinf(value))
        return "null"; // encoding/json refuses these; never produced by our data
    const Decimal d = toDecimal(value, -1);
    const double magnitude = std::fabs(value);
    const int nd = static_cast<int>(d.digits.size());
    if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)) {
        std::string out = formatE(d, std::max(nd - 1, 0));
        // encoding/json shortens a two-digit negative exponent: e-07 -> e-7.
        const auto n = out.size();
        if (n >= 4 && out[n - 4] == 'e' && out[n - 3] == '-' && out[n - 2] == '0')
            out.erase(n - 2, 1);
        return out;
    }
    return formatF(d, std::max(nd - d.point, 0));
}

std::string goQuote(std::string_view text)
{
    std::string out = "\"";
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t start = pos;
        const char32_t r = decodeRune(text, pos);
        if (r == kRuneError && pos - start == 1) {
            out += "\\x";
            appendHex(out, static_cast<unsigned char>(text[start]), 2);
        } else if (r == '"' || r == '\\') {
            out += '\\';
            out += static_cast<char>(r);
        } else if (isPrintable(r)) {
            out.append(text.substr(start, pos - start));
        } else {
            appendEscapedRune(out, r);
        }
    }
    return out + "\"";
}

std::string goTypeName(const nlohmann::ordered_json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::string: return "string";
    case nlohmann::json::value_t::boolean: return "bool";
    case nlohmann::json::value_t::number_integer: return "int";
    case nlohmann::json::value_t::number_unsigned:
        return value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX) ? "uint64" : "int";
    case nlohmann::json::value_t::number_float: return "float64";
    case nlohmann::json::value_t::array: return "[]interface {}";
    case nlohmann::json::value_t::object: return "map[string]interface {}";
    default: return "<nil>";
    }
}

std::string goFormatValue(const nlohmann::ordered_json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::string: return value.get<std::string>();
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer: return std::to_string(value.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: return std::to_string(value.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float: return goFormatFloatV(value.get<double>());
    case nlohmann::json::value_t::array: {
        std::string out = "[";
        for (std::size_t i = 0; i < value.size(); ++i)
            out += (i ? " " : "") + goFormatValue(value[i]);
        return out + "]";
    }
    case nlohmann::json::value_t::object: {
        // fmt prints maps with their keys sorted.
        std::vector<std::string> keys;
        for (const auto &item : value.items())
            keys.push_back(item.key());
        std::sort(keys.begin(), keys.end());
        std::string out = "map[";
        for (std::size_t i = 0; i < keys.size(); ++i)
            out += (i ? " " : "") + keys[i] + ":" + goFormatValue(value.at(keys[i]));
        return out + "]";
    }
    default: return "<nil>";
    }
}

} // namespace strata::engine::cli
