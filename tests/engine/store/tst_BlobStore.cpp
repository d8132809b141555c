// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Error.h"
#include "engine/store/BlobStore.h"
#include "engine/store/StoreLayout.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace strata::engine;

class TestBlobStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void putIsContentAddressedAndIdempotent()
    {
        QTemporaryDir tmp;
        store::StoreLayout layout(tmp.path().toStdString());
        layout.create();
        store::BlobStore blobs(layout);
        const Digest a = blobs.put("hello");
        QCOMPARE(QString::fromStdString(a.str()),
                 QStringLiteral("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"));
        QCOMPARE(blobs.put("hello"), a);
        QVERIFY(blobs.has(a));
        QCOMPARE(blobs.read(a), std::string("hello"));
        QCOMPARE(blobs.size(a), std::uint64_t{5});
        QCOMPARE(blobs.list().size(), std::size_t{1});
        QVERIFY(std::filesystem::is_empty(layout.tmpDir()));
    }

    void expectedDigestMismatchLeavesNothing()
    {
        QTemporaryDir tmp;
        store::StoreLayout layout(tmp.path().toStdString());
        layout.create();
        store::BlobStore blobs(layout);
        const auto before = strata::test::snapshotTree(layout.root());
        try {
            blobs.put("hello", Digest::ofBytes("other"));
            QFAIL("a mismatching digest was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::DigestMismatch);
        }
        QCOMPARE(strata::test::snapshotTree(layout.root()), before);
    }

    void corruptedBlobIsDetectedOnRead()
    {
        QTemporaryDir tmp;
        store::StoreLayout layout(tmp.path().toStdString());
        layout.create();
        store::BlobStore blobs(layout);
        const Digest d = blobs.put("original");
        strata::test::writeFile(blobs.pathFor(d), "tampered");
        QVERIFY_THROWS_EXCEPTION(Error, blobs.read(d));
        QVERIFY_THROWS_EXCEPTION(Error, blobs.verify(d));
    }

    void missingBlobIsNotFound()
    {
        QTemporaryDir tmp;
        store::StoreLayout layout(tmp.path().toStdString());
        layout.create();
        store::BlobStore blobs(layout);
        try {
            (void)blobs.read(Digest::ofBytes("absent"));
            QFAIL("missing blob read");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::NotFound);
        }
    }

    void streamingWriterDiscardsUncommitted()
    {
        QTemporaryDir tmp;
        store::StoreLayout layout(tmp.path().toStdString());
        layout.create();
        store::BlobStore blobs(layout);
        {
            auto w = blobs.writer();
            w.write("partial", 7);
        }
        QVERIFY(blobs.list().empty());
        QVERIFY(std::filesystem::is_empty(layout.tmpDir()));
    }
};

QTEST_GUILESS_MAIN(TestBlobStore)
#include "tst_BlobStore.moc"
