// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/HumanDuration.h"

#include <cstdint>

namespace strata::engine::cli::units {

namespace {

// Go's Duration.Seconds/Minutes/Hours: whole units plus the remainder as a
// fraction, computed separately so large durations keep their precision.
// The thresholds below depend on exactly these floating point values.
double inUnits(std::int64_t ns, std::int64_t unit)
{
    return static_cast<double>(ns / unit) + static_cast<double>(ns % unit) / static_cast<double>(unit);
}

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;

std::string plural(std::int64_t n, const char *unit)
{
    return std::to_string(n) + " " + unit;
}

std::string since(std::optional<Clock::time_point> then, Clock::time_point now)
{
    // A zero Go time.Time is year 1: Docker's output for a missing time is
    // a huge age; we only get here with a set time in practice.
    return humanDuration(now - then.value_or(Clock::time_point{}));
}

} // namespace

std::string humanDuration(std::chrono::nanoseconds duration)
{
    const std::int64_t ns = duration.count();
    const auto seconds = static_cast<std::int64_t>(inUnits(ns, kSecond));
    if (seconds < 1)
        return "Less than a second";
    if (seconds == 1)
        return "1 second";
    if (seconds < 60)
        return plural(seconds, "seconds");
    const auto minutes = static_cast<std::int64_t>(inUnits(ns, kMinute));
    if (minutes == 1)
        return "About a minute";
    if (minutes < 60)
        return plural(minutes, "minutes");
    const auto hours = static_cast<std::int64_t>(inUnits(ns, kHour) + 0.5);
    if (hours == 1)
        return "About an hour";
    if (hours < 48)
        return plural(hours, "hours");
    if (hours < 24 * 7 * 2)
        return plural(hours / 24, "days");
    if (hours < 24 * 30 * 2)
        return plural(hours / 24 / 7, "weeks");
    if (hours < 24 * 365 * 2)
        return plural(hours / 24 / 30, "months");
    // Years use the truncated hour count, not the rounded one.
    return plural(static_cast<std::int64_t>(inUnits(ns, kHour)) / 24 / 365, "years");
}

std::string timeAgo(Clock::time_point then, Clock::time_point now)
{
    return humanDuration(now - then) + " ago";
}

std::string containerStatus(const ContainerStatus &s, Clock::time_point now)
{
    if (s.running) {
        if (s.paused)
            return "Up " + since(s.startedAt, now) + " (Paused)";
        if (s.restarting)
            return "Restarting (" + std::to_string(s.exitCode) + ") " + since(s.finishedAt, now) + " ago";
        if (!s.health.empty())
            return "Up " + since(s.startedAt, now) + " (" + s.health + ")";
        return "Up " + since(s.startedAt, now);
    }
    if (s.removing)
        return "Removal In Progress";
    if (s.dead)
        return "Dead";
    if (!s.startedAt)
        return "Created";
    if (!s.finishedAt)
        return "";
    return "Exited (" + std::to_string(s.exitCode) + ") " + since(s.finishedAt, now) + " ago";
}

} // namespace strata::engine::cli::units
