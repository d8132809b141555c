// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/LogWriter.h"

#include "engine/Error.h"
#include "engine/util/Time.h"

#include <fcntl.h>
#include <nlohmann/json.hpp>

namespace strata::engine::runtime {

const char *toString(LogStream s)
{
    return s == LogStream::Stdout ? "stdout" : "stderr";
}

std::string formatLogLine(std::string_view log, LogStream stream, std::string_view time)
{
    // Invalid UTF-8 from the container is replaced, not fatal (Go's
    // encoding/json does the same).
    nlohmann::json j{{"log", std::string(log)}, {"stream", toString(stream)}, {"time", std::string(time)}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

LogWriter::LogWriter(const std::filesystem::path &path)
    : m_fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640))
{
    if (!m_fd)
        throwErrno("open " + path.string());
}

void LogWriter::append(LogStream stream, std::string_view bytes)
{
    std::string &pending = m_pending[static_cast<int>(stream)];
    pending.append(bytes);
    size_t start = 0;
    for (;;) {
        const size_t nl = pending.find('\n', start);
        if (nl == std::string::npos)
            break;
        writeEntry(std::string_view(pending).substr(start, nl + 1 - start), stream);
        start = nl + 1;
    }
    while (pending.size() - start >= kMaxLine) {
        writeEntry(std::string_view(pending).substr(start, kMaxLine), stream);
        start += kMaxLine;
    }
    pending.erase(0, start);
}

void LogWriter::flush(LogStream stream)
{
    std::string &pending = m_pending[static_cast<int>(stream)];
    if (!pending.empty())
        writeEntry(pending, stream);
    pending.clear();
}

void LogWriter::writeEntry(std::string_view log, LogStream stream)
{
    const std::string line = formatLogLine(log, stream, timeutil::formatRfc3339Nano(timeutil::now()));
    // One write(2) per entry with O_APPEND: readers never see half a line
    // from us. A full disk loses log lines, not the container.
    (void)writeAll(m_fd.get(), line);
}

} // namespace strata::engine::runtime
