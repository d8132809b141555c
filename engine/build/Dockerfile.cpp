// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/Dockerfile.h"

#include "engine/build/BuildFailed.h"
#include "engine/build/InstructionChecks.h"
#include "engine/image/DockerfileWords.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace strata::engine::build {
namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

std::string trimLeft(const std::string &s)
{
    std::size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
        ++i;
    return s.substr(i);
}

std::string trim(const std::string &s)
{
    std::string out = trimLeft(s);
    while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back())))
        out.pop_back();
    return out;
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}

bool isComment(const std::string &line)
{
    const std::string t = trimLeft(line);
    return !t.empty() && t.front() == '#';
}

// Docker's lineContinuation: the escape character and blanks at the end.
// Returns true when the line continues, with the escape removed.
bool stripContinuation(std::string &line, char escape)
{
    std::size_t end = line.size();
    while (end > 0 && isBlank(line[end - 1]))
        --end;
    if (end == 0 || line[end - 1] != escape)
        return false;
    line.erase(end - 1);
    return true;
}

// `# escape=X` among the first lines; anything else ends the directives.
class Directives {
public:
    void see(const std::string &line, int lineNumber)
    {
        if (m_done)
            return;
        std::string t = line;
        std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
        std::size_t i = 0;
        auto blanks = [&] { while (i < t.size() && isBlank(t[i])) ++i; };
        if (t.empty() || t[0] != '#') {
            m_done = true;
            return;
        }
        ++i;
        blanks();
        if (t.compare(i, 6, "escape") != 0) {
            m_done = true;
            return;
        }
        i += 6;
        blanks();
        if (i >= t.size() || t[i] != '=') {
            m_done = true;
            return;
        }
        ++i;
        blanks();
        if (m_seen)
            parseError(lineNumber, "only one escape parser directive can be used");
        m_seen = true;
        const char c = i < line.size() ? line[i] : '\0';
        if (c != '`' && c != '\\')
            parseError(lineNumber, std::string("invalid ESCAPE '") + c + "'. Must be ` or \\");
        escape = c;
    }
    char escape = '\\';

private:
    bool m_done = false;
    bool m_seen = false;
};

} // namespace

std::string Instruction::flag(const std::string &name, const std::string &fallback) const
{
    for (const auto &[k, v] : flags)
        if (k == name)
            return v;
    return fallback;
}

bool Instruction::hasFlag(const std::string &name) const
{
    return std::any_of(flags.begin(), flags.end(), [&](const auto &f) { return f.first == name; });
}

int Dockerfile::stepCount() const
{
    int n = static_cast<int>(metaArgs.size());
    for (const auto &s : stages)
        n += 1 + static_cast<int>(s.commands.size());
    return n;
}

Instruction parseInstructionLine(const std::string &line, int lineNumber, char escape)
{
    Instruction in;
    in.line = lineNumber;
    in.original = line;
    const std::string body = trim(line);
    std::size_t gap = 0;
    while (gap < body.size() && !std::isspace(static_cast<unsigned char>(body[gap])))
        ++gap;
    in.keyword = upper(body.substr(0, gap));
    std::string rest = trimLeft(body.substr(gap));
    // Leading "--name=value" words are the instruction's flags.
    while (rest.rfind("--", 0) == 0) {
        std::size_t end = 0;
        while (end < rest.size() && !std::isspace(static_cast<unsigned char>(rest[end])))
            ++end;
        const std::string word = rest.substr(2, end - 2);
        if (word.empty())
            break; // "--" alone ends the flags
        const std::size_t eq = word.find('=');
        in.flags.emplace_back(word.substr(0, eq), eq == std::string::npos ? "" : word.substr(eq + 1));
        rest = trimLeft(rest.substr(end));
    }
    in.rest = rest;
    if (!rest.empty() && rest.front() == '[')
        in.jsonForm = image::parseJsonArray(rest, in.json);
    checkInstruction(in, escape);
    return in;
}

Dockerfile parseDockerfile(const std::string &text)
{
    Dockerfile df;
    Directives directives;
    std::vector<std::string> lines;
    {
        std::istringstream in(text);
        std::string l;
        while (std::getline(in, l)) {
            if (!l.empty() && l.back() == '\r')
                l.pop_back();
            lines.push_back(l);
        }
    }
    std::vector<Instruction> all;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        directives.see(lines[i], static_cast<int>(i + 1));
        const int start = static_cast<int>(i + 1);
        if (isComment(lines[i]))
            continue;
        std::string line = trimLeft(lines[i]);
        bool more = stripContinuation(line, directives.escape);
        if (!more && trim(line).empty())
            continue;
        while (more && i + 1 < lines.size()) {
            std::string next = lines[++i];
            if (isComment(next))
                continue;
            if (trim(next).empty())
                continue; // an empty continuation line (Docker only warns)
            more = stripContinuation(next, directives.escape);
            line += next;
        }
        if (trim(line).empty())
            continue;
        all.push_back(parseInstructionLine(line, start, directives.escape));
    }
    df.escape = directives.escape;
    for (auto &in : all) {
        if (in.keyword == "FROM") {
            Stage s;
            s.name = stageNameOf(in);
            s.from = std::move(in);
            df.stages.push_back(std::move(s));
        } else if (df.stages.empty()) {
            if (in.keyword != "ARG")
                throw BuildFailed(FailurePhase::Parse, "no build stage in current context");
            df.metaArgs.push_back(std::move(in));
        } else {
            df.stages.back().commands.push_back(std::move(in));
        }
    }
    if (df.stages.empty())
        throw BuildFailed(FailurePhase::Parse, "no build stage in current context");
    return df;
}

} // namespace strata::engine::build
