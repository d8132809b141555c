// SPDX-License-Identifier: GPL-3.0-or-later
// WritebackPacer: the background syncfs a store's layer unpack starts every
// kStep bytes of new files. It must change nothing in what is unpacked, never
// start a thread for a small layer, and stop cleanly.

#include "engine/layer/LayerApplier.h"
#include "engine/layer/WritebackPacer.h"
#include "tests/engine/layer/LayerTestUtil.h"
#include "tests/support/TarBuilder.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace strata::test;
using namespace strata::test::layer;

namespace {

std::size_t threadCount()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

std::size_t pathCount(const fs::path &root)
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto &e : fs::recursive_directory_iterator(root))
        ++n;
    return n;
}

// A layer of `files` small files in 10 directories with one file of more
// than a kStep among them, and two whiteouts.
std::string layerOverOneStep(int files)
{
    TarBuilder b;
    for (int d = 0; d < 10; ++d)
        b.dir("d" + std::to_string(d));
    for (int i = 0; i < files; ++i) {
        b.file("d" + std::to_string(i % 10) + "/f" + std::to_string(i), "line " + std::to_string(i) + "\n");
        if (i == files / 2)
            b.file("d9/big", std::string(L::WritebackPacer::kStep + (1 << 20), 'z'));
    }
    b.file("d0/.wh.gone").file("d1/.wh..wh..opq");
    return b.tar();
}

} // namespace

class TestWritebackPacer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void smallLayerStartsNoThread();
    void bigLayerFlushesInTheBackgroundAndStops();
    void noFdDoesNothing();
    void unpackIsTheSameWithOrWithout();
};

void TestWritebackPacer::smallLayerStartsNoThread()
{
    QTemporaryDir dir;
    const int fd = ::open(dir.path().toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    const std::size_t before = threadCount();
    {
        L::WritebackPacer pacer(fd);
        for (int i = 0; i < 1000; ++i) // 1,000 small files: about 4 MiB for the disk
            pacer.created(100);
        QCOMPARE(threadCount(), before);
    }
    ::close(fd);
}

void TestWritebackPacer::bigLayerFlushesInTheBackgroundAndStops()
{
    QTemporaryDir dir;
    const int fd = ::open(dir.path().toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    const std::size_t before = threadCount();
    {
        L::WritebackPacer pacer(fd);
        pacer.created(L::WritebackPacer::kStep / 2);
        QCOMPARE(threadCount(), before);
        pacer.created(L::WritebackPacer::kStep / 2 + (1 << 20)); // past one step: the flush thread starts
        QCOMPARE(threadCount(), before + 1);
        for (int i = 0; i < 5; ++i) // more steps while a flush may still run
            pacer.created(L::WritebackPacer::kStep);
    } // the destructor waits for a flush under way and ends the thread
    // A joined thread leaves /proc/self/task a moment after join returns.
    QTRY_COMPARE_WITH_TIMEOUT(threadCount(), before, 10000);
    ::close(fd);
}

void TestWritebackPacer::noFdDoesNothing()
{
    const std::size_t before = threadCount();
    L::WritebackPacer pacer(-1);
    for (int i = 0; i < 4; ++i)
        pacer.created(L::WritebackPacer::kStep);
    QCOMPARE(threadCount(), before);
}

void TestWritebackPacer::unpackIsTheSameWithOrWithout()
{
    const std::string tar = layerOverOneStep(400);
    QTemporaryDir dir;
    const fs::path plain = fs::path(dir.path().toStdString()) / "plain";
    const fs::path paced = fs::path(dir.path().toStdString()) / "paced";
    fs::create_directories(plain);
    fs::create_directories(paced);
    L::ApplyOptions options;
    const L::ApplyResult a = applyBytes(tar, plain, options);
    options.startWriteback = true;
    const L::ApplyResult b = applyBytes(tar, paced, options);
    QCOMPARE(b.diffId, a.diffId);
    QCOMPARE(b.entries, a.entries);
    QCOMPARE(b.whiteouts, a.whiteouts);
    QCOMPARE(b.opaques, a.opaques);
    QCOMPARE(pathCount(plain), std::size_t(400 + 1 + 10 + 2));
    QCOMPARE(snapshotTree(paced), snapshotTree(plain));
}

QTEST_GUILESS_MAIN(TestWritebackPacer)
#include "tst_WritebackPacer.moc"
