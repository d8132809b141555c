// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An attached terminal on a real host, as Docker's CLI runs it: the local
// terminal in raw mode (restored however the relay ends), typed bytes to the
// hijacked connection (watching for the detach keys), the container's output
// to stdout/stderr (demultiplexed without a TTY), and the window size sent
// whenever it changes (on SIGWINCH in a real terminal; polled for the
// app's console, whose pty raises no signal in this process).

#include "engine/remote/HijackedConnection.h"

#include <cstdint>
#include <functional>
#include <string>

namespace strata::engine::remote {

struct RelayOptions {
    int inFd = 0, outFd = 1, errFd = 2;
    bool forwardStdin = false;
    bool tty = false;
    std::string detachKeys = "ctrl-p,ctrl-q"; // Docker's --detach-keys; "" = none
    // Readable: end the relay now (the app's Stop); -1 = none.
    int cancelFd = -1;
    // Sends a window size to the host (POST …/resize); a false return is
    // tried again at the next change or tick (an exec not started yet).
    std::function<bool(std::uint16_t rows, std::uint16_t cols)> resize;
};

struct RelayResult {
    bool detached = false;  // the detach keys were typed: the container runs on
    bool cancelled = false; // cancelFd said stop
};

// Runs until the host ends the stream, the detach keys or cancelFd. Io
// naming the host when the stream is cut mid-frame or reset.
RelayResult relayStream(HijackedConnection &connection, const RelayOptions &options);

} // namespace strata::engine::remote
