// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/Terminal.h"

#include "engine/Error.h"

#include <cstdlib>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace strata::engine::runtime {

Pty openPty(std::uint16_t rows, std::uint16_t cols)
{
    Pty pty;
    pty.master.reset(::open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!pty.master)
        throwErrno("open /dev/ptmx");
    if (::grantpt(pty.master.get()) != 0 || ::unlockpt(pty.master.get()) != 0)
        throwErrno("unlock pty");
    char name[64];
    if (::ptsname_r(pty.master.get(), name, sizeof name) != 0)
        throwErrno("ptsname");
    pty.slavePath = name;
    pty.slave.reset(::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!pty.slave)
        throwErrno("open " + pty.slavePath);
    if (rows != 0 && cols != 0)
        setWindowSize(pty.master.get(), {rows, cols});
    return pty;
}

void becomeTerminalSession(int slave)
{
    if (::ioctl(slave, TIOCSCTTY, 0) != 0)
        throwErrno("make the pty the controlling terminal");
    for (int target = 0; target <= 2; ++target)
        if (::dup2(slave, target) < 0)
            throwErrno("dup2 pty");
}

std::optional<WindowSize> windowSize(int fd)
{
    winsize ws{};
    if (::ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0)
        return std::nullopt;
    return WindowSize{ws.ws_row, ws.ws_col};
}

void setWindowSize(int fd, WindowSize size)
{
    winsize ws{};
    ws.ws_row = size.rows;
    ws.ws_col = size.cols;
    (void)::ioctl(fd, TIOCSWINSZ, &ws);
}

RawTerminal::RawTerminal(int fd) : m_fd(fd)
{
    if (!::isatty(fd) || ::tcgetattr(fd, &m_saved) != 0)
        return;
    termios raw = m_saved;
    ::cfmakeraw(&raw);
    m_active = ::tcsetattr(fd, TCSANOW, &raw) == 0;
}

RawTerminal::~RawTerminal()
{
    if (m_active)
        (void)::tcsetattr(m_fd, TCSANOW, &m_saved);
}

} // namespace strata::engine::runtime
