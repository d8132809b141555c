// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/InstructionChecks.h"

#include "engine/build/BuildFailed.h"
#include "engine/image/DockerfileWords.h"

#include <algorithm>
#include <map>
#include <set>

namespace strata::engine::build {
namespace {

// The flags each instruction takes in Docker 20.10's classic builder.
const std::map<std::string, std::set<std::string>> &knownInstructions()
{
    static const std::map<std::string, std::set<std::string>> known = {
        {"ADD", {"chown"}},
        {"ARG", {}},
        {"CMD", {}},
        {"COPY", {"from", "chown"}},
        {"ENTRYPOINT", {}},
        {"ENV", {}},
        {"EXPOSE", {}},
        {"FROM", {"platform"}},
        {"HEALTHCHECK", {"interval", "timeout", "start-period", "retries"}},
        {"LABEL", {}},
        {"MAINTAINER", {}},
        {"ONBUILD", {}},
        {"RUN", {}},
        {"SHELL", {}},
        {"STOPSIGNAL", {}},
        {"USER", {}},
        {"VOLUME", {}},
        {"WORKDIR", {}},
    };
    return known;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::size_t wordCount(const Instruction &in)
{
    return in.jsonForm ? in.json.size() : image::splitWords(in.rest).size();
}

// ENV and LABEL: "k=v ..." or the legacy "k value".
void checkNameValues(const Instruction &in)
{
    const auto words = image::splitWords(in.rest);
    if (words.empty())
        parseError(in.line, in.keyword + " requires at least one argument");
    if (words.front().find('=') == std::string::npos) {
        if (words.size() < 2)
            parseError(in.line, in.keyword + " must have two arguments");
        return;
    }
    for (const auto &w : words) {
        const std::size_t eq = w.find('=');
        if (eq == std::string::npos)
            parseError(in.line, "Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value");
        if (eq == 0)
            parseError(in.line, in.keyword + " names can not be blank");
    }
}

void checkOnBuild(const Instruction &in, char escape)
{
    if (in.rest.empty())
        parseError(in.line, "ONBUILD requires at least one argument");
    const Instruction trigger = parseInstructionLine(in.rest, in.line, escape);
    if (trigger.keyword == "ONBUILD")
        parseError(in.line, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    if (trigger.keyword == "FROM" || trigger.keyword == "MAINTAINER")
        parseError(in.line, trigger.keyword + " isn't allowed as an ONBUILD trigger");
}

void checkHealthcheck(const Instruction &in)
{
    const auto words = image::splitWords(in.rest);
    if (words.empty())
        parseError(in.line, "HEALTHCHECK requires at least one argument");
    const std::string type = lower(words.front());
    if (type == "none") {
        if (words.size() > 1 || !in.flags.empty())
            parseError(in.line, "HEALTHCHECK NONE takes no arguments");
        return;
    }
    if (type != "cmd")
        parseError(in.line, "Unknown type \"" + words.front() + "\" in HEALTHCHECK (try CMD)");
    if (words.size() < 2)
        parseError(in.line, "Missing command after HEALTHCHECK CMD");
}

} // namespace

std::string stageNameOf(const Instruction &from)
{
    const auto words = image::splitWords(from.rest);
    return words.size() == 3 ? lower(words[2]) : std::string();
}

void checkInstruction(const Instruction &in, char escape)
{
    const auto &known = knownInstructions();
    const auto it = known.find(in.keyword);
    if (it == known.end())
        parseError(in.line, "unknown instruction: " + in.keyword);
    for (const auto &[name, value] : in.flags)
        if (!it->second.count(name))
            parseError(in.line, "Unknown flag: " + name);
    const std::string &k = in.keyword;
    const std::size_t n = wordCount(in);
    if (k == "FROM") {
        const auto words = image::splitWords(in.rest);
        if (!(words.size() == 1 || (words.size() == 3 && lower(words[1]) == "as")))
            parseError(in.line, "FROM requires either one or three arguments");
    } else if (k == "ENV" || k == "LABEL") {
        checkNameValues(in);
    } else if (k == "COPY" || k == "ADD") {
        if (n < 2)
            parseError(in.line, k + " requires at least two arguments, but only one was provided. Destination could not be determined.");
    } else if (k == "SHELL") {
        if (!in.jsonForm)
            parseError(in.line, "SHELL requires the arguments to be in JSON form");
        if (in.json.empty())
            parseError(in.line, "SHELL requires at least one argument");
    } else if (k == "ONBUILD") {
        checkOnBuild(in, escape);
    } else if (k == "HEALTHCHECK") {
        checkHealthcheck(in);
    } else if (k == "ARG" || k == "WORKDIR" || k == "USER" || k == "STOPSIGNAL" || k == "MAINTAINER") {
        if (in.rest.empty())
            parseError(in.line, k + " requires exactly one argument");
    } else if (k == "EXPOSE" || k == "VOLUME" || k == "RUN") {
        if (n == 0)
            parseError(in.line, k + " requires at least one argument");
    }
}

} // namespace strata::engine::build
