// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/CommandLine.h"

#include "engine/Error.h"
#include "engine/lesson/CommandLine.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace strata::gui {

std::optional<std::vector<std::string>> splitCommandLine(const std::string &line)
{
    try {
        return engine::lesson::splitShellWords(line);
    } catch (const engine::Error &) {
        return std::nullopt; // a quote left open
    }
}

std::vector<std::string> consoleArgs(const std::string &line)
{
    auto words = splitCommandLine(line).value_or(std::vector<std::string>{});
    if (!words.empty() && (words.front() == "strata" || words.front() == "docker"))
        words.erase(words.begin());
    return words;
}

namespace {

// Options of run/create/exec/start that take a value as the next word.
bool takesValue(std::string_view o)
{
    static constexpr std::array<std::string_view, 44> k{
        "--name", "-e", "--env", "--env-file", "-v", "--volume", "--mount", "-w", "--workdir", "-u", "--user",
        "-p", "--publish", "--network", "--net", "-h", "--hostname", "--entrypoint", "-l", "--label", "--tmpfs",
        "--restart", "-m", "--memory", "--cpus", "--pids-limit", "--cap-add", "--cap-drop", "--dns", "--add-host",
        "--ip", "--stop-signal", "--stop-timeout", "--detach-keys", "--cidfile", "--security-opt", "--ulimit",
        "--shm-size", "--pid", "--ipc", "--uts", "--expose", "--network-alias", "--platform"};
    return std::find(k.begin(), k.end(), o) != k.end();
}

} // namespace

std::string needsTerminal(const std::vector<std::string> &args)
{
    std::size_t at = 0;
    if (at < args.size() && args[at] == "container")
        ++at;
    if (at >= args.size())
        return {};
    const std::string verb = args[at++];
    if (verb == "attach")
        return "attach";
    const bool isLogs = verb == "logs", isStats = verb == "stats";
    if (verb != "run" && verb != "exec" && verb != "start" && !isLogs && !isStats) // create -it attaches nothing
        return {};
    bool interactive = false, tty = false, detached = false, follow = false, noStream = false;
    for (; at < args.size(); ++at) {
        const std::string &a = args[at];
        if (a == "--")
            break;
        if (a.rfind("--", 0) == 0) {
            const std::string name = a.substr(0, a.find('='));
            const bool off = a.size() > name.size() && a.substr(name.size() + 1) == "false";
            interactive |= name == "--interactive" && !off;
            tty |= name == "--tty" && !off;
            detached |= name == "--detach" && !off;
            follow |= name == "--follow" && !off;
            noStream |= name == "--no-stream" && !off;
            if (a.find('=') == std::string::npos && takesValue(a))
                ++at;
            continue;
        }
        if (a.size() > 1 && a[0] == '-') {
            if (takesValue(a)) {
                ++at;
                continue;
            }
            if (a.find_first_not_of("itdaf", 1) == std::string::npos) { // -it, -dit, -a, -f …
                interactive |= a.find('i') != std::string::npos;
                tty |= a.find('t') != std::string::npos && !isLogs; // logs -t is --timestamps
                detached |= a.find('d') != std::string::npos;
                follow |= a.find('f') != std::string::npos;
                if (verb == "start" && a.find('a') != std::string::npos && a.find('i') != std::string::npos)
                    interactive = true;
            }
            continue;
        }
        break; // the image or container: what follows is the container's own command
    }
    if (isLogs)
        return follow ? "logs -f" : "";
    if (isStats)
        return noStream ? "" : "stats";
    if (detached && verb != "exec" && verb != "start")
        return {};
    if (detached && verb == "exec")
        return {};
    if (interactive || tty)
        return verb + (interactive && tty ? " -it" : interactive ? " -i" : " -t");
    return {};
}

bool runsInTerminal(const std::vector<std::string> &args)
{
    const std::string verb = needsTerminal(args);
    return !verb.empty() && verb != "logs -f" && verb != "stats";
}

} // namespace strata::gui
