// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Timestamps as the image spec and Docker write them: RFC 3339 with
// nanoseconds, trailing zeros trimmed (Go's time.RFC3339Nano).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata::engine::timeutil {

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::time_point<Clock, std::chrono::nanoseconds>;

[[nodiscard]] TimePoint now();
// "2006-01-02T15:04:05.999999999Z" in UTC.
[[nodiscard]] std::string formatRfc3339Nano(TimePoint t);
// Accepts RFC 3339 with optional fraction and "Z" or "+hh:mm" offset.
[[nodiscard]] std::optional<TimePoint> parseRfc3339(std::string_view text);
[[nodiscard]] std::int64_t toUnixSeconds(TimePoint t);
[[nodiscard]] std::int64_t toUnixNanos(TimePoint t);
[[nodiscard]] TimePoint fromUnixSeconds(std::int64_t s);

} // namespace strata::engine::timeutil
