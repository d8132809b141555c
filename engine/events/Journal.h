// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event journal: every event of every process that uses a store root is
// appended, one JSON line each, to <root>/journal/events.jsonl. This is what
// lets `strata events` in one terminal show what `strata load` does in
// another, and what the GUI replays. Appends use O_APPEND with one write per
// line, so concurrent writers interleave whole lines.

#include "engine/events/Event.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

namespace strata::engine::events {

class Journal {
public:
    explicit Journal(std::filesystem::path dir);
    ~Journal();
    Journal(const Journal &) = delete;
    Journal &operator=(const Journal &) = delete;

    void append(const Event &event);

    struct ReadOptions {
        std::optional<timeutil::TimePoint> since;
        std::optional<timeutil::TimePoint> until;
        bool follow = false; // keep reading as lines are appended
        std::function<bool()> stop; // polled while following; true ends it
    };
    // Calls `sink` for each event in order; returns when the journal ends
    // (or, when following, when `stop` says so).
    void read(const ReadOptions &options, const std::function<void(const Event &)> &sink) const;

    [[nodiscard]] std::filesystem::path file() const { return m_dir / "events.jsonl"; }

private:
    void rotateIfLarge();

    std::filesystem::path m_dir;
    int m_fd = -1;
};

} // namespace strata::engine::events
