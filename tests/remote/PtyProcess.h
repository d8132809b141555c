// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A program run on a pseudo-terminal of the test's own (forkpty): its
// controlling terminal, as a user's shell would give it. The test types
// into it, reads what it shows, changes the window size (the kernel sends
// SIGWINCH) and collects the exit status.

#include <QStringList>

#include <string>

#include <sys/types.h>
#include <termios.h>

namespace strata::test {

class PtyProcess {
public:
    PtyProcess(const QString &program, const QStringList &args, int rows, int cols);
    ~PtyProcess();
    PtyProcess(const PtyProcess &) = delete;
    PtyProcess &operator=(const PtyProcess &) = delete;

    [[nodiscard]] bool started() const { return m_pid > 0; }
    void type(const std::string &bytes);
    // Reads until what was shown (from the start) contains `text`; false
    // after `timeoutMs`.
    bool waitFor(const std::string &text, int timeoutMs = 60000);
    // What it showed, everything so far.
    [[nodiscard]] const std::string &shown() const { return m_shown; }
    void resize(int rows, int cols);
    // Waits for the exit; its status (-1 on timeout, 128+N for a signal).
    int wait(int timeoutMs = 60000);
    // The terminal's modes as the program left them (the master shares them).
    [[nodiscard]] termios modes() const;

private:
    void readAvailable(int timeoutMs);

    pid_t m_pid = -1;
    int m_master = -1;
    std::string m_shown;
    int m_status = -1;
};

} // namespace strata::test
