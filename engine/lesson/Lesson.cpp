// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/Lesson.h"

#include "engine/Error.h"

namespace strata::engine::lesson {
namespace {

using nlohmann::json;

std::string str(const json &j, const char *key, const std::string &fallback = {})
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

NoteRef parseNote(const json &j)
{
    return NoteRef{str(j, "file"), str(j, "heading")};
}

Command parseCommand(const json &j)
{
    Command c;
    c.run = str(j, "run");
    c.by = str(j, "by") == "student" ? By::Student : By::App;
    if (j.contains("hint"))
        c.hint = parseText(j.at("hint"));
    c.expectExit = j.value("expect_exit", 0);
    c.capture = str(j, "capture");
    c.accept = j.value("accept", std::vector<std::string>{});
    c.decoys = j.value("decoys", std::vector<std::string>{});
    if (j.contains("input"))
        c.input = j.at("input").get<std::string>();
    c.decoyInputs = j.value("decoy_inputs", std::vector<std::string>{});
    return c;
}

Step parseStep(const json &j, bool exercise)
{
    Step s;
    s.id = str(j, "id");
    s.title = parseText(j.at("title"));
    s.narration = parseText(j.at("narration"));
    s.note = parseNote(j.at("note"));
    if (auto it = j.find("scene"); it != j.end()) {
        Scene scene;
        scene.id = str(*it, "id");
        scene.subject = str(*it, "subject");
        if (it->contains("highlight"))
            scene.highlight = it->at("highlight").get<std::vector<std::string>>();
        s.scene = scene;
    }
    for (const auto &c : j.value("commands", json::array()))
        s.commands.push_back(parseCommand(c));
    for (const auto &c : j.value("checks", json::array())) {
        Check check;
        check.kind = str(c, "kind");
        check.fields = c;
        if (c.contains("why_not"))
            check.whyNot = parseText(c.at("why_not"));
        s.checks.push_back(std::move(check));
    }
    if (j.contains("solution"))
        s.solution = parseText(j.at("solution"));
    s.exercise = exercise;
    return s;
}

} // namespace

Text parseText(const json &j)
{
    if (!j.is_object())
        throw Error(ErrorCode::InvalidArgument, "a text must be an object {\"zh_CN\": …, \"en\": …}");
    return Text{str(j, "zh_CN"), str(j, "en")};
}

Lesson parseLesson(const json &j, const std::filesystem::path &file)
{
    try {
        Lesson l;
        l.number = j.at("number").get<int>();
        l.id = j.at("id").get<std::string>();
        l.title = parseText(j.at("title"));
        for (const auto &g : j.value("goals", json::array()))
            l.goals.push_back(parseText(g));
        for (const auto &n : j.value("notes", json::array()))
            l.notes.push_back(parseNote(n));
        l.setup = j.value("setup", std::vector<std::string>{});
        l.services = j.value("services", std::vector<std::string>{});
        for (const auto &s : j.at("steps"))
            l.steps.push_back(parseStep(s, false));
        for (const auto &s : j.value("exercises", json::array()))
            l.steps.push_back(parseStep(s, true));
        l.file = file;
        return l;
    } catch (const json::exception &e) {
        throw Error(ErrorCode::InvalidArgument,
                    "lesson " + (file.empty() ? std::string("(inline)") : file.string()) + ": " + e.what());
    } catch (Error &e) {
        throw e.withContext("lesson " + (file.empty() ? std::string("(inline)") : file.string()));
    }
}

std::size_t Lesson::exerciseCount() const
{
    std::size_t n = 0;
    for (const auto &s : steps)
        n += s.exercise ? 1 : 0;
    return n;
}

std::optional<std::size_t> Lesson::findStep(const std::string &idOrNumber) const
{
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].id == idOrNumber)
            return i;
    if (!idOrNumber.empty() && idOrNumber.find_first_not_of("0123456789") == std::string::npos) {
        const auto n = std::stoul(idOrNumber);
        if (n >= 1 && n <= steps.size())
            return n - 1;
    }
    return std::nullopt;
}

} // namespace strata::engine::lesson
