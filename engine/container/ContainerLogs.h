// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `logs`: reading a container's json-file log (<dir>/log.json, written by
// the shim), all of it or its last N lines, and with follow polling for new
// lines until the container's process has finished.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace strata::engine::container {

// One line of a json-file log.
struct LogEntry {
    std::string stream; // "stdout" / "stderr"
    std::string log;    // with its newline
    std::string time;   // RFC 3339 nano
};

struct LogOptions {
    bool follow = false;
    std::optional<std::size_t> tail; // last N lines; nullopt = all
};

// Feeds sink each entry in order until it returns false.
void readLogs(const std::filesystem::path &containerDir, const LogOptions &options,
              const std::function<bool(const LogEntry &)> &sink);

} // namespace strata::engine::container
