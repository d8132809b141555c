// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How the lesson runner runs a `strata` command line without knowing the CLI:
// the front end (terminal player, GUI player, tests) passes the CLI's runner
// (cli::commandRunner()), so strata_lesson never links strata_cli.

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine {
class Engine;
}

namespace strata::engine::lesson {

// Where a command's output goes: the streams catch what the CLI prints, the
// file descriptors what attached containers write.
struct CommandStreams {
    std::ostream &out;
    std::ostream &err;
    int inFd = -1;
    int outFd = -1;
    int errFd = -1;
};

// Runs args (without the program name) on engine; returns the exit status.
using CommandRunner =
    std::function<int(Engine &engine, const std::vector<std::string> &args, const CommandStreams &io)>;

struct Command;

// A terminal an interactive command (`run -it`, `exec -it`, `attach`) runs
// on: its stdin, stdout and stderr (the same pty, or the player's own tty).
struct TerminalFds {
    int in = -1, out = -1, err = -1;
};
using TerminalProvider =
    std::function<std::optional<TerminalFds>(const std::vector<std::string> &args, const Command *command)>;

} // namespace strata::engine::lesson
