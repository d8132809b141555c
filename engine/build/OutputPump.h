// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A RUN step's output on its way into the build's transcript: two pipes the
// container writes to (stdout, stderr) and a thread that forwards what
// arrives, as it arrives, to the build's output; stderr is wrapped in the
// red Docker's classic builder paints it ("\033[91m…\033[0m").

#include "engine/build/BuildBackend.h"

#include <thread>

namespace strata::engine::build {

class OutputPump {
public:
    explicit OutputPump(OutputSink sink);
    ~OutputPump(); // finish() if not done
    OutputPump(const OutputPump &) = delete;
    OutputPump &operator=(const OutputPump &) = delete;

    [[nodiscard]] int stdoutFd() const { return m_out[1]; }
    [[nodiscard]] int stderrFd() const { return m_err[1]; }
    // Closes the write ends and waits until everything was forwarded.
    void finish();

private:
    void pump();

    OutputSink m_sink;
    int m_out[2] = {-1, -1};
    int m_err[2] = {-1, -1};
    std::thread m_thread;
};

} // namespace strata::engine::build
