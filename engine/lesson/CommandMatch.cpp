// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/CommandMatch.h"

#include "engine/Error.h"

#include <map>

namespace strata::engine::lesson {

std::vector<std::string> canonicalArgs(std::vector<std::string> args)
{
    if (args.size() < 2)
        return args;
    // Docker's management commands: `image ls` is `images`, `container rm` is `rm`.
    static const std::map<std::string, std::string> image = {
        {"ls", "images"}, {"list", "images"}, {"rm", "rmi"}, {"remove", "rmi"}, {"save", "save"},
        {"load", "load"}, {"import", "import"}, {"history", "history"}, {"tag", "tag"}, {"pull", "pull"},
        {"push", "push"}, {"build", "build"}};
    static const std::map<std::string, std::string> container = {
        {"ls", "ps"},       {"list", "ps"},     {"ps", "ps"},         {"run", "run"},     {"create", "create"},
        {"start", "start"}, {"stop", "stop"},   {"kill", "kill"},     {"restart", "restart"},
        {"pause", "pause"}, {"unpause", "unpause"}, {"rm", "rm"},     {"remove", "rm"},   {"exec", "exec"},
        {"logs", "logs"},   {"top", "top"},     {"cp", "cp"},         {"diff", "diff"},   {"commit", "commit"},
        {"export", "export"}, {"attach", "attach"}, {"inspect", "inspect"}, {"wait", "wait"}};
    const auto &table = args[0] == "image" ? image : args[0] == "container" ? container
                                                                            : std::map<std::string, std::string>{};
    if (auto it = table.find(args[1]); it != table.end()) {
        args.erase(args.begin());
        args[0] = it->second;
    }
    return args;
}

bool isStepCommand(const Command &command, const std::vector<std::string> &typed, const Vars &vars)
{
    const auto want = canonicalArgs(typed);
    std::vector<std::string> lines{command.run};
    lines.insert(lines.end(), command.accept.begin(), command.accept.end());
    for (const auto &line : lines) {
        try {
            if (canonicalArgs(splitCommandLine(line, vars)) == want)
                return true;
        } catch (const Error &) {
            // A ${var} not captured yet: this spelling cannot be typed now.
        }
    }
    return false;
}

} // namespace strata::engine::lesson
