// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A container's exit code from a real host, asked for before the container
// starts, as Docker's CLI does for an attached `run`: with `--rm` the host
// removes the container itself (HostConfig.AutoRemove, so a detached
// `run -it --rm` is still removed when it ends), and a wait sent after the
// exit could find it gone. POST /containers/{id}/wait?condition=… goes out
// on a connection of its own (its own thread) and its answer is read when
// the caller asks for the code. (Not condition=removed, as Docker's CLI
// asks with --rm: Podman 4.3 answers that one with status 0 whatever the
// code was; the removal is waited for afterwards.)

#include "engine/remote/HostUrl.h"

#include <atomic>
#include <future>
#include <string>
#include <thread>

namespace strata::engine::remote {

class ApiClient;

class HostExitWait {
public:
    // Returns once the host holds the wait (its answer's head came, at most
    // a few seconds); errors reaching the host are thrown from here.
    // condition=next-exit, also for `attach` to a running container (Podman
    // 4.3 answers not-running with 0 for a container it auto-removed): the
    // caller checks afterwards that it still ran when the wait arrived.
    HostExitWait(const HostUrl &host, std::string id);
    // A wait still open (the caller detached) is given up.
    ~HostExitWait();
    HostExitWait(const HostExitWait &) = delete;
    HostExitWait &operator=(const HostExitWait &) = delete;

    // Blocks until the container exits: its exit code.
    int code();
    // After code(), for `--rm`: blocks until the host has removed the
    // container it auto-removes (gone already is fine).
    void untilRemoved(ApiClient &api) const;

private:
    std::string m_id;
    std::atomic<bool> m_cancel{false};
    std::promise<void> m_head;
    std::promise<int> m_exit;
    std::future<int> m_code;
    std::thread m_thread;
};

} // namespace strata::engine::remote
