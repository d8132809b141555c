// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Terminals: a pty opened inside the container's own devpts instance (so
// `tty` there prints /dev/pts/0), making it the controlling terminal of the
// container's session, window sizes, and raw mode for the client's terminal
// while attached.

#include "engine/runtime/Fd.h"

#include <cstdint>
#include <optional>
#include <string>
#include <termios.h>

namespace strata::engine::runtime {

struct Pty {
    UniqueFd master;
    UniqueFd slave;
    std::string slavePath; // "/dev/pts/0" as the opener's mount namespace names it
};

// Opens /dev/ptmx of the current mount namespace (after pivot_root or setns:
// the container's). Sets the size when rows and cols are non-zero.
[[nodiscard]] Pty openPty(std::uint16_t rows, std::uint16_t cols);

// In a fresh session (setsid done): makes `slave` the controlling terminal
// and stdin, stdout and stderr.
void becomeTerminalSession(int slave);

struct WindowSize {
    std::uint16_t rows = 0;
    std::uint16_t cols = 0;
    bool operator==(const WindowSize &) const = default;
};
[[nodiscard]] std::optional<WindowSize> windowSize(int fd);
void setWindowSize(int fd, WindowSize size);

// Raw mode on a terminal for as long as the object lives (no-op when `fd`
// is not a terminal).
class RawTerminal {
public:
    explicit RawTerminal(int fd);
    ~RawTerminal();
    RawTerminal(const RawTerminal &) = delete;
    RawTerminal &operator=(const RawTerminal &) = delete;
    [[nodiscard]] bool active() const { return m_active; }

private:
    int m_fd;
    bool m_active = false;
    termios m_saved{};
};

} // namespace strata::engine::runtime
