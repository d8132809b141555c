// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A file descriptor owned by one object (closed in the destructor), and the
// few loops every runtime file needs around read/write (EINTR, short writes).

#include <string>
#include <string_view>
#include <utility>

namespace strata::engine::runtime {

class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd &&o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
    UniqueFd &operator=(UniqueFd &&o) noexcept
    {
        if (this != &o)
            reset(std::exchange(o.m_fd, -1));
        return *this;
    }
    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;

    [[nodiscard]] int get() const { return m_fd; }
    [[nodiscard]] bool valid() const { return m_fd >= 0; }
    explicit operator bool() const { return valid(); }
    int release() { return std::exchange(m_fd, -1); }
    void reset(int fd = -1);

private:
    int m_fd = -1;
};

// Writes everything (retrying EINTR and short writes); false on error
// (errno set). Async-signal-safe: usable between fork and exec.
bool writeAll(int fd, const void *data, size_t size) noexcept;
inline bool writeAll(int fd, std::string_view s) noexcept { return writeAll(fd, s.data(), s.size()); }
// One read() retrying EINTR; returns what read() returns.
long readSome(int fd, void *buf, size_t size) noexcept;
// Reads to EOF (blocking fd). Throws Io on error.
[[nodiscard]] std::string readToEnd(int fd);

void setNonBlocking(int fd, bool on = true);
void setCloseOnExec(int fd, bool on = true);

// A pipe whose ends are close-on-exec.
struct Pipe {
    UniqueFd read;
    UniqueFd write;
};
[[nodiscard]] Pipe makePipe();

} // namespace strata::engine::runtime
