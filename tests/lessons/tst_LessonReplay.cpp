// SPDX-License-Identifier: GPL-3.0-or-later
// Every lesson file in lessons/ replayed headless on the real engine (a
// fresh root each), as `strata lesson run N --auto` plays it. Per step, each
// check must fail before the step's commands run and hold after them — the
// rule lessons/README.md asks authors to keep, and the proof that a check
// really looks at what the step changes.
#include "engine/Engine.h"
#include "engine/lesson/LessonLibrary.h"
#include "engine/lesson/LessonRunner.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <unistd.h>

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
        LessonRunner runner(lesson, RunnerOptions{fs::path(dir.path().toStdString()) / "root", {}, driver.toStdString()});
        try {
            (void)runner.engine();
        } catch (const std::exception &e) {
            QSKIP(qPrintable("the " + driver + " driver is not available here: " + e.what()));
        }
        runner.reset(false); // step 0 entered, its commands not run yet
        for (std::size_t i = 0; i < runner.stepCount(); ++i) {
            if (i > 0)
                runner.enter(i, false);
            const Step &step = runner.currentStep();
            const auto before = runner.evaluate();
            for (std::size_t k = 0; k < before.size(); ++k)
                QVERIFY2(!before[k].holds, describe(lesson, step, k, before[k], "holds before the step's commands").c_str());
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
    }

    void nextIsGatedByChecks()
    {
        const Lesson lesson = findLesson(kLessons, "1");
        QTemporaryDir dir;
        LessonRunner runner(lesson, RunnerOptions{fs::path(dir.path().toStdString()) / "root", {}, {}});
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
