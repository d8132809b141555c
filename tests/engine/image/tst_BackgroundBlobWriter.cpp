// SPDX-License-Identifier: GPL-3.0-or-later
// The blob written on a second thread is byte for byte what was passed in,
// in order; abandoning it (an error while unpacking) leaves nothing behind.
// moc cannot parse <thread>'s concepts; it needs nothing from these headers.
#ifndef Q_MOC_RUN
#include "engine/image/BackgroundBlobWriter.h"
#include "engine/store/BlobStore.h"
#include "engine/store/StoreLayout.h"
#endif
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <stdexcept>
#include <string>

using namespace strata::engine;

class TestBackgroundBlobWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesEveryChunkInOrder()
    {
        QTemporaryDir tmp;
        store::StoreLayout layout(tmp.path().toStdString());
        layout.create();
        store::BlobStore blobs(layout);
        std::string expected;
        store::BlobStore::Writer blob = blobs.writer();
        {
            image::BackgroundBlobWriter background(blob);
            // More chunks than buffers, of varying sizes, so write() must wait.
            for (int i = 0; i < 200; ++i) {
                const std::string chunk(static_cast<std::size_t>(1 + (i * 7919) % 70000), static_cast<char>('a' + i % 26));
                expected += chunk;
                background.write(chunk.data(), chunk.size());
            }
            background.write("", 0);
            background.finish();
        }
        const Digest d = blob.commit(Digest::ofBytes(expected));
        QCOMPARE(blobs.read(d), expected);
        QVERIFY(std::filesystem::is_empty(layout.tmpDir()));
    }

    void abandonedBlobLeavesNoTrace()
    {
        QTemporaryDir tmp;
        store::StoreLayout layout(tmp.path().toStdString());
        layout.create();
        store::BlobStore blobs(layout);
        const auto before = strata::test::snapshotTree(layout.root());
        try {
            store::BlobStore::Writer blob = blobs.writer();
            image::BackgroundBlobWriter background(blob);
            const std::string chunk(1 << 20, 'x');
            for (int i = 0; i < 20; ++i)
                background.write(chunk.data(), chunk.size());
            throw std::runtime_error("unpacking failed");
        } catch (const std::runtime_error &) {
        }
        QCOMPARE(strata::test::snapshotTree(layout.root()), before);
    }
};

QTEST_GUILESS_MAIN(TestBackgroundBlobWriter)
#include "tst_BackgroundBlobWriter.moc"
