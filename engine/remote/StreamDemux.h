// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Engine API's multiplexed stream (logs, attach and exec without a TTY):
// frames of an 8-byte header (stream 1 = stdout, 2 = stderr, three zero
// bytes, big-endian length) and the payload. Fed chunks as they arrive.

#include <functional>
#include <string>
#include <string_view>

namespace strata::engine::remote {

class StreamDemux {
public:
    using Sink = std::function<bool(int stream, std::string_view bytes)>;
    explicit StreamDemux(Sink sink) : m_sink(std::move(sink)) {}

    // Hands every complete frame to the sink; false when the sink said stop.
    bool feed(std::string_view chunk);
    // True when the stream ended between frames (nothing half-received).
    [[nodiscard]] bool clean() const { return m_buffer.empty(); }

private:
    Sink m_sink;
    std::string m_buffer;
};

} // namespace strata::engine::remote
