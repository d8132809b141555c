// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/TerminalSession.h"

#include "core/ExecChildren.h"
#include "engine/runtime/Terminal.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace strata::gui {

TerminalSession::TerminalSession(int rows, int cols, QObject *parent) : QObject(parent)
{
    try {
        engine::runtime::Pty pty = engine::runtime::openPty(static_cast<std::uint16_t>(rows), static_cast<std::uint16_t>(cols));
        m_master = pty.master.release();
        m_slave = pty.slave.release();
    } catch (const std::exception &) {
        return; // isOpen() says so; the console reports it
    }
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    m_notifier = new QSocketNotifier(m_master, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TerminalSession::readMaster);
}

TerminalSession::~TerminalSession()
{
    if (m_slave >= 0)
        ::close(m_slave);
    if (m_master >= 0)
        ::close(m_master);
}

void TerminalSession::readMaster()
{
    QByteArray got;
    char buf[16384];
    for (;;) {
        const ssize_t n = ::read(m_master, buf, sizeof buf);
        if (n > 0) {
            got.append(buf, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        // EAGAIN: all read for now. EIO / 0: no slave any more (finish()).
        if (n == 0 || (n < 0 && errno != EAGAIN)) {
            if (m_notifier)
                m_notifier->setEnabled(false);
        }
        break;
    }
    if (!got.isEmpty())
        emit output(got);
}

void TerminalSession::finish()
{
    if (m_slave >= 0) {
        ::close(m_slave);
        m_slave = -1;
    }
    if (m_master < 0)
        return;
    readMaster(); // the last output: the slave is closed, so this ends at EIO
    delete m_notifier;
    m_notifier = nullptr;
    ::close(m_master);
    m_master = -1;
}

void TerminalSession::write(const QByteArray &bytes)
{
    if (m_master < 0 || bytes.isEmpty())
        return;
    m_lastTyped = (m_lastTyped + bytes).right(8);
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(m_master, bytes.constData() + done, static_cast<size_t>(bytes.size() - done));
        if (n > 0)
            done += n;
        else if (n < 0 && errno == EINTR)
            continue;
        else
            break; // the command is not reading (EAGAIN with a full queue): typing ahead is dropped
    }
}

void TerminalSession::setWindowSize(int rows, int cols)
{
    if (m_master < 0 || rows <= 0 || cols <= 0)
        return;
    engine::runtime::setWindowSize(m_master, {static_cast<std::uint16_t>(rows), static_cast<std::uint16_t>(cols)});
    // attach polls the size of its terminal; `strata-shim exec` waits for a
    // SIGWINCH, which the kernel sends only to a controlling terminal's group.
    signalExecShims(SIGWINCH);
}

} // namespace strata::gui
