// SPDX-License-Identifier: GPL-3.0-or-later
// `strata volume ...` as a user meets it: the real binary on a fresh root,
// output shaped like Docker's.
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

using strata::test::RunResult;
using strata::test::runStrata;

class TestCliVolumes : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;

    RunResult strata(QStringList args, const std::string &in = {})
    {
        args.prepend(m_root.path());
        args.prepend(QStringLiteral("--root"));
        return runStrata(args, in);
    }

private Q_SLOTS:
    void createListInspectRemove()
    {
        RunResult r = strata({"volume", "create", "juming-nginx", "--label", "course=docker"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, std::string("juming-nginx\n"));
        r = strata({"volume", "create"});
        QCOMPARE(r.exitCode, 0);
        const QString anon = QString::fromStdString(r.out).trimmed();
        QVERIFY(QRegularExpression("^[0-9a-f]{64}$").match(anon).hasMatch());

        r = strata({"volume", "ls"});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = QString::fromStdString(r.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QString("DRIVER    VOLUME NAME"));
        QCOMPARE(lines[1], "local     " + anon);
        QCOMPARE(lines[2], QString("local     juming-nginx"));

        QCOMPARE(strata({"volume", "ls", "-q", "-f", "name=juming"}).out, std::string("juming-nginx\n"));
        QCOMPARE(strata({"volume", "ls", "-q", "-f", "label=course=docker"}).out, std::string("juming-nginx\n"));
        QCOMPARE(strata({"volume", "ls", "-q", "-f", "dangling=true"}).out.size(), std::size_t{64 + 1 + 13});
        QCOMPARE(strata({"volume", "ls", "--format", "{{.Name}}:{{.Driver}}:{{.Labels}}", "-f", "name=nginx"}).out,
                 std::string("juming-nginx:local:course=docker\n"));

        r = strata({"volume", "inspect", "juming-nginx"});
        QCOMPARE(r.exitCode, 0);
        const auto j = nlohmann::json::parse(r.out);
        QVERIFY(j.is_array() && j.size() == 1);
        QCOMPARE(QString::fromStdString(j[0]["Mountpoint"]), m_root.path() + "/volumes/juming-nginx/_data");
        QCOMPARE(QString::fromStdString(j[0]["Labels"]["course"]), QString("docker"));
        QVERIFY(r.out.find("    {\n        \"CreatedAt\": ") != std::string::npos); // Docker's indentation
        QCOMPARE(strata({"volume", "inspect", "-f", "{{.Driver}} {{.Scope}}", "juming-nginx"}).out,
                 std::string("local local\n"));

        // plain `inspect` finds volumes too, after containers and images
        QCOMPARE(strata({"inspect", "-f", "{{.Mountpoint}}", "juming-nginx"}).out,
                 (m_root.path() + "/volumes/juming-nginx/_data\n").toStdString());
        r = strata({"inspect", "nope-at-all"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, std::string("Error: No such object: nope-at-all\n"));

        r = strata({"volume", "inspect", "nope"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, std::string("Error: No such volume: nope\n"));

        r = strata({"volume", "rm", "juming-nginx"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, std::string("juming-nginx\n"));
        QCOMPARE(strata({"volume", "rm", "-f", "juming-nginx"}).exitCode, 0);
        QCOMPARE(strata({"volume", "rm", "juming-nginx"}).exitCode, 1);

        r = strata({"volume", "prune"}, "n\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY(strata({"volume", "ls", "-q"}).out.size() > 0);
        r = strata({"volume", "prune", "-f"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, "Deleted Volumes:\n" + anon.toStdString() + "\n\nTotal reclaimed space: 0B\n");
        QCOMPARE(strata({"volume", "ls", "-q"}).out, std::string());
    }

    void badInputCreatesNothing()
    {
        RunResult r = strata({"volume", "create", "./foo"});
        QCOMPARE(r.exitCode, 125);
        QVERIFY2(r.err.find("includes invalid characters for a local volume name") != std::string::npos, r.err.c_str());
        r = strata({"volume", "create", "-d", "nfs", "x1"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, std::string("Error: error looking up volume plugin nfs: plugin \"nfs\" not found\n"));
        r = strata({"volume", "ls", "-f", "colour=red"});
        QCOMPARE(r.exitCode, 125);
        QCOMPARE(strata({"volume", "ls", "-q"}).out, std::string());
    }
};

QTEST_GUILESS_MAIN(TestCliVolumes)
#include "tst_CliVolumes.moc"
