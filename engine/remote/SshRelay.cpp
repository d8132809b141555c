// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/SshRelay.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <cstring>

#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace strata::engine::remote {

SshRelay::SshRelay(const HostUrl &host)
{
    m_argv = {"ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=30"};
    if (!host.sshPort.empty())
        m_argv.insert(m_argv.end(), {"-p", host.sshPort});
    m_argv.insert(m_argv.end(), {"--", host.hostPort, "docker", "system", "dial-stdio"});

    m_name = fsutil::uniqueName("strata-ssh-");
    m_listen = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path + 1, m_name.data(), std::min(m_name.size(), sizeof addr.sun_path - 2));
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + m_name.size());
    if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr *>(&addr), len) != 0 || ::listen(m_listen, 8) != 0) {
        const int e = errno;
        if (m_listen >= 0)
            ::close(m_listen);
        throw Error(ErrorCode::Io, "host " + host.text + ": cannot make the ssh relay socket: " + std::strerror(e), e);
    }
    m_stderr = ::memfd_create("ssh-stderr", MFD_CLOEXEC);
    m_thread = std::thread([this] { serve(); });
}

SshRelay::~SshRelay()
{
    ::shutdown(m_listen, SHUT_RDWR); // wakes accept()
    if (m_thread.joinable())
        m_thread.join();
    ::close(m_listen);
    for (pid_t pid : m_pids) {
        int status = 0;
        ::waitpid(pid, &status, 0);
    }
    if (m_stderr >= 0)
        ::close(m_stderr);
}

void SshRelay::serve()
{
    for (;;) {
        const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            return; // shut down
        }
        spawn(fd);
        ::close(fd);
    }
}

void SshRelay::spawn(int connection)
{
    std::vector<char *> args;
    for (auto &a : m_argv)
        args.push_back(a.data());
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(connection, 0);
        ::dup2(connection, 1);
        if (m_stderr >= 0)
            ::dup2(m_stderr, 2);
        // curl's other connections must not stay open in this ssh (their
        // own ssh would never see EOF).
        ::closefrom(3);
        ::execvp("ssh", args.data());
        const char msg[] = "ssh: cannot run ssh (is openssh-client installed?)\n";
        (void)!::write(2, msg, sizeof msg - 1);
        ::_exit(127);
    }
    const std::lock_guard lock(m_mutex);
    if (pid < 0)
        m_errno = errno;
    else
        m_pids.push_back(pid);
}

std::string SshRelay::lastMessage() const
{
    if (m_stderr < 0)
        return {};
    std::string text;
    char buffer[4096];
    for (off_t at = 0;;) {
        const ssize_t n = ::pread(m_stderr, buffer, sizeof buffer, at);
        if (n <= 0)
            break;
        text.append(buffer, static_cast<std::size_t>(n));
        at += n;
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    const auto nl = text.rfind('\n');
    return nl == std::string::npos ? text : text.substr(nl + 1);
}

int SshRelay::spawnErrno() const
{
    const std::lock_guard lock(m_mutex);
    return m_errno;
}

} // namespace strata::engine::remote
