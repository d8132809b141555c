// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/ConfigInstructions.h"

#include "engine/build/BuildFailed.h"
#include "engine/build/GoText.h"
#include "engine/image/ImageChanges.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace strata::engine::build {
namespace {

using image::Json;

[[noreturn]] void fail(const std::string &what)
{
    throw BuildFailed(FailurePhase::Step, what);
}

std::vector<std::string> expandedWords(const std::string &text, const image::Environment &env)
{
    std::vector<std::string> out;
    for (const auto &w : image::splitWords(text))
        out.push_back(image::processWord(w, env));
    return out;
}

// "k=v k2=v2" or the legacy "k value with spaces", expanded.
std::vector<std::pair<std::string, std::string>> nameValues(const std::string &text, const image::Environment &env)
{
    const auto words = image::splitWords(text);
    std::vector<std::pair<std::string, std::string>> out;
    if (!words.empty() && words.front().find('=') == std::string::npos) {
        const std::size_t gap = text.find_first_of(" \t");
        const std::size_t value = text.find_first_not_of(" \t", gap);
        out.emplace_back(image::processWord(words.front(), env), image::processWord(text.substr(value), env));
        return out;
    }
    for (const auto &w : words) {
        const std::size_t eq = w.find('=');
        out.emplace_back(image::processWord(w.substr(0, eq), env), image::processWord(w.substr(eq + 1), env));
    }
    return out;
}

// CMD, ENTRYPOINT: exec form as given, shell form through the stage's SHELL.
std::vector<std::string> commandOf(const StageState &s, const Instruction &in)
{
    if (in.jsonForm)
        return in.json;
    std::vector<std::string> cmd = s.shell();
    cmd.push_back(in.rest);
    return cmd;
}

std::string joined(const std::vector<std::string> &items, const std::string &sep)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? sep : "") + items[i];
    return out;
}

std::string workdirOf(const std::string &current, const std::string &dir)
{
    namespace fs = std::filesystem;
    const fs::path p = !dir.empty() && dir.front() == '/' ? fs::path(dir) : fs::path("/" + current) / dir;
    std::string s = p.lexically_normal().generic_string();
    while (s.size() > 1 && s.back() == '/')
        s.pop_back();
    return s;
}

std::int64_t durationFlag(const Instruction &in, const std::string &name)
{
    const std::string v = in.flag(name, "");
    if (v.empty())
        return 0;
    std::int64_t ns = 0;
    try {
        ns = parseGoDuration(v);
    } catch (const Error &e) {
        fail(e.message());
    }
    if (ns != 0 && ns < 1000000)
        fail("Interval \"" + name + "\" cannot be less than 1ms");
    return ns;
}

std::string healthcheck(StageState &s, const Instruction &in)
{
    const auto words = image::splitWords(in.rest);
    std::string upper = words.front();
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    Json test = Json::array();
    std::int64_t interval = 0, timeout = 0, start = 0;
    long retries = 0;
    if (upper == "NONE") {
        test.push_back("NONE");
    } else {
        const std::string cmd = in.rest.substr(in.rest.find_first_not_of(" \t", 3));
        std::vector<std::string> exec;
        if (!cmd.empty() && cmd.front() == '[' && image::parseJsonArray(cmd, exec)) {
            test.push_back("CMD");
            for (auto &a : exec)
                test.push_back(a);
        } else {
            test = Json::array({"CMD-SHELL", cmd});
        }
        interval = durationFlag(in, "interval");
        timeout = durationFlag(in, "timeout");
        start = durationFlag(in, "start-period");
        if (const std::string r = in.flag("retries"); !r.empty()) {
            try {
                retries = std::stol(r);
            } catch (const std::exception &) {
                fail("strconv.ParseInt: parsing \"" + r + "\": invalid syntax");
            }
            if (retries < 1)
                fail("--retries cannot be 0");
        }
    }
    Json hc = {{"Test", test}};
    if (interval) hc["Interval"] = interval;
    if (timeout) hc["Timeout"] = timeout;
    if (start) hc["StartPeriod"] = start;
    if (retries) hc["Retries"] = retries;
    s.runConfig["Healthcheck"] = hc;
    std::vector<std::string> testWords;
    for (const auto &t : test)
        testWords.push_back(t.get<std::string>());
    // Go's %q of an int: a quoted rune ('\x00' for none).
    char retriesText[16];
    if (retries >= 0x20 && retries < 0x7f)
        std::snprintf(retriesText, sizeof retriesText, "'%c'", static_cast<int>(retries));
    else
        std::snprintf(retriesText, sizeof retriesText, "'\\x%02x'", static_cast<unsigned>(retries & 0xff));
    return "HEALTHCHECK &{" + goQuoteList(testWords) + " " + goQuote(goDuration(interval)) + " " +
           goQuote(goDuration(timeout)) + " " + goQuote(goDuration(start)) + " " + retriesText + "}";
}

std::string arg(StageState &s, const Instruction &in, const std::map<std::string, std::string> &buildArgs)
{
    std::string comment = "ARG";
    for (const auto &w : image::splitWords(in.rest)) {
        const std::size_t eq = w.find('=');
        const std::string key = w.substr(0, eq);
        std::optional<std::string> value;
        if (eq != std::string::npos)
            value = image::processWord(w.substr(eq + 1), s.environment());
        comment += " " + key + (value ? "=" + *value : "");
        if (auto given = buildArgs.find(key); given != buildArgs.end())
            value = given->second;
        s.args[key] = value;
    }
    return comment;
}

} // namespace

bool isConfigInstruction(const std::string &k)
{
    static const std::set<std::string> kinds = {"ENV",    "LABEL",      "CMD",   "ENTRYPOINT",  "EXPOSE",
                                                "VOLUME", "USER",       "WORKDIR", "ONBUILD",   "STOPSIGNAL",
                                                "HEALTHCHECK", "SHELL", "MAINTAINER", "ARG"};
    return kinds.count(k) > 0;
}

ConfigStep applyConfigInstruction(StageState &s, const Instruction &in,
                                  const std::map<std::string, std::string> &buildArgs)
{
    const std::string &k = in.keyword;
    const image::Environment env = s.environment();
    Json &c = s.runConfig;
    if (k == "ENV") {
        std::string comment = "ENV";
        for (const auto &[key, value] : nameValues(in.rest, env)) {
            s.setEnv(key, value);
            comment += " " + key + "=" + value;
        }
        return {comment};
    }
    if (k == "LABEL") {
        std::string comment = "LABEL";
        for (const auto &[key, value] : nameValues(in.rest, env)) {
            c["Labels"][key] = value;
            comment += " " + key + "=" + value;
        }
        return {comment};
    }
    if (k == "CMD") {
        const auto cmd = commandOf(s, in);
        c["Cmd"] = cmd;
        s.cmdSet = true;
        return {"CMD " + goQuoteList(cmd)};
    }
    if (k == "ENTRYPOINT") {
        const auto ep = commandOf(s, in);
        c["Entrypoint"] = ep;
        if (!s.cmdSet)
            c["Cmd"] = nullptr; // a new ENTRYPOINT drops the inherited CMD
        return {"ENTRYPOINT " + goQuoteList(ep)};
    }
    if (k == "EXPOSE") {
        auto ports = expandedWords(in.rest, env);
        std::sort(ports.begin(), ports.end());
        for (const auto &p : ports) {
            try {
                image::applyChanges(c, {"EXPOSE " + p});
            } catch (const Error &e) {
                fail(e.message());
            }
        }
        return {"EXPOSE " + joined(ports, " ")};
    }
    if (k == "VOLUME") {
        std::vector<std::string> vols = in.jsonForm ? in.json : expandedWords(in.rest, env);
        for (const auto &v : vols) {
            if (v.empty())
                fail("VOLUME specified can not be an empty string");
            c["Volumes"][v] = Json::object();
        }
        return {"VOLUME [" + joined(vols, " ") + "]"};
    }
    if (k == "USER") {
        c["User"] = image::processWord(in.rest, env);
        return {"USER " + c["User"].get<std::string>()};
    }
    if (k == "WORKDIR") {
        c["WorkingDir"] = workdirOf(c.value("WorkingDir", std::string()), image::processWord(in.rest, env));
        return {"WORKDIR " + c["WorkingDir"].get<std::string>(), true};
    }
    if (k == "ONBUILD") {
        c["OnBuild"].push_back(in.rest);
        return {"ONBUILD " + in.rest};
    }
    if (k == "STOPSIGNAL") {
        c["StopSignal"] = image::processWord(in.rest, env);
        return {"STOPSIGNAL " + c["StopSignal"].get<std::string>()};
    }
    if (k == "HEALTHCHECK")
        return {healthcheck(s, in)};
    if (k == "SHELL") {
        c["Shell"] = in.json;
        return {"SHELL [" + joined(in.json, " ") + "]"};
    }
    if (k == "MAINTAINER") {
        s.author = image::processWord(in.rest, env);
        return {"MAINTAINER " + s.author};
    }
    if (k == "ARG")
        return {arg(s, in, buildArgs)};
    fail("not a config instruction: " + k);
}

std::vector<std::string> nopCommand(const StageState &state, const ConfigStep &step)
{
    std::vector<std::string> cmd = state.shell();
    if (step.singleSpace) {
        cmd.push_back("#(nop) " + step.comment);
    } else {
        cmd.push_back("#(nop) ");
        cmd.push_back(step.comment);
    }
    return cmd;
}

} // namespace strata::engine::build
