// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// ssh:// as the Docker CLI does it: every connection is an
// `ssh [-p PORT] USER@HOST docker system dial-stdio`, HTTP over its stdio.
// libcurl cannot talk to a child's pipes, and its "socket already
// connected" hook is ignored by the curl in Debian 12, so curl connects to a
// listening unix socket of ours (abstract namespace: nothing on disk) and a
// thread hands each accepted connection to a fresh ssh as its stdin/stdout.

#include "engine/remote/HostUrl.h"

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace strata::engine::remote {

class SshRelay {
public:
    explicit SshRelay(const HostUrl &host);
    // Stops accepting and waits for every ssh (the caller has closed curl's
    // connections first, so each sees EOF).
    ~SshRelay();
    SshRelay(const SshRelay &) = delete;
    SshRelay &operator=(const SshRelay &) = delete;

    // For CURLOPT_ABSTRACT_UNIX_SOCKET.
    [[nodiscard]] const std::string &abstractName() const { return m_name; }
    // The last line ssh wrote to stderr ("" when none): why a connection died.
    [[nodiscard]] std::string lastMessage() const;
    // errno of a failed fork, 0 when every ssh started.
    [[nodiscard]] int spawnErrno() const;

private:
    void serve();
    void spawn(int connection);

    std::vector<std::string> m_argv;
    std::string m_name;
    int m_listen = -1;
    int m_stderr = -1; // a memfd every ssh writes its stderr to
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::vector<pid_t> m_pids;
    int m_errno = 0;
};

} // namespace strata::engine::remote
