// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// <bundle>/log.json in Docker's json-file format: one JSON object per line
// of output, {"log":"abc\n","stream":"stdout","time":"2024-…Z"}, in the order
// the shim read it. As Docker's copier does, a line longer than 16 KiB is
// cut into partial entries (without "\n"), and output still unterminated
// when the stream ends is written as it is.

#include "engine/runtime/Fd.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace strata::engine::runtime {

enum class LogStream { Stdout, Stderr };

[[nodiscard]] const char *toString(LogStream s);

// One json-file line (with its trailing "\n").
[[nodiscard]] std::string formatLogLine(std::string_view log, LogStream stream, std::string_view time);

class LogWriter {
public:
    static constexpr size_t kMaxLine = 16 * 1024;

    // Opens (creating) the file for appending.
    explicit LogWriter(const std::filesystem::path &path);

    // Bytes just read from the container's stdout or stderr.
    void append(LogStream stream, std::string_view bytes);
    // The stream ended: writes what is left of its last line.
    void flush(LogStream stream);

private:
    void writeEntry(std::string_view log, LogStream stream);

    UniqueFd m_fd;
    std::string m_pending[2]; // per stream: bytes after the last "\n"
};

} // namespace strata::engine::runtime
