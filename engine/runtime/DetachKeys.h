// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Docker's detach keys (--detach-keys "ctrl-p,ctrl-q"): the sequence typed
// into an attached terminal that leaves the container running. Shared by the
// attach client of Strata's own containers and the one of a real host's
// (engine/remote), which both watch the typed bytes themselves.

#include <cstddef>
#include <string>
#include <string_view>

namespace strata::engine::runtime {

// "ctrl-p,ctrl-q", "a,ctrl-@"… as the bytes they type; InvalidArgument
// naming the key otherwise. "" = no detach keys.
[[nodiscard]] std::string parseDetachKeys(const std::string &spec);

// Watches typed bytes for the detach sequence. Bytes that might begin it
// are held back until it is clear they do not.
class DetachMatcher {
public:
    explicit DetachMatcher(std::string keys) : m_keys(std::move(keys)) {}

    // Returns the bytes to forward; sets `detached` when the sequence ended.
    std::string feed(std::string_view in, bool &detached);

private:
    std::string m_keys;
    std::size_t m_matched = 0;
};

} // namespace strata::engine::runtime
