// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerLogs.h"

#include "engine/Error.h"
#include "engine/runtime/Runtime.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <fstream>
#include <thread>

namespace strata::engine::container {
namespace {

// Reads complete lines from `in` starting where the previous call stopped.
// A line still being written (no "\n" yet) is left for the next call.
bool readEntries(std::ifstream &in, std::string &partial, const std::function<void(LogEntry)> &each)
{
    bool any = false;
    std::string chunk;
    char buf[8192];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        chunk.append(buf, static_cast<std::size_t>(in.gcount()));
        if (in.eof())
            break;
    }
    in.clear();
    partial += chunk;
    std::size_t start = 0;
    for (std::size_t nl; (nl = partial.find('\n', start)) != std::string::npos; start = nl + 1) {
        const std::string line = partial.substr(start, nl - start);
        if (line.empty())
            continue;
        try {
            const auto j = nlohmann::json::parse(line);
            each({j.value("stream", "stdout"), j.value("log", ""), j.value("time", "")});
            any = true;
        } catch (const nlohmann::json::exception &) {
            // A corrupt line is skipped, as Docker's reader does.
        }
    }
    partial.erase(0, start);
    return any;
}

} // namespace

void readLogs(const std::filesystem::path &dir, const LogOptions &options,
              const std::function<bool(const LogEntry &)> &sink)
{
    const auto logFile = dir / "log.json";
    std::ifstream in(logFile, std::ios::binary);
    std::string partial;
    bool stop = false;
    if (options.tail) {
        std::deque<LogEntry> last;
        (void)readEntries(in, partial, [&](LogEntry e) {
            last.push_back(std::move(e));
            if (last.size() > *options.tail)
                last.pop_front();
        });
        for (const auto &e : last)
            if (!stop && !sink(e))
                stop = true;
    } else {
        (void)readEntries(in, partial, [&](LogEntry e) {
            if (!stop && !sink(e))
                stop = true;
        });
    }
    if (!options.follow || stop)
        return;
    for (;;) {
        bool running = false;
        try {
            running = !runtime::readState(dir).finished();
        } catch (const Error &) {
            running = false;
        }
        if (!in.is_open()) {
            in.open(logFile, std::ios::binary);
        }
        (void)readEntries(in, partial, [&](LogEntry e) {
            if (!stop && !sink(e))
                stop = true;
        });
        if (stop || !running)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

} // namespace strata::engine::container
