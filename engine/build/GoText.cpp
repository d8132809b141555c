// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/GoText.h"

#include "engine/Error.h"

#include <cmath>
#include <cstdio>

namespace strata::engine::build {

std::string goQuote(const std::string &s)
{
    std::string out = "\"";
    for (const unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

std::string goQuoteList(const std::vector<std::string> &items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? " " : "") + goQuote(items[i]);
    return out + "]";
}

namespace {

// "1.5" from 1500 units of 1000: Go's fractional printing, zeros trimmed.
std::string withFraction(std::int64_t value, std::int64_t unit)
{
    std::string out = std::to_string(value / unit);
    std::int64_t frac = value % unit;
    if (frac == 0)
        return out;
    std::string digits;
    for (std::int64_t u = unit / 10; u > 0; u /= 10) {
        digits += static_cast<char>('0' + frac / u);
        frac %= u;
    }
    while (!digits.empty() && digits.back() == '0')
        digits.pop_back();
    return out + "." + digits;
}

} // namespace

std::string goDuration(std::int64_t ns)
{
    if (ns == 0)
        return "0s";
    const bool negative = ns < 0;
    std::uint64_t u = negative ? static_cast<std::uint64_t>(-ns) : static_cast<std::uint64_t>(ns);
    std::string out;
    if (u < 1000) {
        out = std::to_string(u) + "ns";
    } else if (u < 1000000) {
        out = withFraction(static_cast<std::int64_t>(u), 1000) + "µs";
    } else if (u < 1000000000) {
        out = withFraction(static_cast<std::int64_t>(u), 1000000) + "ms";
    } else {
        const std::uint64_t hours = u / 3600000000000ULL;
        u %= 3600000000000ULL;
        const std::uint64_t minutes = u / 60000000000ULL;
        u %= 60000000000ULL;
        out = withFraction(static_cast<std::int64_t>(u), 1000000000) + "s";
        if (hours > 0 || minutes > 0)
            out = std::to_string(minutes) + "m" + out;
        if (hours > 0)
            out = std::to_string(hours) + "h" + out;
    }
    return negative ? "-" + out : out;
}

std::int64_t parseGoDuration(const std::string &text)
{
    auto bad = [&] { throw Error(ErrorCode::InvalidArgument, "time: invalid duration \"" + text + "\""); };
    if (text == "0")
        return 0;
    if (text.empty())
        bad();
    double total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t used = 0;
        double value = 0;
        try {
            value = std::stod(text.substr(i), &used);
        } catch (const std::exception &) {
            bad();
        }
        if (used == 0 || text[i] == '-' || text[i] == '+')
            bad();
        i += used;
        std::size_t end = i;
        while (end < text.size() && !std::isdigit(static_cast<unsigned char>(text[end])) && text[end] != '.')
            ++end;
        const std::string unit = text.substr(i, end - i);
        i = end;
        double scale = 0;
        if (unit == "ns") scale = 1;
        else if (unit == "us" || unit == "µs") scale = 1e3;
        else if (unit == "ms") scale = 1e6;
        else if (unit == "s") scale = 1e9;
        else if (unit == "m") scale = 60e9;
        else if (unit == "h") scale = 3600e9;
        else bad();
        total += value * scale;
    }
    return static_cast<std::int64_t>(std::llround(total));
}

} // namespace strata::engine::build
