// SPDX-License-Identifier: GPL-3.0-or-later
// The byte side of applyLayer (LayerInput, Decoders, TarReader): compression
// detection, digests, and every way a blob can be damaged or not a layer.

#include "engine/Error.h"
#include "engine/layer/LayerApplier.h"
#include "engine/util/Digest.h"
#include "tests/engine/layer/LayerTestUtil.h"
#include "tests/support/TarBuilder.h"

#include <QObject>
#include <QTest>

using namespace strata::test;
using namespace strata::test::layer;
using strata::engine::Digest;
using strata::engine::Error;
using strata::engine::ErrorCode;

Q_DECLARE_METATYPE(ErrorCode)

namespace {

TarBuilder sample()
{
    TarBuilder b;
    b.dir("etc").file("etc/hosts", "127.0.0.1 localhost\n").symlink("bin", "usr/bin");
    b.file("big", std::string(3 << 20, 'z'));
    return b;
}

QByteArray qbytes(const std::string &s)
{
    return QByteArray(s.data(), static_cast<int>(s.size()));
}

std::string gzipWithBadCrc()
{
    std::string gz = sample().gzip();
    gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 0xff); // CRC-32 is the trailer's first 4 bytes
    return gz;
}

} // namespace

class TestLayerInput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void detectCompression();
    void compressionsGiveTheSameDiffId_data();
    void compressionsGiveTheSameDiffId();
    void digestsMatchSha256sum();
    void trailingBytesAreHashed();
    void shortReadsAreFine();
    void concatenatedGzipMembers();
    void emptyLayer();
    void tarNamedLikeAMagicNumber();
    void damagedOrForeignInput_data();
    void damagedOrForeignInput();
};

void TestLayerInput::detectCompression()
{
    QCOMPARE(int(L::detectCompression("\x1f\x8b\x08", 3)), int(L::Compression::Gzip));
    QCOMPARE(int(L::detectCompression("\x28\xb5\x2f\xfd", 4)), int(L::Compression::Zstd));
    QCOMPARE(int(L::detectCompression("\x5f\x2a\x4d\x18", 4)), int(L::Compression::Zstd)); // skippable frame
    QCOMPARE(int(L::detectCompression("etc/", 4)), int(L::Compression::None));
    QCOMPARE(int(L::detectCompression("", 0)), int(L::Compression::None));
    QCOMPARE(std::string(L::toString(L::Compression::Zstd)), std::string("zstd"));
}

void TestLayerInput::compressionsGiveTheSameDiffId_data()
{
    QTest::addColumn<QByteArray>("blob");
    QTest::addColumn<int>("compression");
    const TarBuilder b = sample();
    QTest::newRow("none") << qbytes(b.tar()) << int(L::Compression::None);
    QTest::newRow("gzip") << qbytes(b.gzip()) << int(L::Compression::Gzip);
    QTest::newRow("zstd") << qbytes(b.zstd()) << int(L::Compression::Zstd);
    // RFC 8878 3.1.2: a skippable frame (magic 0x184D2A5?, 4-byte size,
    // payload) may open the stream; it loads like the plain one.
    const std::string skippable = std::string("\x53\x2a\x4d\x18\x05\x00\x00\x00", 8) + "hello";
    QTest::newRow("zstd after a skippable frame") << qbytes(skippable + b.zstd()) << int(L::Compression::Zstd);
}

void TestLayerInput::compressionsGiveTheSameDiffId()
{
    QFETCH(QByteArray, blob);
    QFETCH(int, compression);
    const std::string tar = sample().tar();
    Sandbox box;
    const auto r = applyBytes(blob.toStdString(), box.root);
    QCOMPARE(int(r.compression), compression);
    QCOMPARE(r.diffId, Digest::ofBytes(tar));
    QCOMPARE(r.blobDigest, Digest::ofBytes(blob.toStdString()));
    QCOMPARE(r.tarSize, std::uint64_t(tar.size()));
    QCOMPARE(r.blobSize, std::uint64_t(blob.size()));
    QCOMPARE(readFile(box.root / "big").size(), std::size_t(3 << 20));
    QCOMPARE(fs::read_symlink(box.root / "bin").string(), std::string("usr/bin"));
}

void TestLayerInput::digestsMatchSha256sum()
{
    Sandbox box;
    const std::string blob = sample().zstd();
    writeFile(box.base / "layer.tar.zst", blob);
    const RunResult sum = runProgram("sha256sum", {QString::fromStdString((box.base / "layer.tar.zst").string())});
    QCOMPARE(sum.exitCode, 0);
    auto source = L::openFileSource(box.base / "layer.tar.zst");
    const auto r = L::applyLayer(*source, box.root, {});
    QCOMPARE(r.blobDigest.hex(), sum.out.substr(0, 64));
}

// Padding after the tar's end blocks is part of the blob and of the diff_id.
void TestLayerInput::trailingBytesAreHashed()
{
    Sandbox box;
    const std::string blob = sample().tar() + std::string(10240, '\0') + "trailing";
    const auto r = applyBytes(blob, box.root);
    QCOMPARE(r.blobDigest, Digest::ofBytes(blob));
    QCOMPARE(r.diffId, Digest::ofBytes(blob));
    QCOMPARE(r.blobSize, std::uint64_t(blob.size()));
}

void TestLayerInput::shortReadsAreFine()
{
    Sandbox box;
    const std::string blob = sample().gzip();
    StringSource source(blob, 7);
    const auto r = L::applyLayer(source, box.root, {});
    QCOMPARE(r.diffId, Digest::ofBytes(sample().tar()));
    QCOMPARE(r.blobDigest, Digest::ofBytes(blob));
}

// RFC 1952 §2.2: a gzip file is a series of members (pigz, `cat a.gz b.gz`).
void TestLayerInput::concatenatedGzipMembers()
{
    Sandbox box;
    const std::string tar = sample().tar();
    const std::string half1 = tar.substr(0, 5000), half2 = tar.substr(5000);
    writeFile(box.base / "p1", half1);
    writeFile(box.base / "p2", half2);
    const RunResult gz1 = runProgram("gzip", {"-c", "-n", QString::fromStdString((box.base / "p1").string())});
    const RunResult gz2 = runProgram("gzip", {"-c", "-n", QString::fromStdString((box.base / "p2").string())});
    QCOMPARE(gz1.exitCode, 0);
    const auto r = applyBytes(gz1.out + gz2.out + std::string(512, '\0'), box.root);
    QCOMPARE(r.diffId, Digest::ofBytes(tar));
    QCOMPARE(int(r.compression), int(L::Compression::Gzip));
}

void TestLayerInput::emptyLayer()
{
    Sandbox box;
    QCOMPARE(applyBytes("", box.root).entries, std::uint64_t(0));
    QCOMPARE(applyBytes(TarBuilder().tar(), box.root).entries, std::uint64_t(0));
    QCOMPARE(applyBytes(TarBuilder().gzip(), box.root).diffId, Digest::ofBytes(TarBuilder().tar()));
}

// A tar's first bytes are a file name: "BZh..." or "PK\3\4..." there is a file, not bzip2 or zip.
void TestLayerInput::tarNamedLikeAMagicNumber()
{
    Sandbox box;
    applyBytes(TarBuilder().file("BZh91AY&SY", "x").tar(), box.root);
    applyBytes(TarBuilder().file("PK\x03\x04name", "y").tar(), box.root);
    QCOMPARE(readFile(box.root / "BZh91AY&SY"), std::string("x"));
}

void TestLayerInput::damagedOrForeignInput_data()
{
    QTest::addColumn<QByteArray>("blob");
    QTest::addColumn<ErrorCode>("code");
    const TarBuilder b = sample();
    const std::string tar = b.tar();
    const std::string gz = b.gzip();
    const std::string zst = b.zstd();
    const ErrorCode invalid = ErrorCode::InvalidArchive;
    const ErrorCode unsupported = ErrorCode::Unsupported;
    QTest::newRow("TruncatedTarData") << qbytes(TarBuilder::truncated(tar, tar.size() / 2)) << invalid;
    QTest::newRow("TruncatedTarHeader") << qbytes(TarBuilder::truncated(tar, 512 + 100)) << invalid;
    QTest::newRow("BadChecksumFirstHeader") << qbytes(corruptTarChecksum(tar, 0)) << invalid;
    QTest::newRow("BadChecksumLaterHeader") << qbytes(corruptTarChecksum(tar, 512)) << invalid;
    QTest::newRow("Garbage") << qbytes(std::string(4096, 'g')) << invalid;
    QTest::newRow("TruncatedGzip") << qbytes(TarBuilder::truncated(gz, gz.size() - 20)) << invalid;
    QTest::newRow("TruncatedGzipTrailer") << qbytes(TarBuilder::truncated(gz, gz.size() - 4)) << invalid;
    QTest::newRow("GzipBadCrc") << qbytes(gzipWithBadCrc()) << invalid;
    QTest::newRow("GzipTrailingGarbage") << qbytes(gz + "garbage") << invalid;
    QTest::newRow("TruncatedZstd") << qbytes(TarBuilder::truncated(zst, zst.size() - 10)) << invalid;
    QTest::newRow("ZstdTrailingGarbage") << qbytes(zst + "garbage") << invalid;
    QTest::newRow("Bzip2") << qbytes(b.build(TarBuilder::Format::Pax, TarBuilder::Filter::Bzip2)) << unsupported;
    QTest::newRow("Xz") << qbytes(b.build(TarBuilder::Format::Pax, TarBuilder::Filter::Xz)) << unsupported;
    QTest::newRow("Zip") << qbytes(b.tar(TarBuilder::Format::Zip)) << unsupported;
    QTest::newRow("Cpio") << qbytes(b.tar(TarBuilder::Format::Cpio)) << unsupported;
    QTest::newRow("GzippedZip") << qbytes(b.build(TarBuilder::Format::Zip, TarBuilder::Filter::Gzip)) << invalid;
}

void TestLayerInput::damagedOrForeignInput()
{
    QFETCH(QByteArray, blob);
    QFETCH(ErrorCode, code);
    Sandbox box;
    try {
        applyBytes(blob.toStdString(), box.root);
        QFAIL("the blob was accepted");
    } catch (const Error &e) {
        QVERIFY2(e.code() == code, e.what());
        QVERIFY2(!e.message().empty(), "error without a message");
    }
}

QTEST_GUILESS_MAIN(TestLayerInput)
#include "tst_LayerInput.moc"
