// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Error.h"
#include "engine/util/Digest.h"
#include "engine/util/Fs.h"
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

    void removeTreeHandlesReadOnlyDirectories()
    {
        QTemporaryDir tmp;
        const std::filesystem::path dir = std::filesystem::path(tmp.path().toStdString()) / "t";
        strata::test::writeFile(dir / "ro" / "file", "x");
        std::filesystem::permissions(dir / "ro", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
        fsutil::removeTree(dir);
        QVERIFY(!std::filesystem::exists(dir));
    }
};

QTEST_GUILESS_MAIN(TestUtil)
#include "tst_Util.moc"
