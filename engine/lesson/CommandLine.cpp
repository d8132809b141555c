// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/CommandLine.h"

#include "engine/Error.h"

#include <algorithm>
#include <optional>

namespace strata::engine::lesson {
namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Reads "${name}" starting at text[i] == '$'; returns the name and moves i
// to the closing brace. A '$' not followed by '{' is a plain character.
std::optional<std::string> readVar(const std::string &text, std::size_t &i)
{
    if (text[i] != '$' || i + 1 >= text.size() || text[i + 1] != '{')
        return std::nullopt;
    const auto close = text.find('}', i + 2);
    if (close == std::string::npos)
        throw Error(ErrorCode::InvalidArgument, "\"" + text + "\": \"${\" without a closing \"}\"");
    std::string name = text.substr(i + 2, close - i - 2);
    if (name.empty() || !std::all_of(name.begin(), name.end(), isNameChar))
        throw Error(ErrorCode::InvalidArgument, "\"" + text + "\": \"${" + name + "}\" is not a variable name");
    i = close;
    return name;
}

const std::string &lookup(const std::string &text, const std::string &name, const Vars &vars)
{
    auto it = vars.find(name);
    if (it == vars.end())
        throw Error(ErrorCode::InvalidArgument, "\"" + text + "\": variable ${" + name + "} is not defined");
    return it->second;
}

} // namespace

std::vector<std::string> splitShellWords(const std::string &line, const Vars *vars)
{
    std::vector<std::string> words;
    std::string cur;
    bool inWord = false;
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote == '\'') {
            if (c == '\'')
                quote = 0;
            else
                cur += c;
        } else if (quote == '"') {
            if (c == '"') {
                quote = 0;
            } else if (c == '\\' && i + 1 < line.size() &&
                       (line[i + 1] == '"' || line[i + 1] == '\\' || line[i + 1] == '$')) {
                cur += line[++i];
            } else if (auto name = vars ? readVar(line, i) : std::nullopt) {
                cur += lookup(line, *name, *vars);
            } else {
                cur += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            inWord = true;
        } else if (c == '\\') {
            if (i + 1 < line.size())
                cur += line[++i];
            inWord = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (inWord)
                words.push_back(cur);
            cur.clear();
            inWord = false;
        } else if (auto name = vars ? readVar(line, i) : std::nullopt) {
            cur += lookup(line, *name, *vars);
            inWord = true;
        } else {
            cur += c;
            inWord = true;
        }
    }
    if (quote)
        throw Error(ErrorCode::InvalidArgument,
                    "\"" + line + "\": the quote " + std::string(1, quote) + " is not closed");
    if (inWord)
        words.push_back(cur);
    return words;
}

std::vector<std::string> splitCommandLine(const std::string &line, const Vars &vars)
{
    std::vector<std::string> words = splitShellWords(line, &vars);
    if (!words.empty() && (words.front() == "strata" || words.front() == "docker"))
        words.erase(words.begin());
    return words;
}

std::string expandVars(const std::string &text, const Vars &vars)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (auto name = readVar(text, i))
            out += lookup(text, *name, vars);
        else
            out += text[i];
    }
    return out;
}

std::set<std::string> referencedVars(const std::string &text)
{
    std::set<std::string> names;
    bool single = false;
    bool dbl = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\'' && !dbl) {
            single = !single;
        } else if (c == '"' && !single) {
            dbl = !dbl;
        } else if (c == '\\' && !single) {
            ++i;
        } else if (!single && c == '$') {
            try {
                if (auto name = readVar(text, i))
                    names.insert(*name);
            } catch (const Error &) {
                // malformed: reported by splitCommandLine
            }
        }
    }
    return names;
}

} // namespace strata::engine::lesson
