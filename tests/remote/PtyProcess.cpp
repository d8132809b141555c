// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/remote/PtyProcess.h"

#include <QDeadlineTimer>

#include <cerrno>
#include <csignal>
#include <vector>

#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace strata::test {

PtyProcess::PtyProcess(const QString &program, const QStringList &args, int rows, int cols)
{
    std::vector<std::string> words{program.toStdString()};
    for (const auto &a : args)
        words.push_back(a.toStdString());
    std::vector<char *> argv;
    for (auto &w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);
    winsize ws{};
    ws.ws_row = static_cast<unsigned short>(rows);
    ws.ws_col = static_cast<unsigned short>(cols);
    m_pid = ::forkpty(&m_master, nullptr, nullptr, &ws);
    if (m_pid == 0) {
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
}

PtyProcess::~PtyProcess()
{
    if (m_pid > 0 && m_status < 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    if (m_master >= 0)
        ::close(m_master);
}

void PtyProcess::type(const std::string &bytes)
{
    (void)!::write(m_master, bytes.data(), bytes.size());
}

void PtyProcess::readAvailable(int timeoutMs)
{
    pollfd p{m_master, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0)
        return;
    char buffer[4096];
    const ssize_t n = ::read(m_master, buffer, sizeof buffer);
    if (n > 0)
        m_shown.append(buffer, static_cast<std::size_t>(n));
}

bool PtyProcess::waitFor(const std::string &text, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_shown.find(text) == std::string::npos) {
        if (deadline.hasExpired())
            return false;
        readAvailable(100);
    }
    return true;
}

void PtyProcess::resize(int rows, int cols)
{
    winsize ws{};
    ws.ws_row = static_cast<unsigned short>(rows);
    ws.ws_col = static_cast<unsigned short>(cols);
    ::ioctl(m_master, TIOCSWINSZ, &ws); // the kernel signals the foreground group (SIGWINCH)
}

int PtyProcess::wait(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_status < 0 && !deadline.hasExpired()) {
        readAvailable(50); // keep draining: a full pty would block the program
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid)
            m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    for (int i = 0; i < 5; ++i)
        readAvailable(10);
    return m_status;
}

termios PtyProcess::modes() const
{
    termios t{};
    ::tcgetattr(m_master, &t);
    return t;
}

} // namespace strata::test
