// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/Signals.h"

#include "engine/Error.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <csignal>
#include <utility>

namespace strata::engine::container {
namespace {

constexpr std::array<std::pair<const char *, int>, 31> kSignals{{
    {"ABRT", SIGABRT}, {"ALRM", SIGALRM}, {"BUS", SIGBUS},     {"CHLD", SIGCHLD},   {"CONT", SIGCONT},
    {"FPE", SIGFPE},   {"HUP", SIGHUP},   {"ILL", SIGILL},     {"INT", SIGINT},     {"IO", SIGIO},
    {"IOT", SIGIOT},   {"KILL", SIGKILL}, {"PIPE", SIGPIPE},   {"PROF", SIGPROF},   {"PWR", SIGPWR},
    {"QUIT", SIGQUIT}, {"SEGV", SIGSEGV}, {"STKFLT", SIGSTKFLT}, {"STOP", SIGSTOP}, {"SYS", SIGSYS},
    {"TERM", SIGTERM}, {"TRAP", SIGTRAP}, {"TSTP", SIGTSTP},   {"TTIN", SIGTTIN},   {"TTOU", SIGTTOU},
    {"URG", SIGURG},   {"USR1", SIGUSR1}, {"USR2", SIGUSR2},   {"VTALRM", SIGVTALRM}, {"WINCH", SIGWINCH},
    {"XCPU", SIGXCPU},
}};

} // namespace

int parseSignal(const std::string &text)
{
    if (!text.empty() && std::all_of(text.begin(), text.end(), ::isdigit)) {
        const int n = std::stoi(text);
        if (n > 0 && n < 65)
            return n;
    } else {
        std::string name = text;
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
        if (name.rfind("SIG", 0) == 0)
            name = name.substr(3);
        for (const auto &[n, v] : kSignals)
            if (name == n)
                return v;
    }
    throw Error(ErrorCode::InvalidArgument, "Invalid signal: " + text);
}

} // namespace strata::engine::container
