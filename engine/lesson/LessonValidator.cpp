// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/LessonValidator.h"

#include "engine/Error.h"
#include "engine/lesson/CheckEvaluator.h"
#include "engine/lesson/CommandLine.h"
#include "engine/lesson/SceneCatalog.h"
#include "engine/util/JsonDepth.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace strata::engine::lesson {
namespace {

// The variables every lesson has without capturing them.
const std::set<std::string> kBuiltinVars = {"workspace", "host_kernel", "port"};

void checkText(const Text &text, const std::string &where, std::vector<std::string> &problems)
{
    if (text.zh.empty())
        problems.push_back(where + ": the zh_CN text is empty");
    if (text.en.empty())
        problems.push_back(where + ": the en text is empty");
}

void checkNote(const NoteRef &note, const std::string &where, const ValidationInput &input,
               std::vector<std::string> &problems)
{
    if (input.notesDir.empty())
        return;
    const auto file = input.notesDir / note.file;
    if (!std::filesystem::is_regular_file(file))
        problems.push_back(where + ": note file " + note.file + " not found in " + input.notesDir.string());
    else if (!noteHasHeading(file, note.heading))
        problems.push_back(where + ": heading \"" + note.heading + "\" does not occur in " + note.file);
}

void checkLinks(const Text &text, const std::string &where, const ValidationInput &input,
                std::vector<std::string> &problems)
{
    if (!input.glossary)
        return;
    for (const std::string *s : {&text.zh, &text.en})
        for (const auto &link : glossaryLinks(*s))
            if (!input.glossary->find(link.id))
                problems.push_back(where + ": glossary link \"" + link.id + "\" is not in the glossary");
}

void checkVars(const std::string &text, const std::set<std::string> &defined, const std::string &where,
               std::vector<std::string> &problems)
{
    for (const auto &name : referencedVars(text))
        if (!defined.count(name) && !kBuiltinVars.count(name))
            problems.push_back(where + ": ${" + name + "} is used before a command captures it");
}

void checkStep(const Step &step, const std::string &where, const ValidationInput &input, std::set<std::string> &vars,
               std::vector<std::string> &problems)
{
    checkText(step.title, where + " title", problems);
    checkText(step.narration, where + " narration", problems);
    checkLinks(step.narration, where + " narration", input, problems);
    checkNote(step.note, where + " note", input, problems);
    if (step.solution)
        checkText(*step.solution, where + " solution", problems);
    if (step.checks.empty() && step.exercise)
        problems.push_back(where + ": an exercise needs checks to verify it");
    if (step.scene) {
        // The GUI's scenes answer to the catalog: a key no scene item carries lights nothing.
        const SceneKeys *scene = findScene(step.scene->id);
        if (!scene)
            problems.push_back(where + " scene: unknown scene id \"" + step.scene->id + "\"");
        else
            for (const auto &h : step.scene->highlight)
                if (!sceneKnowsHighlight(*scene, h))
                    problems.push_back(where + " scene " + scene->id + ": unknown highlight key \"" + h + "\"");
    }
    for (std::size_t c = 0; c < step.commands.size(); ++c) {
        const Command &cmd = step.commands[c];
        const std::string cw = where + " command " + std::to_string(c) + " (" + cmd.run + ")";
        if (cmd.by == By::Student && !cmd.hint)
            problems.push_back(cw + ": a student command needs a hint");
        if (cmd.hint)
            checkText(*cmd.hint, cw + " hint", problems);
        if (step.exercise && cmd.by != By::Student)
            problems.push_back(cw + ": exercise commands are the student's (\"by\": \"student\")");
        checkVars(cmd.run, vars, cw, problems);
        try {
            // Split with every name defined, to find quoting problems only.
            Vars any;
            for (const auto &n : referencedVars(cmd.run))
                any[n] = "x";
            if (splitCommandLine(cmd.run, any).empty())
                problems.push_back(cw + ": the command line is empty");
        } catch (const Error &e) {
            problems.push_back(cw + ": " + e.message());
        }
        for (const auto &line : cmd.accept)
            checkVars(line, vars, cw + " accept", problems);
        if (!cmd.decoyInputs.empty() && !cmd.input)
            problems.push_back(cw + ": decoy_inputs need an input to stand for");
        if (!cmd.decoys.empty() && cmd.by != By::Student)
            problems.push_back(cw + ": decoys belong to student commands");
        for (const auto &line : cmd.decoys)
            checkVars(line, vars, cw + " decoy", problems);
        if (!cmd.capture.empty())
            vars.insert(cmd.capture);
    }
    const auto &kinds = checkKinds();
    for (std::size_t k = 0; k < step.checks.size(); ++k) {
        const Check &check = step.checks[k];
        const std::string kw = where + " check " + std::to_string(k) + " (" + check.kind + ")";
        if (std::find(kinds.begin(), kinds.end(), check.kind) == kinds.end())
            problems.push_back(kw + ": unknown check kind");
        if (check.whyNot)
            checkText(*check.whyNot, kw + " why_not", problems);
        for (auto it = check.fields.begin(); it != check.fields.end(); ++it)
            if (it->is_string())
                checkVars(it->get<std::string>(), vars, kw + " " + it.key(), problems);
        if (check.kind == "output_matches") {
            try {
                std::regex re(check.fields.value("regex", ""), std::regex::ECMAScript);
            } catch (const std::regex_error &e) {
                problems.push_back(kw + ": the regex does not compile: " + e.what());
            }
        }
        if (check.kind.starts_with("output_")) {
            const int index = check.fields.value("command", -1);
            const int n = static_cast<int>(step.commands.size());
            if (n == 0 || index >= n || index < -n)
                problems.push_back(kw + ": no command " + std::to_string(index) + " in this step");
        }
    }
}

} // namespace

bool noteHasHeading(const std::filesystem::path &noteFile, const std::string &heading)
{
    std::ifstream in(noteFile);
    std::string line;
    while (std::getline(in, line))
        if (line.find(heading) != std::string::npos)
            return true;
    return false;
}

std::vector<std::string> validateLesson(const Lesson &lesson, const ValidationInput &input)
{
    std::vector<std::string> problems;
    checkText(lesson.title, "title", problems);
    for (std::size_t g = 0; g < lesson.goals.size(); ++g)
        checkText(lesson.goals[g], "goal " + std::to_string(g), problems);
    for (std::size_t n = 0; n < lesson.notes.size(); ++n)
        checkNote(lesson.notes[n], "notes " + std::to_string(n), input, problems);
    if (!lesson.file.empty()) {
        // The file name says the number and the id: "04-copy-on-write.json".
        char prefix[8];
        std::snprintf(prefix, sizeof prefix, "%02d-", lesson.number);
        const std::string expected = prefix + lesson.id + ".json";
        if (lesson.file.filename() != expected)
            problems.push_back("file name " + lesson.file.filename().string() + " should be " + expected);
    }
    std::set<std::string> vars(lesson.services.begin(), lesson.services.end()); // ${registry}, …
    std::set<std::string> ids;
    for (const auto &setupLine : lesson.setup)
        checkVars(setupLine, vars, "setup (" + setupLine + ")", problems);
    for (std::size_t s = 0; s < lesson.steps.size(); ++s) {
        const Step &step = lesson.steps[s];
        const std::string where = std::string(step.exercise ? "exercise " : "step ") + "\"" + step.id + "\"";
        if (!ids.insert(step.id).second)
            problems.push_back(where + ": the id is used twice");
        checkStep(step, where, input, vars, problems);
    }
    return problems;
}

std::vector<std::string> validateLessonJson(const nlohmann::json &doc, const ValidationInput &input)
{
    std::vector<std::string> problems;
    if (input.schema)
        for (const auto &e : input.schema->validate(doc))
            problems.push_back("schema " + e.text());
    if (!problems.empty())
        return problems; // the model would not parse reliably
    try {
        const Lesson lesson = parseLesson(doc);
        return validateLesson(lesson, input);
    } catch (const Error &e) {
        problems.push_back(e.what());
    }
    return problems;
}

std::vector<std::string> validateLessonFile(const std::filesystem::path &file, const ValidationInput &input)
{
    std::ifstream in(file);
    if (!in)
        return {file.string() + ": cannot be read"};
    const std::string text = std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!util::jsonDepthWithin(text))
        return {file.string() + ": JSON nested deeper than " + std::to_string(util::kMaxJsonDepth) + " levels"};
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        return {file.string() + ": not JSON: " + e.what()};
    }
    std::vector<std::string> problems;
    if (input.schema)
        for (const auto &e : input.schema->validate(doc))
            problems.push_back("schema " + e.text());
    if (!problems.empty())
        return problems;
    try {
        const Lesson lesson = parseLesson(doc, file);
        return validateLesson(lesson, input);
    } catch (const Error &e) {
        return {e.what()};
    }
}

} // namespace strata::engine::lesson
