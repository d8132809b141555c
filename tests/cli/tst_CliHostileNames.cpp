// SPDX-License-Identifier: GPL-3.0-or-later
// File names that are not UTF-8 (issue 14, item 6): an image whose layer
// holds one loads, and `image tree`, `image layers`, `history` and `inspect`
// work on it; a container that creates $'\xff'name leaves `diff`, `ps` and
// `ps -s` working for the whole store; `export`, `commit` and a `save` /
// `load` round trip keep the bytes. Text output shows such bytes as U+FFFD
// and JSON as \ufffd, as Docker's CLI prints what its daemon's JSON carried.
// Built once per union driver (STRATA_TEST_DRIVER).
// TestSupport.h first: moc cannot parse the file the other way round.
#include "tests/support/TestSupport.h"
#include "tests/support/ImageFixtures.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#ifndef STRATA_TEST_DRIVER
#error "build with STRATA_TEST_DRIVER=\"overlay\" or \"userspace\""
#endif

using strata::test::RunResult;
namespace stdfs = std::filesystem;

namespace {

const std::string kRaw = "raw-\xff\xfe";          // a file name that is not UTF-8
const std::string kRawDir = "dir\xff";            // a directory name that is not UTF-8
const std::string kShown = "raw-\xef\xbf\xbd\xef\xbf\xbd"; // how text output prints kRaw (two U+FFFD)
const std::string kCreated = "\xffname";          // what the container creates

bool hasName(const std::vector<strata::test::TarListing> &entries, const std::string &name)
{
    return std::any_of(entries.begin(), entries.end(), [&](const auto &e) {
        std::string n = e.name;
        while (!n.empty() && n.back() == '/')
            n.pop_back();
        if (n.starts_with("./"))
            n.erase(0, 2);
        return n == name;
    });
}

} // namespace

class TestCliHostileNames : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QTemporaryDir m_host;

    RunResult strata(const QStringList &args, const std::string &in = {})
    {
        return strata::test::runStrataOn(m_root.path(), QStringLiteral(STRATA_TEST_DRIVER), args, in);
    }
    RunResult ok(const QStringList &args)
    {
        const RunResult r = strata(args);
        if (r.exitCode != 0)
            qWarning("strata %s: exit %d: %s", qPrintable(args.join(' ')), r.exitCode, r.err.c_str());
        return r;
    }
    [[nodiscard]] stdfs::path host(const std::string &name) const
    {
        return stdfs::path(m_host.path().toStdString()) / name;
    }

private Q_SLOTS:
    void initTestCase()
    {
        using namespace strata::test;
        const FixtureLayer layer = makeLayer(
            TarBuilder().file(kRaw, "bytes").dir(kRawDir).file(kRawDir + "/inner", "x").symlink("link", kRaw));
        const FixtureImage image = makeImage({layer}, {"hostile/names:1"});
        writeFile(host("names.tar"), dockerArchiveFiles({image}).tar());
        const RunResult r = ok({"load", "-i", QString::fromStdString(host("names.tar").string())});
        QCOMPARE(r.exitCode, 0);
    }

    void imageVerbsShowTheName()
    {
        RunResult r = ok({"image", "tree", "hostile/names:1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.find("/" + kShown + "\n") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("link -> " + kShown) != std::string::npos, r.out.c_str());

        r = ok({"image", "tree", "--json", "hostile/names:1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.find("\"raw-\\ufffd\\ufffd\"") != std::string::npos, r.out.c_str());
        QVERIFY(!nlohmann::json::parse(r.out, nullptr, false).is_discarded());

        QCOMPARE(ok({"image", "layers", "hostile/names:1"}).exitCode, 0);
        QCOMPARE(ok({"image", "layers", "--json", "hostile/names:1"}).exitCode, 0);
        QCOMPARE(ok({"history", "hostile/names:1"}).exitCode, 0);
        r = ok({"inspect", "hostile/names:1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!nlohmann::json::parse(r.out, nullptr, false).is_discarded());
        QCOMPARE(ok({"images"}).exitCode, 0);
    }

    void saveAndLoadKeepTheBytes()
    {
        const std::string saved = host("saved.tar").string();
        QCOMPARE(ok({"save", "-o", QString::fromStdString(saved), "hostile/names:1"}).exitCode, 0);
        // The layer inside the archive holds the name byte for byte.
        bool found = false;
        for (const auto &e : strata::test::listArchive(strata::test::readFile(saved)))
            if (e.name.ends_with(".tar") || e.name.starts_with("blobs/"))
                found = found || (e.size > 0 && [&] {
                                try {
                                    return hasName(strata::test::listArchive(e.data), kRaw) &&
                                           hasName(strata::test::listArchive(e.data), kRawDir + "/inner");
                                } catch (const std::exception &) {
                                    return false; // a config or manifest
                                }
                            }());
        QVERIFY2(found, "no layer of the saved archive holds the raw name");
        QCOMPARE(ok({"rmi", "hostile/names:1"}).exitCode, 0);
        QCOMPARE(ok({"load", "-i", QString::fromStdString(saved)}).exitCode, 0);
        const RunResult r = ok({"image", "tree", "--json", "hostile/names:1"});
        QVERIFY2(r.out.find("\"dir\\ufffd/inner\"") != std::string::npos, r.out.c_str());
    }

    // Names in pax records as Go's archive/tar writes them (no hdrcharset):
    // decomposed UTF-8 and bytes that are not UTF-8 keep their bytes from
    // `load` through the container, `diff`, `export` and `save` (the saved
    // layer is the loaded one: same diff id).
    void goPaxNamesKeepTheirBytesEverywhere()
    {
        using namespace strata::test;
        const std::string nfd = "cafe\xcc\x81", nfc = "caf\xc3\xa9", raw = "pax-\xfe\xff";
        FixtureLayer layer = makeLayer(TarBuilder().file("placeholder"));
        layer.tar = goStylePaxTar({{nfd, "nfd", ""}, {raw, "raw", ""}, {"link-" + nfd, "", nfd}});
        layer.blob = layer.tar;
        const FixtureImage image = makeImage({layer}, {"hostile/pax:1"});
        writeFile(host("pax.tar"), dockerArchiveFiles({image}).tar());
        QCOMPARE(ok({"load", "-i", QString::fromStdString(host("pax.tar").string())}).exitCode, 0);
        const auto layers = nlohmann::json::parse(ok({"inspect", "hostile/pax:1"}).out)[0]["RootFS"]["Layers"];
        QCOMPARE(layers.at(0).get<std::string>(), layer.diffId().str());

        // The image is only the pax layer: the host's static busybox is bound in to look at it.
        const RunResult ls = strata({"run", "--name", "paxc", "-v", "/bin/busybox:/busybox:ro", "hostile/pax:1",
                                     "/busybox", "sh", "-c",
                                     "B=/busybox; N=$($B printf 'cafe\\314\\201'); for f in /*; do echo \"$f\"; done && $B cat \"/link-$N\" && "
                                     "echo more >> \"/$N\" && $B touch \"/new-$N\""});
        if (ls.exitCode != 0) {
            const RunResult probe = strata({"run", "--rm", "strata/busybox", "true"});
            if (probe.exitCode != 0)
                QSKIP(qPrintable(QStringLiteral("containers cannot run here (%1 driver): %2")
                                     .arg(STRATA_TEST_DRIVER, QString::fromStdString(probe.err).trimmed())));
            QFAIL(ls.err.c_str());
        }
        QVERIFY2(ls.out.find("/" + nfd + "\n") != std::string::npos, ls.out.c_str()); // the shell's glob: raw bytes
        QVERIFY2(ls.out.find("/" + raw + "\n") != std::string::npos, ls.out.c_str());
        QVERIFY2(ls.out.find("nfd") != std::string::npos, ls.out.c_str()); // the link's target, by its NFD name
        QVERIFY2(ls.out.find(nfc) == std::string::npos, ls.out.c_str());

        const RunResult diff = ok({"diff", "paxc"});
        QVERIFY2(diff.out.find("C /" + nfd + "\n") != std::string::npos, diff.out.c_str());
        QVERIFY2(diff.out.find("A /new-" + nfd + "\n") != std::string::npos, diff.out.c_str());
        QVERIFY2(diff.out.find(nfc) == std::string::npos, diff.out.c_str());

        // Archives written from here hold the bytes (pax records, written unnormalised).
        QCOMPARE(ok({"export", "-o", QString::fromStdString(host("pax-export.tar").string()), "paxc"}).exitCode, 0);
        QCOMPARE(ok({"save", "-o", QString::fromStdString(host("pax-saved.tar").string()), "hostile/pax:1"}).exitCode, 0);
        for (const char *file : {"pax-export.tar", "pax-saved.tar"}) {
            const std::string bytes = readFile(host(file));
            QVERIFY2(bytes.find(nfd) != std::string::npos, file);
            QVERIFY2(bytes.find(raw) != std::string::npos, file);
            QVERIFY2(bytes.find(nfc) == std::string::npos, file);
        }
        QVERIFY(readFile(host("pax-saved.tar")).find(layer.tar) != std::string::npos); // the layer, byte for byte
        QCOMPARE(ok({"rm", "paxc"}).exitCode, 0);
    }

    void containerCreatingSuchANameBreaksNothing()
    {
        const RunResult run = strata({"run", "--name", "maker", "strata/busybox", "sh", "-c",
                                      "touch \"$(printf '\\377name')\" && mkdir \"$(printf 'd\\377')\""});
        if (run.exitCode != 0)
            QSKIP(qPrintable(QStringLiteral("containers cannot run here (%1 driver): %2")
                                 .arg(STRATA_TEST_DRIVER, QString::fromStdString(run.err).trimmed())));
        RunResult r = ok({"diff", "maker"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.find("A /\xef\xbf\xbdname\n") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("A /d\xef\xbf\xbd\n") != std::string::npos, r.out.c_str());

        for (const QStringList &args : {QStringList{"ps", "-a"}, QStringList{"ps", "-a", "-s"},
                                        QStringList{"ps", "-a", "--format", "{{json .}}"}}) {
            r = ok(args);
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.find("maker") != std::string::npos, r.out.c_str());
        }
        r = ok({"inspect", "maker"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!nlohmann::json::parse(r.out, nullptr, false).is_discarded());

        const std::string exported = host("export.tar").string();
        QCOMPARE(ok({"export", "-o", QString::fromStdString(exported), "maker"}).exitCode, 0);
        QVERIFY(hasName(strata::test::listArchive(strata::test::readFile(exported)), kCreated));

        QCOMPARE(ok({"commit", "maker", "hostile/made:1"}).exitCode, 0);
        r = ok({"image", "tree", "--json", "hostile/made:1"});
        QVERIFY2(r.out.find("\"\\ufffdname\"") != std::string::npos, r.out.c_str());
        // The committed layer keeps the byte: a new container finds the file by its real name.
        r = ok({"run", "--rm", "hostile/made:1", "sh", "-c", "test -f \"$(printf '\\377name')\" && echo found"});
        QCOMPARE(QString::fromStdString(r.out), QStringLiteral("found\n"));
        QCOMPARE(ok({"rm", "maker"}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliHostileNames)
#include "tst_CliHostileNames.moc"
