// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A one-answer HTTP server on a unix socket: every connection gets the same
// canned response, then is closed. Stands in for a host that misbehaves (an
// old API, a stream cut mid-way) — things a real podman will not do on cue.

#include <atomic>
#include <string>
#include <thread>

namespace strata::test {

class FakeEngine {
public:
    FakeEngine(std::string socketPath, std::string response);
    ~FakeEngine();
    FakeEngine(const FakeEngine &) = delete;
    FakeEngine &operator=(const FakeEngine &) = delete;

    [[nodiscard]] bool listening() const { return m_fd >= 0; }

private:
    void serve();

    std::string m_path;
    std::string m_response;
    int m_fd = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace strata::test
