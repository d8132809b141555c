// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/DockerIgnore.h"

#include "engine/build/BuildFailed.h"

#include <filesystem>
#include <sstream>

namespace strata::engine::build {
namespace {

std::string trim(const std::string &s)
{
    const std::size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos)
        return {};
    return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

// filepath.Clean on a '/'-separated relative pattern.
std::string cleanPattern(std::string p)
{
    while (!p.empty() && p.front() == '/')
        p.erase(0, 1);
    std::string out = std::filesystem::path(p).lexically_normal().generic_string();
    while (out.size() > 1 && out.back() == '/')
        out.pop_back();
    return out.empty() ? "." : out;
}

std::vector<std::string> elements(const std::string &path)
{
    std::vector<std::string> out;
    std::stringstream in(path);
    std::string part;
    while (std::getline(in, part, '/'))
        out.push_back(part);
    return out;
}

// Docker's translation of a pattern into an anchored regular expression.
std::string toRegex(const std::string &p)
{
    std::string re = "^";
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c == '*') {
            if (i + 1 < p.size() && p[i + 1] == '*') {
                ++i;
                if (i + 1 < p.size() && p[i + 1] == '/')
                    ++i; // "**/" is "**"
                re += i + 1 >= p.size() ? ".*" : "(.*/)?";
            } else {
                re += "[^/]*";
            }
        } else if (c == '?') {
            re += "[^/]";
        } else if (c == '\\' && i + 1 < p.size()) {
            re += '\\';
            re += p[++i];
        } else if (c == '[' || c == ']' || c == '-' || c == '^') {
            re += c; // character classes pass through
        } else if (std::string(".$+(){}|").find(c) != std::string::npos) {
            re += '\\';
            re += c;
        } else {
            re += c;
        }
    }
    return re + "$";
}

} // namespace

DockerIgnore::DockerIgnore(const std::string &fileText)
{
    std::istringstream in(fileText);
    std::string line;
    while (std::getline(in, line)) {
        line = trim(line);
        if (line.empty() || line.front() == '#')
            continue;
        Pattern p;
        if (line.front() == '!') {
            p.exception = true;
            line = trim(line.substr(1));
            if (line.empty())
                throw BuildFailed(FailurePhase::Context, "illegal exclusion pattern: \"!\"");
        }
        p.text = cleanPattern(line);
        p.depth = elements(p.text).size();
        try {
            p.regex = std::regex(toRegex(p.text));
        } catch (const std::regex_error &) {
            throw BuildFailed(FailurePhase::Context, "syntax error in pattern: " + line);
        }
        m_patterns.push_back(std::move(p));
    }
}

bool DockerIgnore::excludes(const std::string &relPath) const
{
    const std::vector<std::string> parents = elements(relPath);
    bool matched = false;
    for (const auto &p : m_patterns) {
        bool match = std::regex_match(relPath, p.regex);
        // A pattern naming a parent directory matches everything under it.
        if (!match && parents.size() > 1 && p.depth < parents.size()) {
            std::string prefix;
            for (std::size_t i = 0; i < p.depth; ++i)
                prefix += (i ? "/" : "") + parents[i];
            match = std::regex_match(prefix, p.regex);
        }
        if (match)
            matched = !p.exception;
    }
    return matched;
}

} // namespace strata::engine::build
