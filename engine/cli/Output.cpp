// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/Output.h"

#include "engine/Error.h"
#include "engine/cli/ExitStatus.h"

#include "engine/cli/format/HumanDuration.h"
#include "engine/cli/format/HumanSize.h"
#include "engine/cli/format/TextWidth.h"

#include <ctime>
#include <ostream>

namespace strata::engine::cli {

void printInspected(std::ostream &out, std::ostream &err, const std::string &format,
                    const std::vector<std::string> &names,
                    const std::function<nlohmann::ordered_json(const std::string &)> &inspect)
{
    InspectFormatter formatter(format);
    std::vector<std::string> errors;
    for (const auto &name : names) {
        try {
            formatter.add(inspect(name));
        } catch (const Error &e) {
            if (e.code() != ErrorCode::NotFound)
                throw;
            errors.push_back(e.message());
        }
    }
    out << formatter.finish();
    for (const auto &e : errors)
        err << "Error: " << e << "\n";
    if (!errors.empty())
        throw ExitStatus{1};
}

void printList(std::ostream &out, const ListFormat &format, const std::vector<nlohmann::ordered_json> &rows)
{
    out << formatList(format, rows);
}

std::string humanSize(std::uint64_t bytes)
{
    return units::humanSizeWithPrecision(static_cast<double>(bytes), 3);
}

std::string createdSince(std::int64_t unixSeconds)
{
    const auto then = units::Clock::time_point(std::chrono::seconds(unixSeconds));
    return units::timeAgo(then, units::Clock::now());
}

std::string createdAt(std::int64_t unixSeconds)
{
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
    char offset[8];
    std::strftime(offset, sizeof offset, "%z", &tm);
    const std::string zone = tm.tm_zone && std::string(tm.tm_zone) != "GMT" ? tm.tm_zone : "UTC";
    return std::string(date) + " " + offset + " " + zone;
}

std::string ellipsis(const std::string &text, std::size_t width)
{
    if (runeCount(text) <= width || width == 0)
        return text;
    std::string out;
    std::size_t pos = 0;
    for (std::size_t n = 0; n + 1 < width && pos < text.size(); ++n)
        appendRune(out, decodeRune(text, pos));
    return out + "…";
}

} // namespace strata::engine::cli
