// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/Time.h"

#include <cstdio>
#include <ctime>

namespace strata::engine::timeutil {

TimePoint now()
{
    return std::chrono::time_point_cast<std::chrono::nanoseconds>(Clock::now());
}

std::string formatRfc3339Nano(TimePoint t)
{
    const auto ns = t.time_since_epoch().count();
    std::int64_t secs = ns / 1'000'000'000;
    std::int64_t frac = ns % 1'000'000'000;
    if (frac < 0) {
        frac += 1'000'000'000;
        --secs;
    }
    std::time_t tt = static_cast<std::time_t>(secs);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    std::string out = buf;
    if (frac != 0) {
        char fbuf[16];
        std::snprintf(fbuf, sizeof fbuf, ".%09lld", static_cast<long long>(frac));
        std::string f = fbuf;
        while (f.back() == '0')
            f.pop_back();
        out += f;
    }
    return out + "Z";
}

std::optional<TimePoint> parseRfc3339(std::string_view text)
{
    int y, mo, d, h, mi, s;
    int consumed = 0;
    // The usual spelling, "YYYY-MM-DDTHH:MM:SS", read without sscanf, which
    // was 14% of `ps -a` at 1,000 containers (two times per row); any other
    // text goes through sscanf as before, so what is accepted is unchanged.
    const auto digits = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (text[i] - '0');
        return v;
    };
    const auto isDigitAt = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (text.size() >= 19 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' &&
        text[16] == ':' && isDigitAt(0) && isDigitAt(1) && isDigitAt(2) && isDigitAt(3) && isDigitAt(5) &&
        isDigitAt(6) && isDigitAt(8) && isDigitAt(9) && isDigitAt(11) && isDigitAt(12) && isDigitAt(14) &&
        isDigitAt(15) && isDigitAt(17) && isDigitAt(18)) {
        y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2), mi = digits(14, 2), s = digits(17, 2);
        consumed = 19;
    } else {
        std::string str(text);
        if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6)
            return std::nullopt;
    }
    std::string_view rest = text.substr(static_cast<size_t>(consumed));
    std::int64_t frac = 0;
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        int digits = 0;
        while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
            if (digits < 9) {
                frac = frac * 10 + (rest.front() - '0');
                ++digits;
            }
            rest.remove_prefix(1);
        }
        for (; digits < 9; ++digits)
            frac *= 10;
    }
    std::int64_t offset = 0;
    if (rest == "Z" || rest == "z") {
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
        int oh = (rest[1] - '0') * 10 + (rest[2] - '0');
        int om = (rest[4] - '0') * 10 + (rest[5] - '0');
        offset = (oh * 3600 + om * 60) * (rest[0] == '+' ? 1 : -1);
    } else {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    std::int64_t secs = static_cast<std::int64_t>(timegm(&tm)) - offset;
    return TimePoint(std::chrono::nanoseconds(secs * 1'000'000'000 + frac));
}

std::int64_t toUnixSeconds(TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::int64_t toUnixNanos(TimePoint t)
{
    return t.time_since_epoch().count();
}

TimePoint fromUnixSeconds(std::int64_t s)
{
    return TimePoint(std::chrono::seconds(s));
}

} // namespace strata::engine::timeutil
