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
#include <set>

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
