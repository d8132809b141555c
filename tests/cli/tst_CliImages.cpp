// SPDX-License-Identifier: GPL-3.0-or-later
// The image verbs as a user meets them: the real `strata` binary on a fresh
// store root, output compared with what Docker prints.
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

using strata::test::RunResult;
using strata::test::runStrata;

class TestCliImages : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;

    RunResult strata(QStringList args, const std::string &in = {})
    {
        args.prepend(m_root.path());
        args.prepend(QStringLiteral("--root"));
        return runStrata(args, in);
    }

    QString out(const QStringList &args)
    {
        const RunResult r = strata(args);
        if (r.exitCode != 0)
            qWarning("strata %s: exit %d: %s", qPrintable(args.join(' ')), r.exitCode, r.err.c_str());
        return QString::fromStdString(r.out);
    }

private Q_SLOTS:
    void builtinImagesAppearOnFirstUse()
    {
        const QStringList lines = out({"images"}).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("REPOSITORY   "));
        QVERIFY(lines[0].contains("TAG") && lines[0].contains("IMAGE ID") && lines[0].contains("CREATED") &&
                lines[0].endsWith("SIZE"));
        QVERIFY(out({"images"}).contains("strata/busybox"));
        QVERIFY(out({"images"}).contains("strata/demo-web"));
        QVERIFY(QRegularExpression("^[0-9a-f]{12}$").match(out({"images", "-q", "strata/busybox"}).trimmed()).hasMatch());
    }

    void demoImageTreeShowsShadowingAndWhiteout()
    {
        const auto tree = nlohmann::json::parse(out({"image", "tree", "strata/demo-web:1.0", "--json"}).toStdString());
        QVERIFY(tree.is_array());
        std::map<std::string, nlohmann::json> byPath;
        std::string previous;
        for (const auto &e : tree) {
            const std::string path = e["path"];
            QVERIFY2(path < previous == false, "tree is not sorted by path");
            QVERIFY2(path.front() != '/', "paths are relative");
            previous = path;
            byPath[path] = e;
        }
        QCOMPARE(byPath.at("etc/web.conf")["layer"].get<int>(), 2);
        QCOMPARE(byPath.at("srv/www/index.html")["layer"].get<int>(), 1);
        QVERIFY(!byPath.count("etc/motd")); // deleted by layer 3
        QCOMPARE(QString::fromStdString(byPath.at("bin/busybox")["type"]), QStringLiteral("file"));
        QCOMPARE(QString::fromStdString(byPath.at("bin/busybox")["mode"]), QStringLiteral("0755"));
        QCOMPARE(QString::fromStdString(byPath.at("tmp")["mode"]), QStringLiteral("01777"));
        QCOMPARE(QString::fromStdString(byPath.at("bin/sh")["type"]), QStringLiteral("symlink"));
        QCOMPARE(QString::fromStdString(byPath.at("bin/sh")["target"]), QStringLiteral("/bin/busybox"));
        QCOMPARE(byPath.at("etc/web.conf")["sha256"].get<std::string>().size(), std::size_t{64});
    }

    void layersListChangesPerLayer()
    {
        const QString text = out({"image", "layers", "strata/demo-web:1.0"});
        QVERIFY(text.contains("A  /srv/www/index.html"));
        QVERIFY(text.contains("C  /etc/web.conf"));
        QVERIFY(text.contains("D  /etc/motd"));
        // One numbering everywhere: the bottom layer is L1 (the app, the charts, the lessons).
        QVERIFY(text.startsWith("L1  "));
        QVERIFY(text.contains("\nL3  "));
        QVERIFY(!text.contains("L0  "));
        const QString tree = out({"image", "tree", "strata/demo-web:1.0", "--all"});
        QVERIFY2(tree.contains(QRegularExpression("L3  /etc/web.conf\\s+\\(shadows L2\\)")), qPrintable(tree));
        QVERIFY(tree.contains(QRegularExpression("L2  \\(hidden\\) /etc/web.conf")));
        const auto layers = nlohmann::json::parse(out({"image", "layers", "strata/demo-web:1.0", "--json"}).toStdString());
        QCOMPARE(layers.size(), std::size_t{3});
    }

    void historyHasDockersColumnsAndMissingRows()
    {
        const QStringList lines = out({"history", "strata/demo-web:1.0"}).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith("IMAGE") && lines[0].contains("CREATED BY") && lines[0].endsWith("COMMENT"));
        QVERIFY(QRegularExpression("^[0-9a-f]{12} ").match(lines[1]).hasMatch());
        QVERIFY(lines[2].startsWith("<missing>"));
        QVERIFY(lines[1].contains("RUN sed"));
    }

    void inspectHasDockersKeys()
    {
        const auto j = nlohmann::json::parse(out({"image", "inspect", "strata/demo-web:1.0"}).toStdString());
        QVERIFY(j.is_array() && j.size() == 1);
        for (const char *key : {"Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created", "Config",
                                "Architecture", "Os", "Size", "GraphDriver", "RootFS"})
            QVERIFY2(j[0].contains(key), key);
        QCOMPARE(j[0]["RootFS"]["Layers"].size(), std::size_t{3});
        QCOMPARE(QString::fromStdString(j[0]["RootFS"]["Type"]), QStringLiteral("layers"));
        for (const char *key : {"LowerDir", "UpperDir", "MergedDir", "WorkDir"})
            QVERIFY2(j[0]["GraphDriver"]["Data"].contains(key), key);
        QCOMPARE(out({"inspect", "--format", "{{.Os}}", "strata/busybox"}).trimmed(), QStringLiteral("linux"));
    }

    void tagAndRmiPrintUntaggedThenDeleted()
    {
        QCOMPARE(strata({"tag", "strata/busybox", "mybox:1"}).exitCode, 0);
        QVERIFY(out({"images"}).contains("mybox"));
        // Another tag remains: only untagged.
        QCOMPARE(out({"rmi", "mybox:1"}), QStringLiteral("Untagged: mybox:1\n"));
        // demo-web shares its base layer: deleting it removes only its own layers.
        const QString removed = out({"rmi", "strata/demo-web:1.0"});
        QVERIFY(removed.startsWith("Untagged: strata/demo-web:1.0\n"));
        QVERIFY(removed.contains("Deleted: sha256:"));
        QVERIFY(out({"images"}).contains("strata/busybox"));
        QVERIFY(!out({"images"}).contains("demo-web"));
    }

    void errorsNameTheInputAndFail()
    {
        const RunResult missing = strata({"rmi", "no-such-image"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(QString::fromStdString(missing.err).contains("No such image: no-such-image"));
        const RunResult badRef = strata({"tag", "strata/busybox", "UPPER:case"});
        QVERIFY(badRef.exitCode != 0);
        QVERIFY(QString::fromStdString(badRef.err).contains("invalid reference format"));
        const RunResult badFilter = strata({"images", "-f", "colour=blue"});
        QVERIFY(badFilter.exitCode != 0);
        QVERIFY(QString::fromStdString(badFilter.err).contains("Invalid filter 'colour'"));
    }

    void danglingFilterAndFormat()
    {
        QCOMPARE(out({"images", "-f", "dangling=true", "-q"}), QString());
        const QString formatted = out({"images", "--format", "{{.Repository}}:{{.Tag}}", "strata/busybox"});
        QCOMPARE(formatted, QStringLiteral("strata/busybox:latest\n"));
        const QString table = out({"images", "--format", "table {{.ID}}\t{{.Repository}}", "strata/busybox"});
        QVERIFY(table.startsWith("IMAGE ID"));
    }
};

QTEST_GUILESS_MAIN(TestCliImages)
#include "tst_CliImages.moc"
