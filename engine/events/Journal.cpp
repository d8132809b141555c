// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/events/Journal.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace strata::engine::events {
namespace {

// Past this size the journal is moved aside to events.1.jsonl: enough for a
// long classroom session, small enough to replay quickly.
constexpr off_t kRotateBytes = 32 * 1024 * 1024;

bool inWindow(const Event &e, const Journal::ReadOptions &o)
{
    if (o.since && e.time < *o.since)
        return false;
    if (o.until && e.time > *o.until)
        return false;
    return true;
}

} // namespace

Journal::Journal(std::filesystem::path dir) : m_dir(std::move(dir))
{
    fsutil::makeDirs(m_dir);
}

Journal::~Journal()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void Journal::rotateIfLarge()
{
    struct stat st {};
    if (::fstat(m_fd, &st) == 0 && st.st_size > kRotateBytes) {
        ::rename(file().c_str(), (m_dir / "events.1.jsonl").c_str());
        ::close(m_fd);
        m_fd = -1;
    }
}

void Journal::append(const Event &event)
{
    if (m_fd < 0) {
        m_fd = ::open(file().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (m_fd < 0)
            throwErrno("open " + file().string());
    }
    // A path that is not UTF-8 (a whiteout's, say) is replaced by U+FFFD in
    // the journal, as Go's encoding/json writes it in Docker's events.
    std::string line = event.toJson().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    ssize_t n = ::write(m_fd, line.data(), line.size());
    if (n < 0)
        throwErrno("append to " + file().string());
    rotateIfLarge();
}

void Journal::read(const ReadOptions &options, const std::function<void(const Event &)> &sink) const
{
    std::ifstream in(file());
    std::string line;
    std::string partial;
    for (;;) {
        while (std::getline(in, line)) {
            if (in.eof()) { // a line still being written: keep it for later
                partial += line;
                break;
            }
            line = partial + line;
            partial.clear();
            if (line.empty())
                continue;
            try {
                Event e = Event::fromJson(nlohmann::json::parse(line));
                if (options.until && e.time > *options.until && !options.follow)
                    return;
                if (inWindow(e, options))
                    sink(e);
            } catch (const std::exception &) {
                // A line from a newer version or torn by a crash: skip it.
            }
        }
        if (!options.follow)
            return;
        if (options.stop && options.stop())
            return;
        in.clear();
        if (!in.is_open()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            in.open(file());
            continue;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

} // namespace strata::engine::events
