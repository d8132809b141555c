// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Ages and uptimes as Docker prints them: go-units' HumanDuration ("Less than
// a second", "1 second", "About a minute", "3 hours", "2 weeks", ...), the
// CREATED column ("<duration> ago") and the STATUS column of `docker ps`
// ("Up 3 seconds", "Up About a minute (Paused)", "Exited (0) 2 minutes ago"),
// which the daemon computes in container/state.go State.String().
//
// `now` is always a parameter so output is testable; pass
// std::chrono::system_clock::now() in commands.

#include <chrono>
#include <optional>
#include <string>

namespace strata::engine::cli::units {

using Clock = std::chrono::system_clock;

// units.HumanDuration. The thresholds are go-units': seconds and minutes are
// truncated, hours are rounded (1h29m is "About an hour", 1h31m "2 hours"),
// then 48 hours -> days, 14 days -> weeks, 60 days -> months (30 days),
// 730 days -> years. Negative durations are "Less than a second".
[[nodiscard]] std::string humanDuration(std::chrono::nanoseconds duration);

// HumanDuration(now - then) + " ago": images' CREATED, ps' CREATED
// (RunningFor), history's CREATED.
[[nodiscard]] std::string timeAgo(Clock::time_point then, Clock::time_point now);

// What State.String() needs to know about a container.
struct ContainerStatus {
    bool running = false;
    bool paused = false;
    bool restarting = false;
    bool removing = false; // RemovalInProgress
    bool dead = false;
    int exitCode = 0;
    std::optional<Clock::time_point> startedAt;  // unset: never started
    std::optional<Clock::time_point> finishedAt; // unset: never finished
    std::string health; // "", "healthy", "unhealthy", "health: starting"
};

// The STATUS text of `docker ps`, e.g. "Up 5 minutes", "Up 2 hours (Paused)",
// "Up 3 seconds (healthy)", "Restarting (1) 4 seconds ago", "Exited (137)
// About a minute ago", "Created", "Removal In Progress", "Dead".
[[nodiscard]] std::string containerStatus(const ContainerStatus &status, Clock::time_point now);

} // namespace strata::engine::cli::units
