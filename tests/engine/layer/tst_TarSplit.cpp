// SPDX-License-Identifier: GPL-3.0-or-later
// TarSplit: an uncompressed layer kept once (the unpacked files plus a
// tar-split) gives back its blob bit for bit, whatever the tar holds: pax,
// ustar and GNU headers, long and non-UTF-8 names, hardlinks, entries that
// replace or remove earlier ones in the same layer, whiteouts, data split
// over short reads, trailing bytes after the end marker.

#include "engine/Error.h"
#include "engine/layer/LayerApplier.h"
#include "engine/layer/TarSplit.h"
#include "engine/util/Digest.h"
#include "tests/engine/layer/LayerTestUtil.h"
#include "tests/support/TarBuilder.h"

#include <QObject>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace strata::test;
using namespace strata::test::layer;
using strata::engine::Error;
using strata::engine::ErrorCode;

namespace {

// Feeds the split writer every byte the applier reads, as LayerBlobKeeper does.
class SplitTee final : public L::ByteSource {
public:
    SplitTee(L::ByteSource &in, L::TarSplitWriter &split) : m_in(in), m_split(split) {}
    std::size_t read(void *buffer, std::size_t size) override
    {
        const std::size_t n = m_in.read(buffer, size);
        m_split.consume(buffer, n);
        return n;
    }

private:
    L::ByteSource &m_in;
    L::TarSplitWriter &m_split;
};

struct Kept {
    std::uint64_t referenced = 0;
    std::uint64_t splitSize = 0;
};

// Applies `bytes` into layerDir/diff with a split recorded next to it.
Kept keep(const std::string &bytes, const fs::path &layerDir, std::size_t chunk = 1 << 20)
{
    fs::create_directories(layerDir / L::kLayerDiffDir);
    L::TarSplitWriter split(layerDir);
    StringSource source(bytes, chunk);
    SplitTee tee(source, split);
    L::ApplyOptions options;
    options.payloads = &split;
    L::applyLayer(tee, layerDir / L::kLayerDiffDir, options);
    split.finish();
    return {split.referencedBytes(), static_cast<std::uint64_t>(fs::file_size(layerDir / L::kTarSplitFile))};
}

std::string rebuild(const fs::path &layerDir)
{
    auto in = L::openTarSplit(layerDir);
    std::string out;
    char buffer[4096];
    while (const std::size_t n = in->read(buffer, sizeof buffer))
        out.append(buffer, n);
    return out;
}

std::string bigContent(std::size_t size)
{
    std::string s(size, '\0');
    std::uint32_t x = 12345;
    for (auto &c : s) {
        x = x * 1103515245u + 12345u;
        c = static_cast<char>(x >> 24);
    }
    return s;
}

} // namespace

class TestTarSplit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rebuildsTheBlobBitForBit_data();
    void rebuildsTheBlobBitForBit();
    void fileDataIsNotKeptTwice();
    void changedLayerFileIsReported();
    void missingSplitIsNotFound();
};

void TestTarSplit::rebuildsTheBlobBitForBit_data()
{
    QTest::addColumn<QByteArray>("tar");
    QTest::addColumn<int>("chunk");
    QTest::addColumn<bool>("expectReferences");

    TarBuilder plain;
    plain.dir("etc").file("etc/hosts", "127.0.0.1 localhost\n").file("empty").file("etc/big", bigContent(300000));
    for (auto [name, format] : {std::pair{"pax", TarBuilder::Format::Pax}, std::pair{"ustar", TarBuilder::Format::Ustar},
                                std::pair{"gnu", TarBuilder::Format::Gnu}}) {
        const std::string t = plain.tar(format);
        QTest::newRow(name) << QByteArray::fromStdString(t) << (1 << 20) << true;
        QTest::newRow((std::string(name) + " in 7-byte reads").c_str()) << QByteArray::fromStdString(t) << 7 << true;
    }

    const std::string longName = std::string(150, 'n') + "/" + std::string(120, 'm');
    TarBuilder names;
    names.dir(std::string(150, 'n')).file(longName, "long\n").file("caf\xe9-latin1", "not utf-8\n").file("\xe6\x97\xa5.txt", "utf-8\n");
    QTest::newRow("long and non-UTF-8 names, pax") << QByteArray::fromStdString(names.tar()) << (1 << 20) << true;
    QTest::newRow("long names, gnu") << QByteArray::fromStdString(names.tar(TarBuilder::Format::Gnu)) << 100 << true;

    TarBuilder links;
    links.file("a", "shared data\n").hardlink("b", "a").file("a", "a replaced\n").symlink("s", "b");
    QTest::newRow("hardlink, then its source replaced") << QByteArray::fromStdString(links.tar()) << 512 << true;

    TarBuilder replaced;
    replaced.dir("d").file("d/x", "first x\n").file("d/y", "y\n").file("d", "d is a file now\n").file("z", "zzz\n");
    QTest::newRow("directory replaced by a file") << QByteArray::fromStdString(replaced.tar()) << (1 << 20) << true;

    TarBuilder twice;
    twice.file("f", bigContent(5000)).file("f", "second\n");
    QTest::newRow("same name twice") << QByteArray::fromStdString(twice.tar()) << 1000 << true;

    TarBuilder whiteouts;
    whiteouts.dir("w").file("w/gone", "gone\n").file("w/.wh.gone").file("w/.wh..wh..opq").file("kept", "kept\n");
    QTest::newRow("whiteouts") << QByteArray::fromStdString(whiteouts.tar()) << (1 << 20) << true;

    std::string trailing = plain.tar() + std::string(3000, '\0') + "trailing garbage";
    QTest::newRow("bytes after the end marker") << QByteArray::fromStdString(trailing) << 333 << true;

    QTest::newRow("empty archive") << QByteArray(1024, '\0') << (1 << 20) << false;
}

void TestTarSplit::rebuildsTheBlobBitForBit()
{
    QFETCH(QByteArray, tar);
    QFETCH(int, chunk);
    QFETCH(bool, expectReferences);
    Sandbox box;
    const std::string bytes = tar.toStdString();
    const Kept kept = keep(bytes, box.base / "layer", static_cast<std::size_t>(chunk));
    const std::string back = rebuild(box.base / "layer");
    QCOMPARE(back.size(), bytes.size());
    QVERIFY(back == bytes);
    QCOMPARE(kept.referenced > 0, expectReferences);
    fs::remove_all(box.base / "layer"); // QTemporaryDir cannot remove non-UTF-8 names
}

void TestTarSplit::fileDataIsNotKeptTwice()
{
    Sandbox box;
    TarBuilder b;
    for (int i = 0; i < 200; ++i)
        b.file("f" + std::to_string(i), bigContent(1000 + static_cast<std::size_t>(i) * 37));
    b.file("big", bigContent(2 << 20));
    const std::string bytes = b.tar();
    const Kept kept = keep(bytes, box.base / "layer");
    // Every file's data is referenced; the split holds headers (mostly
    // zeros, run-length coded) and is a small fraction of the tar.
    std::uint64_t content = 2 << 20;
    for (int i = 0; i < 200; ++i)
        content += 1000 + static_cast<std::uint64_t>(i) * 37;
    QCOMPARE(kept.referenced, content);
    QVERIFY2(kept.splitSize < bytes.size() / 20,
             qPrintable(QString("split %1 bytes for a %2-byte tar").arg(kept.splitSize).arg(bytes.size())));
    QVERIFY(rebuild(box.base / "layer") == bytes);
}

void TestTarSplit::changedLayerFileIsReported()
{
    Sandbox box;
    const std::string bytes = TarBuilder().file("a", "content\n").file("b", "more\n").tar();
    keep(bytes, box.base / "layer");
    const fs::path b = box.base / "layer" / L::kLayerDiffDir / "b";
    fs::remove(b);
    try {
        (void)rebuild(box.base / "layer");
        QFAIL("a missing layer file went unnoticed");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::DigestMismatch);
        QVERIFY2(std::string(e.what()).find("diff/b") != std::string::npos, e.what());
    }
    writeFile(b, "m");
    try {
        (void)rebuild(box.base / "layer");
        QFAIL("a shortened layer file went unnoticed");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::DigestMismatch);
    }
}

void TestTarSplit::missingSplitIsNotFound()
{
    Sandbox box;
    try {
        (void)L::openTarSplit(box.base);
        QFAIL("no split, yet it opened");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::NotFound);
    }
}

QTEST_GUILESS_MAIN(TestTarSplit)
#include "tst_TarSplit.moc"
