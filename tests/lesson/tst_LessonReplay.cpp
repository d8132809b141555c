// SPDX-License-Identifier: GPL-3.0-or-later
// Every lesson file in lessons/ replayed headless on the real engine (a
// fresh root each), as `strata lesson run N --auto` plays it. Per step, each
// check must fail before the step's commands run and hold after them — the
// rule lessons/README.md asks authors to keep, and the proof that a check
// really looks at what the step changes. Each decoy (a command that looks
// right but is wrong) is run instead of its command and must leave some
// check failing: only the right command passes. And every lesson piped into
// `strata lesson run N` with an exploratory line before each step completes.
#include "engine/Engine.h"
#include "engine/cli/CliCommandRunner.h"
#include "engine/lesson/LessonLibrary.h"
#include "engine/lesson/CommandMatch.h"
#include "engine/lesson/LessonRunner.h"
#include "tests/support/StoreCleanup.h"
#include "tests/support/TestSupport.h"

#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <unistd.h>

#include <set>

using namespace strata::engine::lesson;
namespace fs = std::filesystem;

namespace {

const fs::path kLessons = STRATA_TEST_LESSONS_DIR;

std::string describe(const Lesson &l, const Step &s, std::size_t k, const CheckResult &c, const char *when)
{
    return l.id + ": " + (s.exercise ? "exercise " : "step ") + s.id + ": check " + std::to_string(k) + " (" +
           c.kind + ") " + when + ": " + c.summary.en + (c.holds ? "" : " — " + c.whyNot.en);
}

std::string lastOutput(const StepStatus &st)
{
    const auto &list = st.extra.empty() ? st.results : st.extra;
    if (list.empty())
        return {};
    const auto &r = list.back();
    return "\n  last command: " + r.line + " (exit " + std::to_string(r.exitCode) + ")\n  stdout: " + r.out +
           "\n  stderr: " + r.err;
}

// Why a jump back to a step stopped: the earlier step it was left on, its
// last command and the checks that did not hold.
std::string whyJumpFailed(const LessonRunner &runner, const Step &target)
{
    const StepStatus &st = runner.status();
    std::string why = runner.lesson().id + ": replay to step " + target.id + " failed at step " +
                      runner.currentStep().id + lastOutput(st);
    for (const auto &c : st.checks)
        if (!c.holds)
            why += "\n  check " + c.kind + " fails: " + c.whyNot.en;
    return why;
}

// Lines that only look: a decoy made of these changes nothing, so the step
// needs no restoring after it.
bool readOnly(const std::string &line)
{
    std::vector<std::string> a;
    try {
        a = canonicalArgs(splitCommandLine(line, {{"workspace", "/w"}}));
    } catch (const std::exception &) {
        return false; // ${var}: cannot tell, restore to be safe
    }
    if (a.empty())
        return true;
    static const std::set<std::string> verbs = {"images", "history", "inspect", "ps", "logs", "top", "diff",
                                                "version", "info", "search"};
    if (verbs.count(a[0]))
        return true;
    if (a.size() > 1 && a[0] == "image")
        return a[1] == "inspect" || a[1] == "layers" || a[1] == "tree";
    if (a.size() > 1 && a[0] == "volume")
        return a[1] == "ls" || a[1] == "inspect";
    return false;
}

// Step i's decoys, each run instead of its command from the step's start
// state: some check must fail. Leaves the runner at step i's start again.
void tryDecoys(LessonRunner &runner, std::size_t i)
{
    const Lesson &lesson = runner.lesson();
    const Step &step = lesson.steps[i];
    for (std::size_t k = 0; k < step.commands.size(); ++k) {
        for (const auto &decoy : step.commands[k].decoys) {
            runner.continueStep(); // leading app commands
            while (runner.status().commandsDone < k && !runner.status().commandsComplete) {
                const Command *pending = runner.pendingStudentCommand();
                QVERIFY2(pending, (lesson.id + ": step " + step.id + ": an app command failed before a decoy").c_str());
                (void)runner.submit(pending->run);
            }
            (void)runner.submitInstead(decoy);
            (void)runner.autoPlayStep();
            const auto checks = runner.evaluate();
            bool all = runner.status().commandsComplete;
            for (const auto &c : checks)
                all = all && c.holds;
            QVERIFY2(!all, (lesson.id + ": step " + step.id + ": decoy \"" + decoy + "\" passes every check").c_str());
            bool clean = readOnly(decoy);
            for (const auto &c : step.commands)
                clean = clean && readOnly(c.run);
            // Back to the step's start: nothing changed (enter again), or a
            // clean store with the earlier steps replayed (the Retry button's way).
            if (clean)
                runner.enter(i, false);
            else
                QVERIFY2(runner.jumpTo(i), whyJumpFailed(runner, step).c_str());
        }
        // An interactive command's wrong keys (exit where it should detach):
        // typed instead of its input, some check must fail.
        for (const auto &keys : step.commands[k].decoyInputs) {
            runner.continueStep();
            while (runner.status().commandsDone < k && !runner.status().commandsComplete) {
                const Command *pending = runner.pendingStudentCommand();
                QVERIFY2(pending, (lesson.id + ": step " + step.id + ": an app command failed before a decoy input").c_str());
                (void)runner.submit(pending->run);
            }
            (void)runner.submitInput(keys);
            (void)runner.autoPlayStep();
            const auto checks = runner.evaluate();
            bool all = runner.status().commandsComplete;
            for (const auto &c : checks)
                all = all && c.holds;
            QVERIFY2(!all, (lesson.id + ": step " + step.id + ": decoy input for \"" + step.commands[k].run +
                            "\" passes every check").c_str());
            QVERIFY2(runner.jumpTo(i), whyJumpFailed(runner, step).c_str());
        }
    }
}

} // namespace

class TestLessonReplay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("lessons run containers: needs root (CI runs this suite as root)");
        QTemporaryDir probeRoot;
        strata::engine::EngineOptions o;
        o.root = probeRoot.path().toStdString();
        strata::engine::Engine probe(o);
        const auto info = probe.info();
        if (info.runtimeMode == "unsupported") {
            std::string why;
            for (const auto &n : info.runtimeNotes)
                why += n + "; ";
            QSKIP(qPrintable("the kernel refuses containers here: " + QString::fromStdString(why)));
        }
    }

    // Each lesson on both union drivers: the checks must read the same
    // container layer whether overlayfs or the userspace driver made it.
    void replay_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("driver");
        for (const auto &f : lessonFiles(kLessons))
            for (const char *driver : {"overlay", "userspace"})
                QTest::addRow("%s/%s", f.filename().c_str(), driver) << QString::fromStdString(f.string()) << driver;
    }

    void replay()
    {
        QFETCH(QString, file);
        QFETCH(QString, driver);
        const Lesson lesson = loadLesson(file.toStdString());
        QTemporaryDir dir;
        LessonRunner runner(lesson, RunnerOptions{fs::path(dir.path().toStdString()) / "root", {}, driver.toStdString(), {}, strata::engine::cli::commandRunner()});
        try {
            (void)runner.engine();
        } catch (const std::exception &e) {
            QSKIP(qPrintable("the " + driver + " driver is not available here: " + e.what()));
        }
        // A step that fails returns early: what it left running goes too.
        const auto clear = qScopeGuard([&] { (void)strata::test::clearStore(QString::fromStdString(runner.root().string())); });
        runner.reset(false); // step 0 entered, its commands not run yet
        for (std::size_t i = 0; i < runner.stepCount(); ++i) {
            if (i > 0)
                runner.enter(i, false);
            const Step &step = runner.currentStep();
            const auto before = runner.evaluate();
            for (std::size_t k = 0; k < before.size(); ++k)
                QVERIFY2(!before[k].holds, describe(lesson, step, k, before[k], "holds before the step's commands").c_str());
            // Decoys on one driver: what they prove does not depend on it.
            if (driver == QLatin1String("overlay")) {
                tryDecoys(runner, i);
                if (QTest::currentTestFailed())
                    return;
            }
            const bool passed = runner.autoPlayStep();
            const auto &st = runner.status();
            QVERIFY2(st.commandsComplete, (lesson.id + ": step " + step.id + ": a command did not exit as expected" +
                                           lastOutput(st)).c_str());
            for (std::size_t k = 0; k < st.checks.size(); ++k)
                QVERIFY2(st.checks[k].holds, (describe(lesson, step, k, st.checks[k], "fails after the commands") +
                                              lastOutput(st)).c_str());
            QVERIFY(passed);
        }
        // Reset leaves nothing behind: no container, a fresh store.
        runner.reset(false);
        QCOMPARE(runner.engine().containers(true).size(), std::size_t{0});
        QVERIFY(fs::is_directory(runner.workspace()));
        QVERIFY(strata::test::clearStore(QString::fromStdString(runner.root().string())));
    }

    // Piped like a student's session: an exploratory line before each step's
    // commands (it must neither count nor break the step), then Enter.
    void pipedRunWithExplorationCompletes_data()
    {
        QTest::addColumn<QString>("file");
        for (const auto &f : lessonFiles(kLessons))
            QTest::addRow("%s", f.filename().c_str()) << QString::fromStdString(f.string());
    }

    void pipedRunWithExplorationCompletes()
    {
        QFETCH(QString, file);
        const Lesson lesson = loadLesson(file.toStdString());
        std::string input;
        for (const auto &step : lesson.steps) {
            input += "version\nps -a\n";
            for (const auto &c : step.commands)
                if (c.by == By::Student)
                    input += c.run + "\n"; // ${vars} typed as written: the player expands them
            input += "\n";
        }
        QTemporaryDir dir;
        qputenv("STRATA_LESSONS_DIR", STRATA_TEST_LESSONS_DIR);
        const auto r = strata::test::runStrata({"lesson", "run", QString::number(lesson.number), "--lang", "en",
                                                "--root", dir.path() + "/root"},
                                               input, 300000);
        const std::string done = "Lesson " + std::to_string(lesson.number) + " complete";
        // What the lesson left running (06's web and box, 14's bridges on the
        // host) goes before its directory does: ps -a of its store ends empty.
        QVERIFY(strata::test::clearStore(dir.path() + "/root"));
        QVERIFY2(r.exitCode == 0 && r.out.find(done) != std::string::npos,
                 (lesson.id + ": exit " + std::to_string(r.exitCode) + "\n" + r.out.substr(r.out.size() > 3000 ? r.out.size() - 3000 : 0) + r.err).c_str());
        QVERIFY(r.out.find("exploration: not this step's command") != std::string::npos);
        // Input that ends before the lesson does: exit 1, naming where.
        QTemporaryDir dir2;
        const auto cut = strata::test::runStrata({"lesson", "run", QString::number(lesson.number), "--lang", "en",
                                                  "--root", dir2.path() + "/root"},
                                                 "version\n", 120000);
        QVERIFY(strata::test::clearStore(dir2.path() + "/root"));
        QCOMPARE(cut.exitCode, 1);
        QVERIFY2(cut.err.find("the input ended at step 1") != std::string::npos, cut.err.c_str());
    }

    void nextIsGatedByChecks()
    {
        const Lesson lesson = findLesson(kLessons, "1");
        QTemporaryDir dir;
        LessonRunner runner(lesson, RunnerOptions{fs::path(dir.path().toStdString()) / "root", {}, {}, {}, strata::engine::cli::commandRunner()});
        std::vector<std::string> events;
        RunnerCallbacks cb;
        cb.stepEntered = [&](std::size_t i, const Step &) { events.push_back("enter " + std::to_string(i)); };
        cb.studentPrompted = [&](const Command &c) { events.push_back("prompt " + c.run); };
        cb.commandFinished = [&](const CommandResult &r, By) { events.push_back("ran " + r.line); };
        cb.checksEvaluated = [&](const std::vector<CheckResult> &, bool all) {
            events.push_back(all ? "checks ok" : "checks not yet");
        };
        runner.setCallbacks(cb);
        runner.reset();
        QVERIFY(runner.pendingStudentCommand());
        QVERIFY(!runner.next()); // the student has not typed anything
        // A wrong command does not count; the step stays pending.
        const auto wrong = runner.submit("images --no-such-flag");
        QVERIFY(wrong.exitCode != 0);
        QVERIFY(runner.pendingStudentCommand());
        // "docker …" as pasted from the notes is accepted.
        runner.submit("docker images");
        QVERIFY(runner.status().passed());
        QVERIFY(runner.next());
        QCOMPARE(runner.currentIndex(), std::size_t{1});
        QVERIFY(runner.back());
        QCOMPARE(runner.currentIndex(), std::size_t{0});
        QVERIFY(runner.next(true));
        const std::vector<std::string> expectedStart{"enter 0", "prompt images"};
        QVERIFY(std::equal(expectedStart.begin(), expectedStart.end(), events.begin()));
        QVERIFY(std::find(events.begin(), events.end(), "checks ok") != events.end());
        // The lesson's store is its own, never the default one.
        QVERIFY(runner.root().string().starts_with(dir.path().toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestLessonReplay)
#include "tst_LessonReplay.moc"
