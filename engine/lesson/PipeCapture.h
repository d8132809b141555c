// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A pipe drained by a thread into a string. Attached containers (`run`
// without -d, `exec`) write to file descriptors, not to the CLI's streams:
// the runner hands them these pipes so a lesson sees what they printed.

#include <string>
#include <thread>

namespace strata::engine::lesson {

class PipeCapture {
public:
    PipeCapture();  // throws Error(Io) when no pipe can be made
    ~PipeCapture(); // finishes if the caller did not
    PipeCapture(const PipeCapture &) = delete;
    PipeCapture &operator=(const PipeCapture &) = delete;

    [[nodiscard]] int writeFd() const { return m_write; }
    // Closes the write end, waits for the reader and returns everything read.
    std::string finish();

private:
    int m_read = -1;
    int m_write = -1;
    std::thread m_reader;
    std::string m_text;
};

} // namespace strata::engine::lesson
