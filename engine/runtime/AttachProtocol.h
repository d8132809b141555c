// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The attach socket (<bundle>/attach.sock, a unix stream socket served by the
// shim). Both directions carry frames shaped like Docker's multiplexed
// attach stream (stdcopy): an 8-byte header
//     [type:1][0:3][payload length:4, big-endian]
// followed by the payload. Any number of clients may attach; each gets the
// output from the moment it connects (the history is in log.json).
//
//   shim -> client   Stdout (tty output too), Stderr, Exit ("137"),
//                    Error (why the container could not start)
//   client -> shim   Stdin (bytes for the container; needs openStdin),
//                    CloseStdin (the client's input ended; honoured when
//                    stdinOnce), Resize (rows, cols: two big-endian
//                    uint16), Start (let a container created with
//                    "hold until attach" exec its command)

#include "engine/runtime/Fd.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::runtime {

enum class FrameType : std::uint8_t {
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,
    Exit = 3,
    Error = 4,
    Resize = 5,
    CloseStdin = 6,
    Start = 7,
};

struct Frame {
    FrameType type = FrameType::Stdout;
    std::string payload;
};

inline constexpr size_t kFrameHeaderSize = 8;
inline constexpr size_t kMaxFramePayload = 1 << 20;

[[nodiscard]] std::string encodeFrame(FrameType type, std::string_view payload);
[[nodiscard]] std::string encodeResize(std::uint16_t rows, std::uint16_t cols);
// False for a payload that is not 4 bytes.
bool decodeResize(std::string_view payload, std::uint16_t &rows, std::uint16_t &cols);

// Splits a byte stream into frames; bytes of an incomplete frame wait for
// the next feed(). Throws Internal for a frame longer than kMaxFramePayload.
class FrameDecoder {
public:
    void feed(std::string_view bytes);
    [[nodiscard]] std::vector<Frame> take();

private:
    std::string m_buffer;
    std::vector<Frame> m_frames;
};

// The socket's path. sun_path holds 107 bytes; for a longer bundle path the
// socket is reached through /proc/self/fd/<dirfd>/attach.sock, where dirfd is
// an O_PATH descriptor of the bundle held while binding or connecting.
[[nodiscard]] std::filesystem::path attachSocketPath(const std::filesystem::path &bundleDir);
// Creates, binds and listens (the old socket file is replaced). Close-on-exec.
[[nodiscard]] UniqueFd listenAttachSocket(const std::filesystem::path &bundleDir);
// Connects; throws NotFound when nobody listens (the shim has exited).
[[nodiscard]] UniqueFd connectAttachSocket(const std::filesystem::path &bundleDir);

} // namespace strata::engine::runtime
