// SPDX-License-Identifier: GPL-3.0-or-later
// Every lesson file and the glossary: the schema, the rules a schema cannot
// say (both languages, glossary links, hints, ${var}s captured before use),
// and every cited note file and heading in ../shared/notes.
#include "engine/lesson/CheckEvaluator.h"
#include "engine/lesson/Glossary.h"
#include "engine/lesson/JsonSchema.h"
#include "engine/lesson/LessonLibrary.h"
#include "engine/lesson/LessonValidator.h"

#include <QtTest/QTest>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace strata::engine::lesson;
namespace fs = std::filesystem;

namespace {

const fs::path kLessons = STRATA_TEST_LESSONS_DIR;
const fs::path kNotes = STRATA_TEST_NOTES_DIR;

nlohmann::json readJson(const fs::path &p)
{
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

std::string joined(const std::vector<std::string> &lines)
{
    std::string s;
    for (const auto &l : lines)
        s += "\n  " + l;
    return s;
}


// The Markdown headings of a note, as QTextDocument::setMarkdown renders
// them: lines starting with 1–6 '#' and a space, outside ``` / ~~~ fences.
std::set<std::string> noteHeadings(const fs::path &note)
{
    static const std::regex fence(R"(^\s{0,3}(`{3,}|~{3,}).*)");
    static const std::regex heading(R"(^#{1,6}\s+(.*)$)");
    std::set<std::string> out;
    std::ifstream in(note);
    std::string line;
    char open = 0;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        std::smatch m;
        if (std::regex_match(line, m, fence)) {
            const char c = m[1].str().front();
            if (!open)
                open = c;
            else if (c == open)
                open = 0;
            continue;
        }
        if (open || !std::regex_match(line, m, heading))
            continue;
        std::string text = m[1].str();
        auto trim = [&text](const char *chars) { text.erase(text.find_last_not_of(chars) + 1); };
        trim(" \t");
        trim("#");
        trim(" \t");
        out.insert(text);
    }
    return out;
}

std::vector<std::string> cells(const std::string &row)
{
    std::vector<std::string> out;
    std::stringstream ss(row.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) {
        const auto b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
        out.push_back(b == std::string::npos ? std::string() : cell.substr(b, e - b + 1));
    }
    return out;
}

} // namespace

class TestLessonFiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void glossaryIsComplete()
    {
        const Glossary g = loadGlossary(kLessons);
        QVERIFY2(g.problems().empty(), joined(g.problems()).c_str());
        // The terms issue 8 names, with the ids lessons link to.
        for (const char *id : {"image", "layer", "read-only-layer", "container", "container-layer", "copy-on-write",
                               "union-filesystem", "volume", "bind-mount", "named-volume", "anonymous-volume",
                               "commit", "dangling-image", "whiteout", "copy-up", "bootfs", "rootfs", "namespace",
                               "storage-driver", "daemon"})
            QVERIFY2(g.find(id), id);
        QCOMPARE(QString::fromStdString(g.find("container-layer")->zh), QString("容器层"));
    }

    void schemaIsValidJsonSchemaSubset()
    {
        const auto schema = readJson(kLessons / "schema.json");
        QCOMPARE(QString::fromStdString(schema.value("$schema", "")),
                 QString("https://json-schema.org/draft/2020-12/schema"));
        // Every check kind the evaluator knows has a shape in the schema, and back.
        std::set<std::string> inSchema;
        for (const auto &shape : schema["$defs"]["check"]["oneOf"])
            for (const auto &k : shape["properties"]["kind"]["enum"])
                inSchema.insert(k.get<std::string>());
        const std::set<std::string> known(checkKinds().begin(), checkKinds().end());
        QVERIFY(inSchema == known);
    }

    void everyLessonValidates_data()
    {
        QTest::addColumn<QString>("file");
        const auto files = lessonFiles(kLessons);
        QVERIFY(files.size() >= 5);
        for (const auto &f : files)
            QTest::newRow(f.filename().c_str()) << QString::fromStdString(f.string());
    }

    void everyLessonValidates()
    {
        QFETCH(QString, file);
        const JsonSchema schema(readJson(kLessons / "schema.json"));
        const Glossary glossary = loadGlossary(kLessons);
        ValidationInput input{&schema, &glossary, {}};
        const auto problems = validateLessonFile(file.toStdString(), input);
        QVERIFY2(problems.empty(), joined(problems).c_str());
        // Loads through the library too (schema first, then the model).
        const Lesson l = loadLesson(file.toStdString());
        QVERIFY(l.steps.size() - l.exerciseCount() >= 5 && l.steps.size() - l.exerciseCount() <= 12);
        QVERIFY(l.exerciseCount() >= 1 && l.exerciseCount() <= 2);
    }

    void bothLanguagesComplete_data() { everyLessonValidates_data(); }
    void bothLanguagesComplete()
    {
        QFETCH(QString, file);
        const Lesson l = loadLesson(file.toStdString());
        std::vector<std::pair<std::string, const Text *>> texts{{"title", &l.title}};
        for (const auto &g : l.goals)
            texts.push_back({"goal", &g});
        for (const auto &s : l.steps) {
            texts.push_back({s.id + " title", &s.title});
            texts.push_back({s.id + " narration", &s.narration});
            for (const auto &c : s.commands)
                if (c.hint)
                    texts.push_back({s.id + " hint", &*c.hint});
            for (const auto &c : s.checks)
                if (c.whyNot)
                    texts.push_back({s.id + " why_not", &*c.whyNot});
        }
        for (const auto &[where, t] : texts) {
            QVERIFY2(!t->zh.empty() && !t->en.empty(), where.c_str());
            // The Chinese text is Chinese: it holds at least one non-ASCII
            // character (CJK or full-width punctuation); a copy of the English
            // in zh_CN would be a missing translation.
            const bool cjk = std::any_of(t->zh.begin(), t->zh.end(), [](char c) { return (c & 0x80) != 0; });
            const bool commandOnly = t->zh == t->en; // hints that are a command line
            QVERIFY2(cjk || commandOnly, (where + ": zh_CN is not Chinese: " + t->zh).c_str());
        }
    }

    void citedNotesExist_data() { everyLessonValidates_data(); }
    void citedNotesExist()
    {
        QFETCH(QString, file);
        if (!fs::is_directory(kNotes))
            QSKIP(qPrintable("the study notes are not beside the source tree: " + QString::fromStdString(kNotes.string())));
        const Lesson l = loadLesson(file.toStdString());
        std::vector<NoteRef> refs = l.notes;
        for (const auto &s : l.steps)
            refs.push_back(s.note);
        for (const auto &n : refs) {
            QVERIFY2(fs::is_regular_file(kNotes / n.file), n.file.c_str());
            QVERIFY2(noteHasHeading(kNotes / n.file, n.heading), (n.file + ": " + n.heading).c_str());
        }
        // The validator says the same with the notes directory given.
        ValidationInput input;
        input.notesDir = kNotes;
        const auto problems = validateLesson(l, input);
        QVERIFY2(problems.empty(), joined(problems).c_str());
    }

    // docs/LESSONS.md "The notes, heading by heading": every heading of the
    // five notes has a row, every row names a heading its note has, and a row
    // names the steps that teach it (NN:step-id, each one existing) or why none does.
    void notesHeadingTableIsCompleteAndInStep()
    {
        std::ifstream doc(kLessons.parent_path() / "docs" / "LESSONS.md");
        QVERIFY2(doc, "docs/LESSONS.md cannot be read");
        std::map<int, std::set<std::string>> stepsOf; // lesson number -> step and exercise ids
        for (const auto &l : loadLessons(kLessons))
            for (const auto &st : l.steps)
                stepsOf[l.number].insert(st.id);
        static const std::regex stepRef(R"(^([0-9]{2}):([a-z0-9-]+)$)");
        std::map<std::string, std::set<std::string>> rows; // note prefix "002" -> headings
        std::string line;
        bool inTable = false;
        int count = 0;
        while (std::getline(doc, line)) {
            if (line.starts_with("## "))
                inTable = line == "## The notes, heading by heading";
            if (!inTable || !line.starts_with("| "))
                continue;
            const auto c = cells(line);
            if (c.size() < 4 || !std::regex_match(c[0], std::regex("[0-9]{3}")))
                continue;
            ++count;
            const std::string where = "docs/LESSONS.md row \"" + c[0] + " | " + c[1] + "\"";
            QVERIFY2(rows[c[0]].insert(c[1]).second, (where + ": listed twice").c_str());
            if (c[2].empty()) {
                QVERIFY2(!c[3].empty(), (where + ": no step teaches it and no reason is given").c_str());
                continue;
            }
            std::stringstream refs(c[2]);
            std::string ref;
            while (std::getline(refs, ref, ',')) {
                ref.erase(0, ref.find_first_not_of(' '));
                std::smatch m;
                QVERIFY2(std::regex_match(ref, m, stepRef), (where + ": \"" + ref + "\" is not NN:step-id").c_str());
                const int n = std::stoi(m[1].str());
                QVERIFY2(stepsOf.count(n) && stepsOf[n].count(m[2].str()),
                         (where + ": lesson " + m[1].str() + " has no step " + m[2].str()).c_str());
            }
        }
        QVERIFY2(count > 0, "docs/LESSONS.md has no heading table");
        if (!fs::is_directory(kNotes))
            QSKIP(qPrintable("the study notes are not beside the source tree: " + QString::fromStdString(kNotes.string())));
        std::set<std::string> prefixes;
        for (const auto &entry : fs::directory_iterator(kNotes)) {
            const std::string name = entry.path().filename().string();
            if (!std::regex_match(name, std::regex(R"([0-9]{3}_[0-9a-f]+\.txt)")))
                continue;
            const std::string prefix = name.substr(0, 3);
            prefixes.insert(prefix);
            const auto headings = noteHeadings(entry.path());
            QVERIFY2(!headings.empty(), name.c_str());
            for (const auto &h : headings)
                QVERIFY2(rows[prefix].count(h), ("docs/LESSONS.md lacks a row for " + prefix + " \"" + h + "\"").c_str());
            for (const auto &h : rows[prefix])
                QVERIFY2(headings.count(h), ("docs/LESSONS.md: note " + name + " has no heading \"" + h + "\"").c_str());
        }
        QCOMPARE(prefixes.size(), std::size_t{5});
        for (const auto &[prefix, headings] : rows)
            QVERIFY2(prefixes.count(prefix), ("docs/LESSONS.md names note " + prefix + ", which does not exist").c_str());
    }

    void validatorRefusesBrokenLessons()
    {
        const JsonSchema schema(readJson(kLessons / "schema.json"));
        const Glossary glossary = loadGlossary(kLessons);
        auto doc = readJson(lessonFiles(kLessons).front());
        ValidationInput input{&schema, &glossary, kNotes};
        auto problemsOf = [&](nlohmann::json d) { return joined(validateLessonJson(d, input)); };

        auto noHint = doc;
        for (auto &c : noHint["steps"][0]["commands"])
            if (c["by"] == "student")
                c.erase("hint");
        QVERIFY(problemsOf(noHint).find("needs a hint") != std::string::npos);

        auto emptyEn = doc;
        emptyEn["steps"][1]["narration"]["en"] = "";
        QVERIFY(problemsOf(emptyEn).find("/steps/1/narration/en") != std::string::npos);

        auto badLink = doc;
        badLink["steps"][0]["narration"]["zh_CN"] = "见[层](glossary:no-such-term)";
        QVERIFY(problemsOf(badLink).find("no-such-term") != std::string::npos);

        auto undefinedVar = doc;
        undefinedVar["steps"][0]["checks"] = {{{"kind", "host_file"}, {"path", "${later}/x"}}};
        QVERIFY(problemsOf(undefinedVar).find("${later} is used before") != std::string::npos);

        auto badKind = doc;
        badKind["steps"][0]["checks"] = {{{"kind", "image_exits"}, {"image", "x"}}};
        QVERIFY(!problemsOf(badKind).empty());

        if (fs::is_directory(kNotes)) {
            auto badHeading = doc;
            badHeading["steps"][0]["note"]["heading"] = "No such heading anywhere";
            QVERIFY(problemsOf(badHeading).find("does not occur in") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestLessonFiles)
#include "tst_LessonFiles.moc"
