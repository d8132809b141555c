// SPDX-License-Identifier: GPL-3.0-or-later
// What a real Docker 20.10 printed for the same commands, replayed on the
// real `strata` binary (built once per union driver: STRATA_TEST_DRIVER):
//  - `diff` after tests/cli/data/diff-*.sh on the image make-diff-rootfs.sh
//    builds, against tests/cli/data/docker/diff-*.txt (recorded by
//    record-docker-oracle.sh). Docker's order within a directory follows a Go
//    map and changes from call to call, so the lines are compared as a set,
//    and strata's order is checked to be one Docker can print: every
//    directory before what lies under it, a directory's deletions last;
//  - the exit statuses of README's table "Exit status", row by row;
//  - an unknown verb or flag: what was typed, the nearest one, Docker's
//    exit status; also through runCli in process, as the app's console runs it.
// Needs root for containers; skips with the kernel's answer where they cannot run.
#include "engine/cli/RunCli.h"
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#ifndef STRATA_TEST_DRIVER
#error "build with STRATA_TEST_DRIVER=\"overlay\" or \"userspace\""
#endif

using strata::test::RunResult;
namespace stdfs = std::filesystem;

namespace {

const char *const kImage = "parity:1";

stdfs::path dataDir() { return strata::test::sourceDir() / "tests/cli/data"; }

std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (!l.empty())
            out.push_back(l);
    return out;
}

std::string joined(std::vector<std::string> v)
{
    std::string out;
    for (const auto &l : v)
        out += l + "\n";
    return out;
}

std::string sortedText(std::vector<std::string> v)
{
    std::sort(v.begin(), v.end());
    return joined(v);
}

std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

// Docker's orders, whatever its map did: a directory's line comes before
// anything under it, and within one directory the deleted entries come after
// the ones the container has. Returns "" or what breaks the rule.
std::string notADockerOrder(const std::vector<std::string> &diff)
{
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < diff.size(); ++i)
        at[diff[i].substr(2)] = i;
    for (std::size_t i = 0; i < diff.size(); ++i) {
        const std::string path = diff[i].substr(2);
        for (auto slash = path.rfind('/'); slash != 0 && slash != std::string::npos; slash = path.rfind('/', slash - 1)) {
            const auto parent = at.find(path.substr(0, slash));
            if (parent != at.end() && parent->second > i)
                return diff[i] + " comes before its directory's line";
        }
        if (diff[i][0] != 'D')
            continue;
        const std::string dir = path.substr(0, path.rfind('/') + 1);
        for (std::size_t j = i + 1; j < diff.size(); ++j) {
            const std::string other = diff[j].substr(2);
            if (diff[j][0] != 'D' && other.rfind(dir, 0) == 0 && other.find('/', dir.size()) == std::string::npos)
                return diff[i] + " comes before " + diff[j] + " of the same directory";
        }
    }
    return {};
}

} // namespace

class TestCliDockerParity : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QTemporaryDir m_host;
    bool m_canRun = false;
    std::string m_whyNot;

    RunResult strata(const QStringList &args)
    {
        return strata::test::runStrataOn(m_root.path(), QStringLiteral(STRATA_TEST_DRIVER), args);
    }

    bool skipUnlessContainersRun()
    {
        if (m_canRun)
            return true;
        QTest::qSkip(qPrintable(QStringLiteral("containers cannot run here (%1 driver): %2")
                                    .arg(STRATA_TEST_DRIVER, QString::fromStdString(m_whyNot))),
                     __FILE__, __LINE__);
        return false;
    }

    static std::string readData(const std::string &name) { return strata::test::readFile(dataDir() / name); }

    // README's "Exit status" table: the codes in its first column, and the
    // whole row for the message of a failure.
    static std::map<std::string, std::string> readmeExitTable()
    {
        const std::string readme = strata::test::readFile(strata::test::sourceDir() / "README.md");
        const auto begin = readme.find("<!-- exit-status-table -->");
        std::map<std::string, std::string> rows;
        if (begin == std::string::npos)
            return rows;
        std::istringstream in(readme.substr(begin));
        std::string l;
        std::getline(in, l);
        while (std::getline(in, l) && !l.empty()) {
            static const QRegularExpression row(QStringLiteral("^\\| `?([0-9N]+)`? \\|"));
            const auto m = row.match(QString::fromStdString(l));
            if (m.hasMatch())
                rows[m.captured(1).toStdString()] = l;
        }
        return rows;
    }

    // Runs `script` in a new container `name` (with `flags`) and compares its
    // `diff` with Docker's recorded lines.
    void compareDiff(const QString &name, const QStringList &flags, const std::string &script,
                     const std::string &dockerFile)
    {
        const RunResult run = strata(QStringList{"run", "--name", name} + flags +
                                     QStringList{kImage, "sh", "-c", QString::fromStdString(trimmed(readData(script)))});
        QVERIFY2(run.exitCode == 0, run.err.c_str());
        const RunResult diff = strata({"diff", name});
        QCOMPARE(diff.exitCode, 0);
        const auto got = lines(diff.out);
        QCOMPARE(sortedText(got), sortedText(lines(readData(dockerFile))));
        const std::string order = notADockerOrder(got);
        QVERIFY2(order.empty(), order.c_str());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid() && m_host.isValid());
        const std::string tar = (stdfs::path(m_host.path().toStdString()) / "rootfs.tar").string();
        const RunResult made = strata::test::runProgram(
            QStringLiteral("sh"), {QString::fromStdString((dataDir() / "make-diff-rootfs.sh").string()),
                                   QString::fromStdString(tar)});
        QVERIFY2(made.exitCode == 0, made.err.c_str());
        const RunResult imported = strata({"import", QString::fromStdString(tar), kImage});
        QVERIFY2(imported.exitCode == 0, imported.err.c_str());
        const RunResult probe = strata({"run", "--rm", kImage, "true"});
        m_canRun = probe.exitCode == 0;
        m_whyNot = trimmed(probe.err);
    }

    void diffListsWhatDockerListsAfterChanges()
    {
        if (skipUnlessContainersRun())
            compareDiff("changes", {}, "diff-changes.sh", "docker/diff-changes.txt");
    }

    void diffListsWhatDockerListsWithMounts()
    {
        if (skipUnlessContainersRun())
            compareDiff("mounts",
                        {"-v", "parity-vol:/data", "-v", "parity-vol2:/srv/www", "-v",
                         m_host.path() + "/host:/mnt/h/x", "--tmpfs", "/run/t"},
                        "diff-mounts.sh", "docker/diff-mounts.txt");
    }

    void missingImageSaysSoAsDockerDoes()
    {
        // Docker: the first line, then the pull's error; run exits 125, create 1.
        const RunResult run = strata({"run", "nosuch/image", "true"});
        QCOMPARE(run.exitCode, 125);
        const auto err = lines(run.err);
        QCOMPARE(err.size(), std::size_t{2});
        QCOMPARE(err[0], std::string("Unable to find image 'nosuch/image:latest' locally"));
        QVERIFY2(err[1].rfind("Error: ", 0) == 0 && err[1].find("nosuch/image") != std::string::npos, err[1].c_str());
        QVERIFY(run.out.empty());

        const RunResult create = strata({"create", "nosuch/image:2"});
        QCOMPARE(create.exitCode, 1);
        QCOMPARE(lines(create.err).front(), std::string("Unable to find image 'nosuch/image:2' locally"));
        QCOMPARE(strata({"ps", "-a", "-q", "-f", "ancestor=nosuch/image"}).out, std::string());
    }

    void exitStatusesFollowReadmesTable()
    {
        const auto table = readmeExitTable();
        QVERIFY2(!table.empty(), "README.md has no <!-- exit-status-table -->");
        // One or more commands per row of the table; every row must be walked.
        struct Case {
            QStringList args;
            int code;
            bool needsContainers;
        };
        const std::map<std::string, std::vector<Case>> cases = {
            {"0", {{{"run", "--rm", kImage, "true"}, 0, true}, {{"images", "-q", kImage}, 0, false}}},
            {"1",
             {{{"rm", "no-such-container"}, 1, false},
              {{"create", "nosuch/image"}, 1, false},
              {{"imagse"}, 1, false}}},
            {"125",
             {{{"run", "nosuch/image", "true"}, 125, false},
              {{"run", "-v", "rel:dir", kImage, "true"}, 125, false},
              {{"run", "--name", "twice", kImage, "true"}, 0, true}, // the name is now in use:
              {{"run", "--name", "twice", kImage, "true"}, 125, true},
              {{"run", "--bogus", kImage}, 125, false},
              {{"ps", "--bogus"}, 125, false}}},
            {"126", {{{"run", "--rm", kImage, "/etc/motd"}, 126, true}}},
            {"127", {{{"run", "--rm", kImage, "/no/such/command"}, 127, true}}},
            {"N", {{{"run", "--rm", kImage, "sh", "-c", "exit 3"}, 3, true}}},
        };
        std::set<std::string> rows, walked;
        for (const auto &[code, row] : table)
            rows.insert(code);
        for (const auto &[code, list] : cases)
            walked.insert(code);
        QCOMPARE(walked, rows);
        for (const auto &[code, list] : cases) {
            for (const auto &c : list) {
                if (c.needsContainers && !m_canRun)
                    continue; // said below
                const RunResult r = strata(c.args);
                QVERIFY2(r.exitCode == c.code, qPrintable(QStringLiteral("strata %1: exit %2, README row %3 says %4: %5")
                                                              .arg(c.args.join(' '))
                                                              .arg(r.exitCode)
                                                              .arg(QString::fromStdString(table.at(code)))
                                                              .arg(c.code)
                                                              .arg(QString::fromStdString(r.err))));
            }
        }
        skipUnlessContainersRun();
    }

    void unknownVerbNamesItAndSuggests()
    {
        const RunResult r = strata({"imagse"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, std::string("strata: 'imagse' is not a strata command. Did you mean 'images'?\n"
                                    "See 'strata --help'.\n"));
        const RunResult far = strata({"frobnicate"});
        QCOMPARE(far.exitCode, 1);
        QCOMPARE(far.err, std::string("strata: 'frobnicate' is not a strata command.\nSee 'strata --help'.\n"));
        const RunResult nested = strata({"volume", "lss"});
        QCOMPARE(nested.exitCode, 1);
        QCOMPARE(lines(nested.err).front(), std::string("strata: 'lss' is not a strata volume command. Did you mean 'ls'?"));
    }

    void unknownFlagNamesItAndSuggests()
    {
        const RunResult ps = strata({"ps", "--al"});
        QCOMPARE(ps.exitCode, 125);
        QCOMPARE(ps.err, std::string("unknown flag: --al\nDid you mean '--all'?\nSee 'strata ps --help'.\n"));
        const RunResult run = strata({"run", "--nmae", "x", kImage, "true"});
        QCOMPARE(run.exitCode, 125);
        QCOMPARE(lines(run.err)[1], std::string("Did you mean '--name'?"));
        const RunResult shorthand = strata({"images", "-x"});
        QCOMPARE(shorthand.exitCode, 125);
        QCOMPARE(lines(shorthand.err).front(), std::string("unknown shorthand flag: 'x' in -x"));
        // Flags after the image belong to the container's command.
        if (m_canRun)
            QCOMPARE(strata({"run", "--rm", kImage, "ls", "--bogus-is-ls's-problem"}).exitCode, 1);
    }

    void theConsoleSaysTheSame()
    {
        // The app's console calls runCli in process with its own streams.
        std::ostringstream out, err;
        strata::engine::cli::CliContext ctx(out, err);
        ctx.root = m_root.path().toStdString();
        QCOMPARE(strata::engine::cli::runCli(ctx, {"imagse"}), 1);
        QCOMPARE(err.str(), std::string("strata: 'imagse' is not a strata command. Did you mean 'images'?\n"
                                        "See 'strata --help'.\n"));
        QVERIFY(out.str().empty());
    }
};

QTEST_GUILESS_MAIN(TestCliDockerParity)
#include "tst_CliDockerParity.moc"
