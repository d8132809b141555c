// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Message channels between the processes of one container start: the engine
// and the shim (the "start channel"), the shim and the container's init (the
// "sync channel"). Both are SOCK_SEQPACKET socket pairs, so every send is one
// message with its boundaries kept, and a message may carry one file
// descriptor (SCM_RIGHTS: the pty master travels from the container back to
// the shim this way). A peer closing its end (or exec'ing: the ends are
// close-on-exec) reads as end of stream.

#include "engine/runtime/Fd.h"

#include <nlohmann/json.hpp>
#include <optional>

namespace strata::engine::runtime {

struct ChannelPair {
    UniqueFd a;
    UniqueFd b;
};
// Both ends close-on-exec.
[[nodiscard]] ChannelPair makeChannelPair();

struct Message {
    nlohmann::json body;
    UniqueFd fd; // the descriptor sent along, if any
};

// Sends one JSON message (and optionally a descriptor). Throws Io; EPIPE
// when the peer is gone.
void sendMessage(int channel, const nlohmann::json &body, int fdToPass = -1);
// Like sendMessage but never throws; false when the peer is gone.
bool trySendMessage(int channel, const nlohmann::json &body, int fdToPass = -1) noexcept;
// Blocks for one message; nullopt at end of stream. Throws Io on errors and
// on a message that is not JSON.
[[nodiscard]] std::optional<Message> receiveMessage(int channel);

} // namespace strata::engine::runtime
