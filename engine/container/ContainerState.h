// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A container's lifecycle as Docker models it (moby container/state.go):
//
//   created ──start──► running ──pause──► paused
//      ▲                 │  ▲   ◄─unpause──┘
//      │            exit/stop/kill  restart
//      │                 ▼  │
//      └─(never)──── exited ─┘      rm: any stopped state ─► removing ─► (gone)
//                                   a failed removal leaves ─► dead
//
// The checks here are the daemon's: each verb either is allowed in the
// current state or fails with the message Docker's daemon gives.

#include <string>
#include <string_view>

namespace strata::engine::container {

enum class Status { Created, Running, Paused, Restarting, Removing, Exited, Dead };

// Docker's State.Status strings: "created", "running", "paused", ...
[[nodiscard]] const char *toString(Status s);
[[nodiscard]] Status statusFromString(std::string_view s);

// The State object of `inspect` (and config.v2.json).
struct State {
    Status status = Status::Created;
    int pid = 0;
    int exitCode = 0;
    std::string error;
    std::string startedAt;  // RFC 3339 nano; "" = never started ("0001-01-01T00:00:00Z" in JSON)
    std::string finishedAt; // RFC 3339 nano; "" = never finished
    bool oomKilled = false;

    [[nodiscard]] bool running() const { return status == Status::Running || status == Status::Paused; }
    [[nodiscard]] bool paused() const { return status == Status::Paused; }
};

// The verbs whose legality depends on the state.
enum class Verb { Start, Stop, Kill, Pause, Unpause, Remove, ForceRemove, Exec, Attach, Top, Restart, Rename };

// Throws IllegalTransition (Conflict for some, as Docker's status codes)
// with Docker's message when `verb` is not allowed in `state`.
// `id` is the full container id, `ref` what the user typed.
void checkTransition(const State &state, Verb verb, const std::string &id, const std::string &ref = {});

// True when `verb` is allowed (no message).
[[nodiscard]] bool allowed(const State &state, Verb verb);

} // namespace strata::engine::container
