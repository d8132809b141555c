// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/UnknownInput.h"

#include <algorithm>

namespace strata::engine::cli {
namespace {

// Edit distance where swapping two neighbours counts once ("imagse" is 1
// from "images"), as typos usually are.
std::size_t osaDistance(const std::string &a, const std::string &b)
{
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

// The option `name` ("--name", "-e") names on `app` or, as the parser lets
// unknown options fall through, on an app above it.
const CLI::Option *findOption(const CLI::App *app, const std::string &name)
{
    for (; app; app = app->get_parent()) {
        if (const CLI::Option *o = app->get_option_no_throw(name))
            return o;
    }
    return nullptr;
}

const CLI::App *findSubcommand(const CLI::App *app, const std::string &word)
{
    for (const CLI::App *sub : app->get_subcommands([](const CLI::App *) { return true; })) {
        if (!sub->get_name().empty() && sub->check_name(word))
            return sub;
    }
    return nullptr;
}

std::vector<std::string> subcommandNames(const CLI::App *app)
{
    std::vector<std::string> out;
    for (const CLI::App *sub : app->get_subcommands([](const CLI::App *) { return true; }))
        if (!sub->get_name().empty())
            out.push_back(sub->get_name());
    return out;
}

std::vector<std::string> longFlags(const CLI::App *app)
{
    std::vector<std::string> out;
    for (const CLI::Option *o : app->get_options())
        for (const auto &l : o->get_lnames())
            out.push_back("--" + l);
    return out;
}

// "strata", "strata image": how the user reaches `app`.
std::string commandPath(const CLI::App *app)
{
    std::string path;
    for (; app; app = app->get_parent())
        path = app->get_name() + (path.empty() ? "" : " " + path);
    return path;
}

std::string didYouMean(const std::string &typed, const std::vector<std::string> &candidates)
{
    const std::string near = nearestWord(typed, candidates);
    return near.empty() ? std::string() : "Did you mean '" + near + "'?";
}

std::string seeHelp(const CLI::App *command)
{
    return "See '" + commandPath(command) + " --help'.\n";
}

UnknownInput unknownCommand(const CLI::App *group, const std::string &word)
{
    const std::string path = commandPath(group);
    std::string line = "strata: '" + word + "' is not a " + path + " command.";
    if (const std::string hint = didYouMean(word, subcommandNames(group)); !hint.empty())
        line += " " + hint;
    return {line + "\n" + seeHelp(group), 1};
}

UnknownInput unknownFlag(const CLI::App *command, const std::string &flag)
{
    std::string text = "unknown flag: " + flag + "\n";
    if (const std::string hint = didYouMean(flag, longFlags(command)); !hint.empty())
        text += hint + "\n";
    return {text + seeHelp(command), 125, command->get_prefix_command()};
}

// pflag's wording: "unknown shorthand flag: 'x' in -xit".
UnknownInput unknownShorthand(const CLI::App *command, char letter, const std::string &word)
{
    return {"unknown shorthand flag: '" + std::string(1, letter) + "' in " + word + "\n" + seeHelp(command), 125,
            command->get_prefix_command()};
}

} // namespace

std::string nearestWord(const std::string &typed, const std::vector<std::string> &candidates)
{
    // Ties go to the candidate as long as what was typed ("imagse": images,
    // not image), then to the earlier one.
    const auto lengthGap = [&](const std::string &c) {
        return c.size() > typed.size() ? c.size() - typed.size() : typed.size() - c.size();
    };
    std::string best;
    std::size_t bestDistance = 3;
    for (const auto &c : candidates) {
        const std::size_t d = osaDistance(typed, c);
        if (d < bestDistance || (d == bestDistance && !best.empty() && lengthGap(c) < lengthGap(best))) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

std::optional<UnknownInput> findUnknownInput(const CLI::App &app, const std::vector<std::string> &args)
{
    const CLI::App *current = &app;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &word = args[i];
        if (word == "--")
            return std::nullopt;
        if (word.size() > 2 && word[0] == '-' && word[1] == '-') {
            const std::string name = word.substr(0, word.find('='));
            const CLI::Option *o = findOption(current, name);
            if (!o)
                return unknownFlag(current, name);
            if (o->get_type_size_max() > 0 && word.find('=') == std::string::npos)
                ++i; // its value
            continue;
        }
        if (word.size() > 1 && word[0] == '-') {
            // "-it", "-eK=V": short flags in a row, up to one that takes a
            // value (the rest of the word, or the next word).
            for (std::size_t k = 1; k < word.size(); ++k) {
                const CLI::Option *o = findOption(current, std::string{'-', word[k]});
                if (!o)
                    return unknownShorthand(current, word[k], word);
                if (o->get_type_size_max() > 0) {
                    if (k + 1 == word.size())
                        ++i;
                    break;
                }
            }
            continue;
        }
        if (const CLI::App *sub = findSubcommand(current, word)) {
            current = sub;
            continue;
        }
        if (current->get_require_subcommand_min() > 0 || (current == &app && !subcommandNames(current).empty()))
            return unknownCommand(current, word);
        if (current->get_prefix_command())
            return std::nullopt; // the rest is the container's command
    }
    return std::nullopt;
}

} // namespace strata::engine::cli
