// SPDX-License-Identifier: GPL-3.0-or-later
// Expected values: github.com/docker/go-units size_test.go (HumanSize,
// BytesSize), and what `docker images` / `docker history` print with
// HumanSizeWithPrecision(size, 3) (Go's %.3g).
#include "engine/cli/format/HumanSize.h"

#include <QtTest/QTest>

using namespace strata::engine::cli;

namespace {
constexpr double kKB = 1000, kMB = kKB * 1000, kGB = kMB * 1000, kTB = kGB * 1000, kPB = kTB * 1000;
constexpr double kKiB = 1024, kMiB = kKiB * 1024, kGiB = kMiB * 1024, kTiB = kGiB * 1024, kPiB = kTiB * 1024;
} // namespace

class TestHumanSize : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void imageSize_data()
    {
        QTest::addColumn<double>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0.0 << "0B";
        QTest::newRow("one byte") << 1.0 << "1B";
        QTest::newRow("999 bytes") << 999.0 << "999B";
        QTest::newRow("exactly 1kB") << 1000.0 << "1kB";
        QTest::newRow("1234 -> 1.23kB") << 1234.0 << "1.23kB";
        QTest::newRow("4.86kB") << 4860.0 << "4.86kB";
        QTest::newRow("busybox 4.26MB") << 4261023.0 << "4.26MB";
        QTest::newRow("1.24MB") << 1240000.0 << "1.24MB";
        QTest::newRow("trailing zero dropped 5.5MB") << 5500000.0 << "5.5MB";
        QTest::newRow("100MB no exponent") << 100000000.0 << "100MB";
        QTest::newRow("12.3MB") << 12345678.0 << "12.3MB";
        QTest::newRow("123MB") << 123456789.0 << "123MB";
        // The double nearest 1.235 lies just above it, the one nearest 1.115
        // just below: the digits come from the exact binary value.
        QTest::newRow("1.235kB rounds up") << 1235.0 << "1.24kB";
        QTest::newRow("1.115kB rounds down") << 1115.0 << "1.11kB";
        // Rounding carries into a fourth digit: Go's %g switches to e-form.
        QTest::newRow("999999 -> 1e+03kB") << 999999.0 << "1e+03kB";
        QTest::newRow("999999999 -> 1e+03MB") << 999999999.0 << "1e+03MB";
        QTest::newRow("999.5 bytes -> 1e+03B") << 999.5 << "1e+03B";
        QTest::newRow("2GB") << 2 * kGB << "2GB";
        QTest::newRow("1.5TB") << 1.5 * kTB << "1.5TB";
    }
    void imageSize()
    {
        QFETCH(double, bytes);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(units::humanSizeWithPrecision(bytes, 3)), expected);
    }

    void humanSize_data()
    {
        QTest::addColumn<double>("bytes");
        QTest::addColumn<QString>("expected");
        // go-units TestHumanSize
        QTest::newRow("1000") << 1000.0 << "1kB";
        QTest::newRow("1024") << 1024.0 << "1.024kB";
        QTest::newRow("1000000") << 1000000.0 << "1MB";
        QTest::newRow("1048576") << 1048576.0 << "1.049MB";
        QTest::newRow("2MB") << 2 * kMB << "2MB";
        QTest::newRow("3.42GB") << 3.42 * kGB << "3.42GB";
        QTest::newRow("5.372TB") << 5.372 * kTB << "5.372TB";
        QTest::newRow("2.22PB") << 2.22 * kPB << "2.22PB";
        QTest::newRow("beyond YB") << 10000000000000 * kPB << "1e+04YB";
        QTest::newRow("zero") << 0.0 << "0B";
        QTest::newRow("2.746MB") << 2746000.0 << "2.746MB";
    }
    void humanSize()
    {
        QFETCH(double, bytes);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(units::humanSize(bytes)), expected);
    }

    void bytesSize_data()
    {
        QTest::addColumn<double>("bytes");
        QTest::addColumn<QString>("expected");
        // go-units TestBytesSize
        QTest::newRow("1KiB") << kKiB << "1KiB";
        QTest::newRow("1MiB") << kKiB * kKiB << "1MiB";
        QTest::newRow("1048576") << 1048576.0 << "1MiB";
        QTest::newRow("2MiB") << 2 * kMiB << "2MiB";
        QTest::newRow("3.42GiB") << 3.42 * kGiB << "3.42GiB";
        QTest::newRow("5.372TiB") << 5.372 * kTiB << "5.372TiB";
        QTest::newRow("2.22PiB") << 2.22 * kPiB << "2.22PiB";
        QTest::newRow("beyond YiB") << kKiB * kKiB * kKiB * kKiB * kKiB * kPiB << "1.049e+06YiB";
        QTest::newRow("1000 bytes stay bytes") << 1000.0 << "1000B";
        QTest::newRow("1.5KiB") << 1536.0 << "1.5KiB";
    }
    void bytesSize()
    {
        QFETCH(double, bytes);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(units::bytesSize(bytes)), expected);
    }
};

QTEST_APPLESS_MAIN(TestHumanSize)
#include "tst_HumanSize.moc"
