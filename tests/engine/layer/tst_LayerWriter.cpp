// SPDX-License-Identifier: GPL-3.0-or-later
// writeLayer / allPathsAsAdded: round trips through applyLayer, determinism,
// whiteout and hardlink entries, compression variants.

#include "engine/Error.h"
#include "engine/layer/LayerApplier.h"
#include "engine/layer/LayerWriter.h"
#include "engine/util/Digest.h"
#include "tests/engine/layer/LayerTestUtil.h"
#include "tests/support/TarBuilder.h"

#include <QObject>
#include <QTest>

#include <fcntl.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace strata::test;
using namespace strata::test::layer;
using strata::engine::Digest;
using strata::engine::Error;
using strata::engine::ErrorCode;

namespace {

void setMtime(const fs::path &p, time_t seconds)
{
    const timespec t[2] = {{seconds, 0}, {seconds, 0}};
    ::utimensat(AT_FDCWD, p.c_str(), t, AT_SYMLINK_NOFOLLOW);
}

// A tree with one of everything a layer carries.
void makeSource(const fs::path &root)
{
    fs::create_directories(root / "usr/bin");
    fs::create_directories(root / "tmp");
    ::chmod((root / "tmp").c_str(), 01777);
    writeFile(root / "usr/bin/tool", "#!/bin/sh\necho hi\n");
    ::chmod((root / "usr/bin/tool").c_str(), 04755);
    writeFile(root / "usr/bin/twin", "shared inode");
    fs::create_hard_link(root / "usr/bin/twin", root / "usr/bin/twin2");
    writeFile(root / "a.b", "sorts after a/");
    fs::create_directories(root / "a");
    writeFile(root / "a/z", std::string(300000, 'q'));
    fs::create_symlink("/usr/bin/tool", root / "link");
    fs::create_symlink("usr", root / "rel");
    ::mkfifo((root / "tmp/fifo").c_str(), 0600);
    ::setxattr((root / "a/z").c_str(), "user.note", "kept", 4, 0); // may be unsupported: fine
    for (const char *p : {"usr/bin/tool", "usr/bin/twin", "a.b", "a/z", "link", "rel", "tmp/fifo", "usr/bin", "usr",
                          "a", "tmp"})
        setMtime(root / p, 1600000000);
}

L::WriteResult writeTo(std::string &out, const L::ChangeSet &changes, const fs::path &root,
                       const L::WriteOptions &options = {})
{
    out.clear();
    auto sink = L::makeStringSink(out);
    return L::writeLayer(changes, root, *sink, options);
}

std::vector<std::string> namesOf(const std::vector<TarListing> &entries)
{
    std::vector<std::string> names;
    for (const auto &e : entries)
        names.push_back(e.name);
    return names;
}

} // namespace

class TestLayerWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void allPathsSortedParentsFirst();
    void roundTripGivesTheSameTree();
    void outputIsDeterministic();
    void headersCarryOnlyWhatTheFileDefines();
    void whiteoutAndOpaqueEntries();
    void hardlinkGroups();
    void compressionVariants_data();
    void compressionVariants();
    void clampMtime();
    void missingPathIsNotFound();
    void symlinkedParentIsNotFollowed();
};

void TestLayerWriter::allPathsSortedParentsFirst()
{
    Sandbox box;
    makeSource(box.root);
    const L::ChangeSet all = L::allPathsAsAdded(box.root);
    std::vector<std::string> paths;
    for (const auto &c : all) {
        QCOMPARE(int(c.kind), int(L::ChangeKind::Added));
        paths.push_back(c.path);
    }
    const std::vector<std::string> expected{"a",   "a/z",  "a.b",     "link",         "rel",         "tmp",
                                            "tmp/fifo", "usr", "usr/bin", "usr/bin/tool", "usr/bin/twin", "usr/bin/twin2"};
    QCOMPARE(paths, expected);
    QVERIFY_THROWS_EXCEPTION(Error, L::allPathsAsAdded(box.base / "missing"));
}

void TestLayerWriter::roundTripGivesTheSameTree()
{
    Sandbox box;
    makeSource(box.root);
    std::string tar;
    const auto w = writeTo(tar, L::allPathsAsAdded(box.root), box.root);
    QCOMPARE(w.entries, std::uint64_t(12));
    QCOMPARE(w.diffId, Digest::ofBytes(tar));

    const fs::path copy = box.base / "copy";
    fs::create_directories(copy);
    L::ApplyOptions options;
    options.preserveXattrs = true;
    options.preserveOwnership = ::geteuid() == 0;
    const auto r = applyBytes(tar, copy, options);
    QCOMPARE(r.diffId, w.diffId);
    QCOMPARE(snapshotTree(copy), snapshotTree(box.root));
    for (const char *p : {"usr/bin/tool", "a/z", "link", "tmp/fifo", "usr/bin", "a"})
        QCOMPARE(qint64(lstatOf(copy / p).st_mtim.tv_sec), Q_INT64_C(1600000000));
    QCOMPARE(fs::read_symlink(copy / "link").string(), std::string("/usr/bin/tool"));
    QCOMPARE(lstatOf(copy / "usr/bin/twin").st_ino, lstatOf(copy / "usr/bin/twin2").st_ino);
    char value[8] = {};
    if (::getxattr((box.root / "a/z").c_str(), "user.note", value, sizeof value) == 4) {
        QCOMPARE(::getxattr((copy / "a/z").c_str(), "user.note", value, sizeof value), ssize_t(4));
    }
}

void TestLayerWriter::outputIsDeterministic()
{
    Sandbox box;
    makeSource(box.root);
    const L::ChangeSet changes = L::allPathsAsAdded(box.root);
    std::string first, second;
    const auto w1 = writeTo(first, changes, box.root, {L::Compression::Gzip});
    // Reading the files and moving atimes must not change the layer.
    (void)readFile(box.root / "a/z");
    const timespec atimeOnly[2] = {{12345, 0}, {0, UTIME_OMIT}};
    ::utimensat(AT_FDCWD, (box.root / "usr/bin/tool").c_str(), atimeOnly, 0);
    const auto w2 = writeTo(second, changes, box.root, {L::Compression::Gzip});
    QCOMPARE(w1.blobDigest, w2.blobDigest);
    QCOMPARE(w1.diffId, w2.diffId);
    QVERIFY(first == second);
}

void TestLayerWriter::headersCarryOnlyWhatTheFileDefines()
{
    Sandbox box;
    makeSource(box.root);
    std::string tar;
    writeTo(tar, L::allPathsAsAdded(box.root), box.root);
    const auto entries = listArchive(tar);
    const std::vector<std::string> expected{"a/",       "a/z",      "a.b",          "link",         "rel",
                                            "tmp/",     "tmp/fifo", "usr/",         "usr/bin/",     "usr/bin/tool",
                                            "usr/bin/twin", "usr/bin/twin2"};
    QCOMPARE(namesOf(entries), expected);
    for (const auto &e : entries) {
        QVERIFY2(e.uname.empty() && e.gname.empty(), e.name.c_str());
        QVERIFY2(!e.hasAtime && !e.hasCtime, e.name.c_str());
        QCOMPARE(e.mtimeNsec, 0L);
    }
    QCOMPARE(entries[9].mode, 04755u);
    QCOMPARE(entries[5].mode, 01777u);
    QCOMPARE(entries[6].type, 'p');
    QCOMPARE(entries[3].type, 'l');
    // GNU tar reads it too.
    writeFile(box.base / "out.tar", tar);
    QCOMPARE(runProgram("tar", {"-tf", QString::fromStdString((box.base / "out.tar").string())}).exitCode, 0);
}

void TestLayerWriter::whiteoutAndOpaqueEntries()
{
    Sandbox box;
    fs::create_directories(box.root / "etc/conf.d");
    writeFile(box.root / "etc/new", "x");
    const L::ChangeSet changes{{"etc", L::ChangeKind::Modified, false},
                               {"etc/new", L::ChangeKind::Added, false},
                               {"etc/old", L::ChangeKind::Deleted, false},
                               {"etc/conf.d", L::ChangeKind::Modified, true},
                               {"gone", L::ChangeKind::Deleted, false}};
    std::string tar;
    const auto w = writeTo(tar, changes, box.root);
    QCOMPARE(w.entries, std::uint64_t(6));
    const auto entries = listArchive(tar);
    const std::vector<std::string> expected{".wh.gone", "etc/", "etc/.wh.old", "etc/conf.d/",
                                            "etc/conf.d/.wh..wh..opq", "etc/new"};
    QCOMPARE(namesOf(entries), expected);
    for (int i : {0, 2, 4}) {
        QCOMPARE(entries[i].type, 'f');
        QCOMPARE(entries[i].size, std::int64_t(0));
        QCOMPARE(entries[i].mtime, std::int64_t(0));
        QCOMPARE(entries[i].uid, std::int64_t(0));
        QCOMPARE(entries[i].mode, 0644u);
    }
    // Applied in Diff mode they stay markers; flattened they act.
    const fs::path lower = box.base / "lower";
    fs::create_directories(lower / "etc/conf.d");
    writeFile(lower / "etc/old", "lower");
    writeFile(lower / "etc/conf.d/lower", "lower");
    writeFile(lower / "gone", "lower");
    const auto r = applyBytes(tar, lower, flatten());
    QCOMPARE(r.whiteouts, std::uint64_t(2));
    QCOMPARE(r.opaques, std::uint64_t(1));
    QVERIFY(!present(lower / "etc/old") && !present(lower / "gone") && !present(lower / "etc/conf.d/lower"));
    QCOMPARE(readFile(lower / "etc/new"), std::string("x"));
}

void TestLayerWriter::hardlinkGroups()
{
    Sandbox box;
    writeFile(box.root / "c", "content");
    fs::create_hard_link(box.root / "c", box.root / "a");
    fs::create_hard_link(box.root / "c", box.root / "b");
    writeFile(box.root / "solo", "one");
    fs::create_hard_link(box.root / "solo", box.root / "solo-twin");
    std::string tar;
    writeTo(tar,
            {{"c", L::ChangeKind::Added, false},
             {"b", L::ChangeKind::Added, false},
             {"a", L::ChangeKind::Added, false},
             {"solo", L::ChangeKind::Added, false}},
            box.root);
    const auto entries = listArchive(tar);
    QCOMPARE(namesOf(entries), (std::vector<std::string>{"a", "b", "c", "solo"}));
    QCOMPARE(entries[0].type, 'f');
    QCOMPARE(entries[0].data, std::string("content"));
    QCOMPARE(entries[1].type, 'h');
    QCOMPARE(entries[1].link, std::string("a"));
    QCOMPARE(entries[2].link, std::string("a"));
    QCOMPARE(entries[3].type, 'f'); // its twin is not in the change set
    const fs::path copy = box.base / "copy";
    fs::create_directories(copy);
    applyBytes(tar, copy);
    QCOMPARE(lstatOf(copy / "c").st_ino, lstatOf(copy / "a").st_ino);
    QCOMPARE(readFile(copy / "b"), std::string("content"));
}

void TestLayerWriter::compressionVariants_data()
{
    QTest::addColumn<int>("compression");
    QTest::addColumn<QString>("checker");
    QTest::newRow("none") << int(L::Compression::None) << QString("tar");
    QTest::newRow("gzip") << int(L::Compression::Gzip) << QString("gzip");
    QTest::newRow("zstd") << int(L::Compression::Zstd) << QString("zstd");
}

void TestLayerWriter::compressionVariants()
{
    QFETCH(int, compression);
    QFETCH(QString, checker);
    Sandbox box;
    makeSource(box.root);
    const L::ChangeSet changes = L::allPathsAsAdded(box.root);
    std::string plain, blob;
    const auto base = writeTo(plain, changes, box.root);
    const auto w = writeTo(blob, changes, box.root, {L::Compression(compression)});
    QCOMPARE(w.diffId, base.diffId);
    QCOMPARE(w.blobDigest, Digest::ofBytes(blob));
    QCOMPARE(w.blobSize, std::uint64_t(blob.size()));
    QCOMPARE(w.tarSize, std::uint64_t(plain.size()));
    const fs::path file = box.base / "blob";
    writeFile(file, blob);
    const QStringList args = checker == "tar" ? QStringList{"-tf", QString::fromStdString(file.string())}
                                              : QStringList{"-t", QString::fromStdString(file.string())};
    QCOMPARE(runProgram(checker, args).exitCode, 0);
    const fs::path copy = box.base / "copy";
    fs::create_directories(copy);
    const auto r = applyBytes(blob, copy);
    QCOMPARE(r.diffId, base.diffId);
    QCOMPARE(r.blobDigest, w.blobDigest);
    QCOMPARE(int(r.compression), compression);
}

void TestLayerWriter::clampMtime()
{
    Sandbox box;
    writeFile(box.root / "new", "x");
    writeFile(box.root / "old", "x");
    setMtime(box.root / "old", 100);
    std::string tar;
    L::WriteOptions options;
    options.clampMtime = 1000;
    writeTo(tar, L::allPathsAsAdded(box.root), box.root, options);
    const auto entries = listArchive(tar);
    QCOMPARE(entries[0].mtime, std::int64_t(1000));
    QCOMPARE(entries[1].mtime, std::int64_t(100));
}

void TestLayerWriter::missingPathIsNotFound()
{
    Sandbox box;
    std::string tar;
    try {
        writeTo(tar, {{"nothere", L::ChangeKind::Added, false}}, box.root);
        QFAIL("missing path accepted");
    } catch (const Error &e) {
        QCOMPARE(int(e.code()), int(ErrorCode::NotFound));
        QVERIFY2(std::string(e.what()).find("nothere") != std::string::npos, e.what());
    }
}

// A container can plant "etc -> /" in its diff; committing "etc/passwd"
// must not archive the host's file behind the link.
void TestLayerWriter::symlinkedParentIsNotFollowed()
{
    Sandbox box;
    fs::create_symlink(box.outside, box.root / "escape");
    std::string tar;
    try {
        writeTo(tar, {{"escape/secret", L::ChangeKind::Added, false}}, box.root);
        QFAIL("wrote through a symlink");
    } catch (const Error &e) {
        QCOMPARE(int(e.code()), int(ErrorCode::UnsafePath));
    }
}

QTEST_GUILESS_MAIN(TestLayerWriter)
#include "tst_LayerWriter.moc"
