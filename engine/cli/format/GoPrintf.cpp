// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/GoPrintf.h"

#include "engine/cli/format/GoFmt.h"
#include "engine/cli/format/TextWidth.h"

#include <algorithm>
#include <cstdint>

namespace strata::engine::cli {

namespace {

using Json = nlohmann::ordered_json;

struct Spec {
    bool minus = false; // pad on the right
    bool plus = false;  // always print a sign
    bool space = false; // leading space for positive numbers
    bool zero = false;  // pad numbers with zeros
    bool sharp = false; // alternate form (0x, 0, 0b)
    int width = -1;
    int precision = -1;
    char verb = 'v';
};

// Pads to the width in runes, as fmt does.
std::string pad(std::string body, const Spec &spec)
{
    const auto runes = static_cast<int>(runeCount(body));
    if (spec.width <= runes)
        return body;
    const std::string fill(static_cast<std::size_t>(spec.width - runes), ' ');
    return spec.minus ? body + fill : fill + body;
}

// Pads a number: zeros go between the sign and the digits.
std::string padNumber(std::string sign, std::string digits, const Spec &spec)
{
    const auto length = static_cast<int>(sign.size() + digits.size());
    if (spec.zero && !spec.minus && spec.width > length)
        return sign + std::string(static_cast<std::size_t>(spec.width - length), '0') + digits;
    return pad(sign + digits, spec);
}

std::string badVerb(const Json &arg, char verb)
{
    std::string out = "%!";
    out += verb;
    if (arg.is_null())
        return out + "(<nil>)";
    return out + "(" + goTypeName(arg) + "=" + goFormatValue(arg) + ")";
}

std::string toBase(std::uint64_t magnitude, int base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    do {
        out += digits[magnitude % static_cast<unsigned>(base)];
        magnitude /= static_cast<unsigned>(base);
    } while (magnitude != 0);
    std::reverse(out.begin(), out.end());
    return out;
}

std::string quoteRune(char32_t r)
{
    if (r > 0x10FFFF)
        r = kRuneError;
    std::string text;
    appendRune(text, r);
    if (r == '\'')
        return "'\\''";
    std::string quoted = goQuote(text); // "..." with Go's escapes
    if (quoted == "\"\\\"\"")
        return "'\"'";
    return "'" + quoted.substr(1, quoted.size() - 2) + "'";
}

std::string formatInteger(const Json &arg, const Spec &spec)
{
    const bool negative = arg.is_number_integer() && !arg.is_number_unsigned() && arg.get<std::int64_t>() < 0;
    const std::uint64_t magnitude = arg.is_number_unsigned() ? arg.get<std::uint64_t>()
                                    : negative ? 0 - static_cast<std::uint64_t>(arg.get<std::int64_t>())
                                               : static_cast<std::uint64_t>(arg.get<std::int64_t>());
    switch (spec.verb) {
    case 'c': {
        std::string text;
        appendRune(text, static_cast<char32_t>(std::min<std::uint64_t>(magnitude, 0x110000)));
        return pad(text, spec);
    }
    case 'q': return pad(quoteRune(static_cast<char32_t>(std::min<std::uint64_t>(magnitude, 0x110000))), spec);
    case 'U': {
        std::string hex = toBase(magnitude, 16, true);
        if (hex.size() < 4)
            hex.insert(0, 4 - hex.size(), '0');
        return pad("U+" + hex, spec);
    }
    default: break;
    }
    const int base = spec.verb == 'b' ? 2 : spec.verb == 'o' ? 8 : (spec.verb == 'x' || spec.verb == 'X') ? 16 : 10;
    std::string digits = toBase(magnitude, base, spec.verb == 'X');
    if (spec.precision >= 0 && static_cast<int>(digits.size()) < spec.precision)
        digits.insert(0, static_cast<std::size_t>(spec.precision) - digits.size(), '0');
    if (spec.precision == 0 && magnitude == 0)
        digits.clear();
    if (spec.sharp) {
        if (base == 16)
            digits.insert(0, spec.verb == 'X' ? "0X" : "0x");
        else if (base == 8 && digits.front() != '0')
            digits.insert(0, "0");
        else if (base == 2)
            digits.insert(0, "0b");
    }
    const std::string sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    Spec numeric = spec;
    numeric.zero = spec.zero && spec.precision < 0; // an explicit precision disables zero padding
    return padNumber(sign, digits, numeric);
}

std::string formatFloat(double value, const Spec &spec)
{
    std::string text;
    switch (spec.verb) {
    case 'e':
    case 'E':
        text = goFormatFloatE(value, spec.precision < 0 ? 6 : spec.precision);
        break;
    case 'f':
    case 'F':
        text = goFormatFloatF(value, spec.precision < 0 ? 6 : spec.precision);
        break;
    default: // g, G, v
        text = spec.precision < 0 ? goFormatFloatV(value) : goFormatFloatG(value, spec.precision);
        break;
    }
    if (spec.verb == 'E' || spec.verb == 'G')
        std::transform(text.begin(), text.end(), text.begin(), [](char c) { return c == 'e' ? 'E' : c; });
    std::string sign;
    if (text.front() == '-' || text.front() == '+') {
        sign = text.substr(0, 1);
        text.erase(0, 1);
    }
    if (text == "Inf" || text == "NaN") {
        if (text == "NaN" && !spec.plus && !spec.space)
            sign.clear();
        else if (sign.empty() || (sign == "+" && !spec.plus))
            sign = spec.plus ? "+" : spec.space ? " " : "";
        Spec noZero = spec;
        noZero.zero = false;
        return pad(sign + text, noZero);
    }
    if (sign.empty())
        sign = spec.plus ? "+" : spec.space ? " " : "";
    return padNumber(sign, text, spec);
}

std::string formatString(const std::string &text, const Spec &spec)
{
    std::string s = text;
    if (spec.precision >= 0) {
        // Precision truncates to a number of runes.
        std::size_t pos = 0;
        for (int i = 0; i < spec.precision && pos < s.size(); ++i)
            (void)decodeRune(s, pos);
        s.resize(pos);
    }
    switch (spec.verb) {
    case 'q': return pad(goQuote(s), spec);
    case 'x':
    case 'X': {
        std::string hex;
        for (unsigned char c : s)
            hex += toBase(c, 16, spec.verb == 'X').insert(0, c < 16 ? "0" : "");
        return pad(hex, spec);
    }
    default: return pad(s, spec);
    }
}

std::string formatArg(const Json &arg, const Spec &spec);

// fmt applies the verb to each element of slices and maps.
std::string formatContainer(const Json &arg, const Spec &spec)
{
    Spec inner = spec;
    inner.width = -1;
    std::string out;
    if (arg.is_array()) {
        out = "[";
        for (std::size_t i = 0; i < arg.size(); ++i)
            out += (i ? " " : "") + formatArg(arg[i], inner);
        out += "]";
    } else {
        std::vector<std::string> keys;
        for (const auto &item : arg.items())
            keys.push_back(item.key());
        std::sort(keys.begin(), keys.end());
        out = "map[";
        for (std::size_t i = 0; i < keys.size(); ++i)
            out += (i ? " " : "") + formatArg(Json(keys[i]), inner) + ":" + formatArg(arg.at(keys[i]), inner);
        out += "]";
    }
    return pad(out, spec);
}

std::string formatArg(const Json &arg, const Spec &spec)
{
    if (arg.is_array() || arg.is_object())
        return formatContainer(arg, spec);
    const char verb = spec.verb;
    if (verb == 'v')
        return arg.is_number_float() ? formatFloat(arg.get<double>(), spec) : pad(goFormatValue(arg), spec);
    if (arg.is_string() && (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X'))
        return formatString(arg.get<std::string>(), spec);
    if (arg.is_boolean() && verb == 't')
        return pad(arg.get<bool>() ? "true" : "false", spec);
    if (arg.is_number_integer() && std::string_view("bcdoqxXU").find(verb) != std::string_view::npos)
        return formatInteger(arg, spec);
    if (arg.is_number_float() && std::string_view("eEfFgG").find(verb) != std::string_view::npos)
        return formatFloat(arg.get<double>(), spec);
    return badVerb(arg, verb);
}

// Reads a decimal number or '*' (taken from the arguments) at format[i].
int readNumber(std::string_view format, std::size_t &i, const std::vector<Json> &args, std::size_t &argIndex,
               bool &star)
{
    star = false;
    if (i < format.size() && format[i] == '*') {
        ++i;
        star = true;
        if (argIndex < args.size() && args[argIndex].is_number_integer())
            return static_cast<int>(args[argIndex++].get<std::int64_t>());
        ++argIndex;
        return -2; // a bad width/precision argument
    }
    int value = -1;
    while (i < format.size() && format[i] >= '0' && format[i] <= '9') {
        value = std::max(value, 0) * 10 + (format[i] - '0');
        value = std::min(value, 1000000);
        ++i;
    }
    return value;
}

} // namespace

std::string goSprint(const std::vector<Json> &args)
{
    std::string out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i > 0 && !args[i].is_string() && !args[i - 1].is_string())
            out += ' ';
        out += goFormatValue(args[i]);
    }
    return out;
}

std::string goSprintln(const std::vector<Json> &args)
{
    std::string out;
    for (std::size_t i = 0; i < args.size(); ++i)
        out += (i ? " " : "") + goFormatValue(args[i]);
    return out + "\n";
}

std::string goSprintf(std::string_view format, const std::vector<Json> &args)
{
    std::string out;
    std::size_t argIndex = 0;
    for (std::size_t i = 0; i < format.size();) {
        if (format[i] != '%') {
            out += format[i++];
            continue;
        }
        ++i;
        Spec spec;
        for (; i < format.size(); ++i) {
            const char c = format[i];
            if (c == '-')
                spec.minus = true, spec.zero = false;
            else if (c == '+')
                spec.plus = true;
            else if (c == ' ')
                spec.space = true;
            else if (c == '0')
                spec.zero = !spec.minus;
            else if (c == '#')
                spec.sharp = true;
            else
                break;
        }
        bool star = false;
        spec.width = readNumber(format, i, args, argIndex, star);
        if (spec.width == -2)
            out += "%!(BADWIDTH)", spec.width = -1;
        if (star && spec.width < -1)
            spec.minus = true, spec.width = -spec.width;
        if (i < format.size() && format[i] == '.') {
            ++i;
            spec.precision = std::max(readNumber(format, i, args, argIndex, star), 0);
            if (star && spec.precision < 0)
                spec.precision = -1;
        }
        if (i >= format.size()) {
            out += "%!(NOVERB)";
            break;
        }
        // The verb is one rune.
        const std::size_t verbStart = i;
        const char32_t verb = decodeRune(format, i);
        if (verb == '%') {
            out += '%';
            continue;
        }
        if (argIndex >= args.size()) {
            out += "%!";
            out.append(format.substr(verbStart, i - verbStart));
            out += "(MISSING)";
            continue;
        }
        spec.verb = verb < 0x80 ? static_cast<char>(verb) : '?';
        out += formatArg(args[argIndex++], spec);
    }
    if (argIndex < args.size()) {
        out += "%!(EXTRA ";
        for (std::size_t k = argIndex; k < args.size(); ++k) {
            if (k > argIndex)
                out += ", ";
            out += args[k].is_null() ? "<nil>" : goTypeName(args[k]) + "=" + goFormatValue(args[k]);
        }
        out += ")";
    }
    return out;
}

} // namespace strata::engine::cli
