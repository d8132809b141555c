// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A one-answer HTTP server on a unix socket: every connection gets the same
// canned response, then is closed. Stands in for a host that misbehaves (an
// old API, a stream cut mid-way) — things a real podman will not do on cue.

#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace strata::test {

class FakeEngine {
public:
    FakeEngine(std::string socketPath, std::string response);
    ~FakeEngine();
    FakeEngine(const FakeEngine &) = delete;
    FakeEngine &operator=(const FakeEngine &) = delete;

    [[nodiscard]] bool listening() const { return m_fd >= 0; }
    // A different answer for requests whose first line contains `needle`
    // (first match wins; set before the first request).
    void answer(std::string needle, std::string response) { m_answers.emplace_back(std::move(needle), std::move(response)); }

private:
    void serve();

    std::string m_path;
    std::string m_response;
    std::vector<std::pair<std::string, std::string>> m_answers;
    int m_fd = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace strata::test
