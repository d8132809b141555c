// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Error.h"
#include "engine/util/BackgroundSha256.h"
#include "engine/util/Digest.h"
#include "engine/util/Fs.h"
#include "engine/util/JsonDepth.h"
#include "engine/util/Sha256Portable.h"
#include "engine/util/Utf8.h"
#include "engine/image/OciTypes.h"
#include "engine/util/Time.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace strata::engine;

class TestUtil : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void digestParsing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("Good") << "sha256:" + QString(64, 'a') << true;
        QTest::newRow("Uppercase") << "sha256:" + QString(64, 'A') << false;
        QTest::newRow("Short") << "sha256:" + QString(63, 'a') << false;
        QTest::newRow("NoAlgorithm") << QString(64, 'a') << false;
        QTest::newRow("OtherAlgorithm") << "sha512:" + QString(64, 'a') << false;
        QTest::newRow("Empty") << QString() << false;
    }
    void digestParsing()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(Digest::isValid(text.toStdString()), valid);
        if (!valid)
            QVERIFY_THROWS_EXCEPTION(Error, Digest::parse(text.toStdString()));
    }

    void sha256MatchesKnownVector()
    {
        QCOMPARE(QString::fromStdString(Digest::ofBytes("").hex()),
                 QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        Sha256 h;
        h.update("ab");
        h.update("c");
        QCOMPARE(QString::fromStdString(h.finish().hex()),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    // The library-free SHA-256 (small inputs of short commands) gives
    // OpenSSL's answer at every length around the padding's block edges, and
    // FIPS 180-4's examples.
    void portableSha256MatchesOpenSsl()
    {
        const auto hexOf = [](const std::array<std::uint8_t, 32> &sum) {
            std::string hex;
            for (const auto b : sum) {
                hex += "0123456789abcdef"[b >> 4];
                hex += "0123456789abcdef"[b & 15];
            }
            return hex;
        };
        QCOMPARE(hexOf(sha256Portable("abc", 3)),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        const std::string twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        QCOMPARE(hexOf(sha256Portable(twoBlocks.data(), twoBlocks.size())),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        std::string bytes;
        for (std::size_t size = 0; size <= 300; ++size) {
            Sha256 openssl;
            openssl.update(bytes);
            QCOMPARE(hexOf(sha256Portable(bytes.data(), bytes.size())), openssl.finish().hex());
            bytes.push_back(static_cast<char>(size * 7 + 1));
        }
        const std::string million(1000000, 'a');
        QCOMPARE(hexOf(sha256Portable(million.data(), million.size())),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    // The threaded hash gives the digest of the bytes in order, across the
    // switch from hashing inline to the thread, and lets a buffer be reused
    // once waitHashed says its bytes are hashed.
    void backgroundSha256MatchesOnePass()
    {
        std::string all;
        BackgroundSha256 hash;
        std::vector<char> buffer(300 * 1024);
        std::uint64_t ticket = 0;
        for (int round = 0; round < 20; ++round) {
            hash.waitHashed(ticket); // the buffer is ours again
            for (std::size_t i = 0; i < buffer.size(); ++i)
                buffer[i] = static_cast<char>((i * 7 + static_cast<std::size_t>(round) * 13) & 0xff);
            const std::size_t size = buffer.size() - static_cast<std::size_t>(round) * 1000;
            ticket = hash.update(buffer.data(), size);
            all.append(buffer.data(), size);
        }
        QCOMPARE(hash.bytes(), all.size());
        hash.waitHashed(ticket);
        QVERIFY(hash.hashed(ticket)); // what RawInput asks before it reuses a buffer
        QCOMPARE(hash.finish().str(), Digest::ofBytes(all).str());

        BackgroundSha256 small; // never starts a thread, same answer
        QVERIFY(small.hashed(small.update("abc", 3))); // hashed inline, at once
        QCOMPARE(small.finish().str(), Digest::ofBytes("abc").str());

        BackgroundSha256 abandoned; // destroyed mid-stream without finish()
        abandoned.update(buffer.data(), buffer.size());
        for (int i = 0; i < 8; ++i)
            abandoned.update(buffer.data(), buffer.size());
    }

    void rfc3339_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("Zulu") << "2024-06-01T00:00:00Z" << "2024-06-01T00:00:00Z";
        QTest::newRow("Nanos") << "2024-06-01T00:00:00.123456789Z" << "2024-06-01T00:00:00.123456789Z";
        QTest::newRow("TrailingZerosTrimmed") << "2024-06-01T00:00:00.500Z" << "2024-06-01T00:00:00.5Z";
        QTest::newRow("Offset") << "2024-06-01T02:00:00+02:00" << "2024-06-01T00:00:00Z";
    }
    void rfc3339()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        auto t = timeutil::parseRfc3339(in.toStdString());
        QVERIFY(t);
        QCOMPARE(QString::fromStdString(timeutil::formatRfc3339Nano(*t)), out);
    }

    void atomicWriteReplacesWholeFiles()
    {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        fsutil::writeFileAtomic(dir / "f", "one");
        fsutil::writeFileAtomic(dir / "f", "two");
        QCOMPARE(fsutil::readFile(dir / "f"), std::string("two"));
        QCOMPARE(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
    }

    // writeFileReplace swaps the new file in for an existing one (RENAME_EXCHANGE)
    // and drops the old: one file left, the new bytes, in a separate tmp dir too.
    void replaceWriteLeavesOnlyTheNewFile()
    {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        std::filesystem::create_directory(dir / "tmp");
        fsutil::writeFileReplace(dir / "f", "one");
        fsutil::writeFileReplace(dir / "f", "two");
        fsutil::writeFileReplace(dir / "f", "three", dir / "tmp");
        QCOMPARE(fsutil::readFile(dir / "f"), std::string("three"));
        QCOMPARE(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 2);
        QVERIFY(std::filesystem::is_empty(dir / "tmp"));
    }

    void removeTreeHandlesReadOnlyDirectories()
    {
        QTemporaryDir tmp;
        const std::filesystem::path dir = std::filesystem::path(tmp.path().toStdString()) / "t";
        strata::test::writeFile(dir / "ro" / "file", "x");
        std::filesystem::permissions(dir / "ro", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
        fsutil::removeTree(dir);
        QVERIFY(!std::filesystem::exists(dir));
    }
    void jsonDepthCountsOnlyStructure()
    {
        QCOMPARE(util::jsonDepth("1"), std::size_t(0));
        QCOMPARE(util::jsonDepth("{\"a\": [1, {\"b\": []}]}"), std::size_t(4));
        QCOMPARE(util::jsonDepth("[\"[[[[\", \"\\\"{{{{\"]"), std::size_t(1)); // brackets in strings do not count
        QCOMPARE(util::jsonDepth(std::string(600, '['), 512), std::size_t(513)); // stops counting past the limit
        QVERIFY(util::jsonDepthWithin(std::string(512, '[') + std::string(512, ']')));
        QVERIFY(!util::jsonDepthWithin(std::string(513, '[') + std::string(513, ']')));
    }

    // Every untrusted document (here an image manifest) meets the bound before the parser.
    void deepJsonIsRefusedBeforeParsing()
    {
        const std::string deep = "{\"schemaVersion\": 2, \"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
        try {
            (void)image::Manifest::parse(deep, "manifest.json");
            QFAIL("a manifest nested 100000 deep was parsed");
        } catch (const Error &e) {
            QCOMPARE(int(e.code()), int(ErrorCode::InvalidArchive));
            QCOMPARE(QString(e.what()), QString("manifest.json: JSON nested deeper than 512 levels"));
        }
        QVERIFY(util::parseJsonOrDiscarded(std::string(1000, '[') + std::string(1000, ']')).is_discarded());
        QCOMPARE(util::parseJsonOrDiscarded("{\"a\": [1]}")["a"][0].get<int>(), 1);
    }

    // image-spec: unknown fields in a descriptor or manifest are ignored; an
    // index posing as a manifest (CVE-2021-41190) is refused.
    void manifestFieldRules()
    {
        const std::string digest = "sha256:" + std::string(64, 'a');
        const std::string descriptor = "{\"mediaType\": \"application/vnd.oci.image.config.v1+json\", \"digest\": \"" +
                                       digest + "\", \"size\": 2, \"futureField\": {\"x\": [1]}, \"urls\": []}";
        const auto manifest = [&](const std::string &extra) {
            return "{\"schemaVersion\": 2, " + extra + "\"config\": " + descriptor + ", \"layers\": [" + descriptor +
                   "]}";
        };
        const image::Manifest m =
            image::Manifest::parse(manifest("\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\", \"novel\": 1, "), "m");
        QCOMPARE(m.layers.size(), std::size_t(1));
        QCOMPARE(m.config.digest.str(), digest);
        const auto refused = [&](const std::string &extra, const char *why) {
            try {
                (void)image::Manifest::parse(manifest(extra), "m");
                QFAIL(qPrintable(QStringLiteral("accepted: ") + QString::fromStdString(extra)));
            } catch (const Error &e) {
                QCOMPARE(int(e.code()), int(ErrorCode::InvalidArchive));
                QVERIFY2(std::string(e.what()).find(why) != std::string::npos, e.what());
            }
        };
        refused("\"mediaType\": \"application/vnd.oci.image.index.v1+json\", ", "is not an image manifest's");
        refused("\"manifests\": [], ", "must not have a \"manifests\" field");
    }

    void utf8Validity_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ascii") << QByteArray("name") << true;
        QTest::newRow("two-byte") << QByteArray("caf\xc3\xa9") << true;
        QTest::newRow("four-byte") << QByteArray("\xf0\x9f\x90\xb3") << true;
        QTest::newRow("lone 0xff") << QByteArray("\xffname") << false;
        QTest::newRow("truncated") << QByteArray("caf\xc3") << false;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    }
    void utf8Validity()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(util::isValidUtf8(bytes.toStdString()), valid);
    }

    void hexKeepsEveryByte()
    {
        const std::string raw("\xff\x00name\x80", 7);
        QCOMPARE(util::hexBytes(raw), std::string("ff006e616d6580"));
        QCOMPARE(util::unhexBytes(util::hexBytes(raw)).value(), raw);
        QVERIFY(!util::unhexBytes("abc"));
        QVERIFY(!util::unhexBytes("zz"));
    }
};

QTEST_GUILESS_MAIN(TestUtil)
#include "tst_Util.moc"
