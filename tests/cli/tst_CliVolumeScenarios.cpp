// SPDX-License-Identifier: GPL-3.0-or-later
// The notes' volume lessons typed as a student types them (the real
// `strata` binary, once per driver): `run -v`, `volume ls`, `inspect`'s
// Mounts, `rm -v`, and the classic surprise that `commit` leaves volume data
// out (and `diff` does not list it).
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <unistd.h>

#ifndef STRATA_TEST_DRIVER
#error "build with STRATA_TEST_DRIVER=\"overlay\" or \"userspace\""
#endif

using strata::test::RunResult;
using strata::test::runStrata;
namespace sfs = std::filesystem;

class TestCliVolumeScenarios : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QTemporaryDir m_host;

    RunResult strata(const QStringList &args, const std::string &in = {})
    {
        return strata::test::runStrataOn(m_root.path(), QStringLiteral(STRATA_TEST_DRIVER), args, in);
    }

    std::string ok(const QStringList &args)
    {
        const RunResult r = strata(args);
        if (r.exitCode != 0)
            qWarning("strata %s: exit %d: %s", qPrintable(args.join(' ')), r.exitCode, r.err.c_str());
        return r.out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: containers here run as root");
        if (!sfs::exists("/bin/busybox"))
            QSKIP("needs /bin/busybox (busybox-static) for the built-in image");
        const RunResult r = strata({"run", "--rm", "strata/busybox", "true"});
        if (r.exitCode != 0)
            QSKIP(qPrintable("containers cannot run here: " + QString::fromStdString(r.err)));
    }

    void bindMountFromTheNotes()
    {
        const QString test = m_host.path() + "/test";
        QCOMPARE(strata({"run", "-d", "--name", "centos1", "-v", test + ":/home", "strata/busybox", "sleep", "600"}).exitCode, 0);
        QCOMPARE(strata({"exec", "centos1", "sh", "-c", "echo hello > /home/test.java"}).exitCode, 0);
        QCOMPARE(strata::test::readFile(test.toStdString() + "/test.java"), std::string("hello\n"));
        strata::test::writeFile(test.toStdString() + "/fromhost", "edited on the host\n");
        QCOMPARE(ok({"exec", "centos1", "cat", "/home/fromhost"}), std::string("edited on the host\n"));

        const auto j = nlohmann::ordered_json::parse(ok({"inspect", "centos1"}));
        QCOMPARE(QString::fromStdString(j[0]["Mounts"].dump()),
                 QString(R"([{"Type":"bind","Source":"%1","Destination":"/home","Mode":"","RW":true,"Propagation":"rprivate"}])").arg(test));
        QCOMPARE(QString::fromStdString(j[0]["HostConfig"]["Binds"][0]), test + ":/home");
        QCOMPARE(ok({"inspect", "-f", "{{range .Mounts}}{{.Type}} {{.Source}} -> {{.Destination}}{{end}}", "centos1"}),
                 (QString("bind %1 -> /home\n").arg(test)).toStdString());
        QCOMPARE(strata({"rm", "-f", "centos1"}).exitCode, 0);
    }

    void namedAndAnonymousVolumesInVolumeLs()
    {
        QCOMPARE(strata({"run", "-d", "--name", "nginx01", "-v", "/etc/nginx", "-v", "juming-nginx:/srv",
                         "strata/busybox", "sleep", "600"}).exitCode, 0);
        const QStringList lines = QString::fromStdString(ok({"volume", "ls"})).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QString("DRIVER    VOLUME NAME"));
        bool anonymous = false, named = false;
        for (const auto &l : lines.mid(1)) {
            anonymous = anonymous || QRegularExpression("^local     [0-9a-f]{64}$").match(l).hasMatch();
            named = named || l == "local     juming-nginx";
        }
        QVERIFY2(anonymous && named, qPrintable(lines.join('\n')));
        const RunResult rm = strata({"volume", "rm", "juming-nginx"});
        QCOMPARE(rm.exitCode, 1);
        QVERIFY2(rm.err.find("remove juming-nginx: volume is in use - [") != std::string::npos, rm.err.c_str());

        QCOMPARE(strata({"rm", "-f", "-v", "nginx01"}).exitCode, 0);
        QCOMPARE(ok({"volume", "ls", "-q"}), std::string("juming-nginx\n")); // -v took only the anonymous one
        QCOMPARE(strata({"volume", "rm", "juming-nginx"}).exitCode, 0);
    }

    void commitLeavesVolumeDataOut()
    {
        QCOMPARE(strata({"run", "--name", "writer", "-v", "/data", "-v", "keep:/keep", "strata/busybox", "sh", "-c",
                         "echo secret > /data/in-volume; echo kept > /keep/f; echo layer > /in-layer"}).exitCode, 0);
        const std::string diff = ok({"diff", "writer"});
        QVERIFY2(diff.find("A /in-layer") != std::string::npos, diff.c_str());
        QVERIFY2(diff.find("/data/in-volume") == std::string::npos, diff.c_str());
        QVERIFY2(diff.find("/keep/f") == std::string::npos, diff.c_str());
        QCOMPARE(strata({"commit", "writer", "snap:1"}).exitCode, 0);
        int code = -1;
        {
            const RunResult r = strata({"run", "--rm", "snap:1", "sh", "-c", "cat /in-layer; test -e /data/in-volume"});
            code = r.exitCode;
            QCOMPARE(r.out, std::string("layer\n"));
        }
        QCOMPARE(code, 1); // the image has /in-layer, not the volume's file
        QCOMPARE(strata({"rm", "-v", "writer"}).exitCode, 0);
    }

    // Dockerfile VOLUME: each run gets a fresh anonymous volume holding the
    // image's content at that path (copy-up).
    void imageVolumeBecomesAnonymousVolumeWithImageContent()
    {
        QCOMPARE(strata({"create", "--name", "base", "strata/demo-web:1.0"}).exitCode, 0);
        QCOMPARE(strata({"commit", "-c", "VOLUME [\"/srv/www\"]", "base", "web:vol"}).exitCode, 0);
        const std::string before = ok({"volume", "ls", "-q"});
        QCOMPARE(ok({"run", "--name", "wv", "web:vol", "ls", "/srv/www"}), std::string("index.html\n"));
        const auto j = nlohmann::ordered_json::parse(ok({"inspect", "wv"}));
        QVERIFY2(j[0]["Config"]["Volumes"].contains("/srv/www"), j[0]["Config"].dump().c_str());
        const auto &m = j[0]["Mounts"][0];
        QCOMPARE(QString::fromStdString(m["Destination"]), QString("/srv/www"));
        QVERIFY(QRegularExpression("^[0-9a-f]{64}$").match(QString::fromStdString(m["Name"])).hasMatch());
        QVERIFY(sfs::is_regular_file(std::string(m["Source"]) + "/index.html"));
        QVERIFY(ok({"volume", "ls", "-q"}).size() == before.size() + 65);
        QCOMPARE(strata({"rm", "-v", "wv", "base"}).exitCode, 0);
        QCOMPARE(ok({"volume", "ls", "-q"}), before);
    }

    void badInputCreatesNothing()
    {
        const std::string before = ok({"ps", "-aq"}) + ok({"volume", "ls", "-q"});
        const QString missing = m_host.path() + "/missing";
        RunResult r = strata({"run", "--mount", "type=bind,source=" + missing + ",target=/x", "-v", "newvol:/y",
                              "strata/busybox", "true"});
        QCOMPARE(r.exitCode, 125);
        QCOMPARE(QString::fromStdString(r.err).trimmed(),
                 "Error: invalid mount config for type \"bind\": bind source path does not exist: " + missing);
        r = strata({"create", "-v", "relative/dir:/x", "strata/busybox"});
        QCOMPARE(r.exitCode, 125);
        r = strata({"create", "-v", "/abs:rel", "strata/busybox"});
        QCOMPARE(r.exitCode, 125);
        QVERIFY2(r.err.find("invalid mount path: 'rel' mount path must be absolute") != std::string::npos, r.err.c_str());
        r = strata({"create", "--mount", "type=volume,src=v,dst=/x,volume-driver=nfs", "strata/busybox"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.find("plugin \"nfs\" not found") != std::string::npos, r.err.c_str());
        QCOMPARE(ok({"ps", "-aq"}) + ok({"volume", "ls", "-q"}), before);
        QVERIFY(!sfs::exists(missing.toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestCliVolumeScenarios)
#include "tst_CliVolumeScenarios.moc"
