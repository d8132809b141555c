// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One interactive command's terminal: a pty pair made on the GUI thread.
// The engine thread runs the command (`run -it`, `exec -it`, `attach`) with
// the slave as its stdin, stdout and stderr — exactly what the CLI does with
// a real terminal, so the engine's own attach/exec code puts it in raw mode,
// reads its size and relays it. This side reads the master (output, for the
// VtermScreen) and writes typed bytes to it; a size set here is the pty's
// window size (TIOCSWINSZ), which attach forwards to the container.

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace strata::gui {

class TerminalSession : public QObject {
    Q_OBJECT
public:
    TerminalSession(int rows, int cols, QObject *parent = nullptr);
    ~TerminalSession() override;

    // The descriptor the command runs with (valid until finish()).
    [[nodiscard]] int slaveFd() const { return m_slave; }
    [[nodiscard]] bool isOpen() const { return m_master >= 0; }
    // The command ended: its side of the pty closes and what it wrote last
    // is read out (output() once more); then the session is closed.
    void finish();

    void write(const QByteArray &bytes);
    void setWindowSize(int rows, int cols);
    // True when the last bytes typed were Docker's default detach keys
    // (Ctrl+P Ctrl+Q): how the console tells a detach from an exit 0.
    [[nodiscard]] bool endedWithDetachKeys() const { return m_lastTyped.endsWith("\x10\x11"); }

signals:
    void output(const QByteArray &bytes);

private:
    void readMaster();

    int m_master = -1;
    int m_slave = -1;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_lastTyped;
};

} // namespace strata::gui
