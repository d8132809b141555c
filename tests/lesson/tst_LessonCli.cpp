// SPDX-License-Identifier: GPL-3.0-or-later
// `strata lesson list|check|run` through the real binary.
#include "tests/support/TestSupport.h"

#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <unistd.h>

using strata::test::RunResult;
using strata::test::runStrata;

class TestLessonCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("STRATA_LESSONS_DIR", STRATA_TEST_LESSONS_DIR); }

    void listsLessonsInBothLanguages()
    {
        RunResult r = runStrata({"lesson", "list", "--lang", "zh_CN"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.find("01  what-is-an-image") != std::string::npos, r.out.c_str());
        QVERIFY(r.out.find("镜像是什么") != std::string::npos);
        QVERIFY(r.out.find("04  copy-on-write") != std::string::npos);
        r = runStrata({"lesson", "list", "--lang", "en"});
        QVERIFY(r.out.find("Copy-on-write") != std::string::npos);
        QCOMPARE(runStrata({"lesson", "list", "--lang", "fr"}).exitCode, 125);
    }

    void checkValidatesFiles()
    {
        const QString dir = STRATA_TEST_LESSONS_DIR;
        RunResult r = runStrata({"lesson", "check", dir + "/01-what-is-an-image.json", dir + "/04-copy-on-write.json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.find("01-what-is-an-image.json: ok") != std::string::npos, r.out.c_str());

        QTemporaryDir tmp;
        const std::string broken = R"({"number": 9, "id": "broken", "title": {"zh_CN": "", "en": "x"}})";
        strata::test::writeFile(tmp.path().toStdString() + "/09-broken.json", broken);
        r = runStrata({"lesson", "check", tmp.path() + "/09-broken.json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.find("/title/zh_CN: must not be empty") != std::string::npos, r.err.c_str());
        QVERIFY(r.err.find("missing required property \"steps\"") != std::string::npos);
    }

    void unknownLessonIsNamed()
    {
        const RunResult r = runStrata({"lesson", "run", "99"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.find("no lesson \"99\"") != std::string::npos, r.err.c_str());
    }

    // Lesson 1 uses image commands only: no root needed.
    void autoPlaysLessonOne()
    {
        QTemporaryDir tmp;
        const RunResult r = runStrata({"lesson", "run", "1", "--auto", "--lang", "en", "--root", tmp.path() + "/l1"});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).c_str());
        QVERIFY(r.out.find("$ strata history strata/demo-web:1.0") != std::string::npos);
        QVERIFY(r.out.find("✔ lesson what-is-an-image: 7 steps and 1 exercises passed") != std::string::npos);
        QVERIFY2(r.out.find("images (镜像)") != std::string::npos, r.out.c_str()); // glossary link rendered
    }

    void interactiveRunAsksAndGatesNext()
    {
        QTemporaryDir tmp;
        // '?' shows the hint, a wrong line does not count, the right one does;
        // Enter moves on; 'q' quits.
        const std::string input = "?\nimages --bogus\nimages\n\nq\n";
        const RunResult r = runStrata({"lesson", "run", "1", "--lang", "en", "--root", tmp.path() + "/l1"}, input);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.find("💡 Type images") != std::string::npos, r.out.c_str());
        QVERIFY(r.out.find("✔ the command's output contains \"strata/demo-web\"") != std::string::npos);
        QVERIFY(r.out.find("Step 2/7") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestLessonCli)
#include "tst_LessonCli.moc"
