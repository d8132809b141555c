// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/PipeCapture.h"

#include "engine/Error.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace strata::engine::lesson {

PipeCapture::PipeCapture()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw Error(ErrorCode::Io, "pipe for a lesson command's output", errno);
    m_read = fds[0];
    m_write = fds[1];
    m_reader = std::thread([this] {
        char buf[8192];
        for (;;) {
            const ssize_t n = ::read(m_read, buf, sizeof buf);
            if (n > 0)
                m_text.append(buf, static_cast<std::size_t>(n));
            else if (n == 0 || errno != EINTR)
                break;
        }
    });
}

PipeCapture::~PipeCapture()
{
    (void)finish();
}

std::string PipeCapture::finish()
{
    if (m_write >= 0) {
        ::close(m_write);
        m_write = -1;
    }
    if (m_reader.joinable())
        m_reader.join();
    if (m_read >= 0) {
        ::close(m_read);
        m_read = -1;
    }
    return m_text;
}

} // namespace strata::engine::lesson
