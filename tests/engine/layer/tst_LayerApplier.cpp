// SPDX-License-Identifier: GPL-3.0-or-later
// applyLayer: hostile layers (one named row per attack, as containerd's
// TestBreakouts) and the entries an honest layer carries.

#include "engine/Error.h"
#include "engine/layer/LayerApplier.h"
#include "tests/engine/layer/LayerTestUtil.h"
#include "tests/support/TarBuilder.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTest>

#include <algorithm>
#include <fcntl.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace strata::test;
using namespace strata::test::layer;
using strata::engine::Error;
using strata::engine::ErrorCode;

Q_DECLARE_METATYPE(ErrorCode)
Q_DECLARE_METATYPE(strata::engine::layer::ApplyMode)

class TestLayerApplier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hostileLayerIsRefused_data();
    void hostileLayerIsRefused();
    void absoluteNameIsNotWrittenOnTheHost();
    void directoryFixupDoesNotFollowALaterSymlink();
    void modesIncludingSpecialBits();
    void mtimesSurviveLaterContents();
    void symlinksAreStoredVerbatim();
    void absoluteSymlinkResolvesInsideRoot();
    void hardlinksShareAnInode();
    void fifoAndDevices();
    void ownershipWhenAsked();
    void xattrsWhenAsked();
    void namesAreNormalised();
    void rootDirectoryEntrySetsRootMode();
    void existingDirectoryMerges();
    void replacementRules();
    void replacingASymlinkDoesNotWriteThroughIt();
    void replacingAHardlinkLeavesItsTwin();
    void longAndUtf8Names_data();
    void longAndUtf8Names();
    void goPaxRecordsKeepTheirBytes();
    void progressIsBatched();
    void resultCounts();
    void capsRefuseWithTheirName_data();
    void capsRefuseWithTheirName();
    void deepNamesWithinTheCapApply();
    void capsComeFromTheEnvironment();
};

// ---- hostile layers ----------------------------------------------------

void TestLayerApplier::hostileLayerIsRefused_data()
{
    using L::ApplyMode;
    QTest::addColumn<QByteArray>("tar");
    QTest::addColumn<ApplyMode>("mode");
    QTest::addColumn<ErrorCode>("code");
    const auto row = [](const char *name, const TarBuilder &b, ApplyMode mode, ErrorCode code) {
        const std::string t = b.tar();
        QTest::newRow(name) << QByteArray(t.data(), static_cast<int>(t.size())) << mode << code;
    };
    const ErrorCode unsafe = ErrorCode::UnsafePath;
    row("DotDotTraversal", TarBuilder().file("../outside/pwned", "x"), ApplyMode::Diff, unsafe);
    row("DotDotInTheMiddle", TarBuilder().dir("a").file("a/../../outside/pwned", "x"), ApplyMode::Diff, unsafe);
    row("AbsolutePath", TarBuilder().file("/strata-layer-test-pwned", "x"), ApplyMode::Diff, unsafe);
    row("SymlinkEscapeThenWrite", TarBuilder().symlink("escape", "../outside").file("escape/pwned", "x"),
        ApplyMode::Diff, unsafe);
    row("AbsoluteSymlinkClimbsAboveRoot", TarBuilder().symlink("escape", "/../outside").file("escape/pwned", "x"),
        ApplyMode::Diff, unsafe);
    row("SymlinkChainEscape",
        TarBuilder().symlink("a", "b").symlink("b", "c/../../outside").dir("c").file("a/pwned", "x"),
        ApplyMode::Diff, unsafe);
    row("SymlinkLoop", TarBuilder().symlink("a", "b").symlink("b", "a").file("a/x", "x"), ApplyMode::Diff, unsafe);
    row("SymlinkEscapeThenMkdir", TarBuilder().symlink("escape", "../outside").dir("escape/sub"), ApplyMode::Diff,
        unsafe);
    row("DirReplacedBySymlinkThenWrite",
        TarBuilder().dir("a").file("a/ok", "x").symlink("a", "../outside").file("a/pwned", "x"), ApplyMode::Diff,
        unsafe);
    row("HardlinkToOutside", TarBuilder().hardlink("evil", "../outside/secret"), ApplyMode::Diff, unsafe);
    row("HardlinkThroughEscapingSymlink", TarBuilder().symlink("escape", "../outside").hardlink("evil", "escape/secret"),
        ApplyMode::Diff, unsafe);
    // Absolute targets are read from the layer root (containerd): the host's /etc/passwd is not in the layer.
    row("HardlinkAbsolute", TarBuilder().hardlink("evil", "/etc/passwd"), ApplyMode::Diff, unsafe);
    row("HardlinkAbsoluteClimbs", TarBuilder().file("a", "x").hardlink("evil", "/../outside/secret"), ApplyMode::Diff,
        unsafe);
    row("HardlinkToMissing", TarBuilder().hardlink("evil", "nothere"), ApplyMode::Diff, unsafe);
    row("HardlinkToRoot", TarBuilder().hardlink("evil", "./"), ApplyMode::Diff, unsafe);
    row("WhiteoutEscape", TarBuilder().file(".wh...", ""), ApplyMode::Flatten, unsafe);
    row("WhiteoutEscapeDiff", TarBuilder().file("a/.wh...", ""), ApplyMode::Diff, unsafe);
    row("WhiteoutDotDotParent", TarBuilder().file("../.wh.outside", ""), ApplyMode::Flatten, unsafe);
    row("WhiteoutThroughEscapingSymlink", TarBuilder().symlink("escape", "../outside").file("escape/.wh.secret", ""),
        ApplyMode::Flatten, unsafe);
    row("OpaqueThroughEscapingSymlink", TarBuilder().symlink("escape", "../outside").file("escape/.wh..wh..opq", ""),
        ApplyMode::Flatten, unsafe);
    row("WhiteoutOfRoot", TarBuilder().file(".wh..", ""), ApplyMode::Flatten, unsafe);
    row("WhiteoutOfRootDiff", TarBuilder().file("./.wh..", ""), ApplyMode::Diff, unsafe);
    row("ReplaceRootWithFile", TarBuilder().file(".", "x"), ApplyMode::Flatten, unsafe);
    row("ReplaceRootWithSymlink", TarBuilder().symlink(".", "../outside").file("pwned", "x"), ApplyMode::Flatten,
        unsafe);
    row("DeviceNodeUnprivileged", TarBuilder().chardev("dev/null", 1, 3), ApplyMode::Diff,
        ErrorCode::PermissionDenied);
    row("BlockDeviceUnprivileged", TarBuilder().blockdev("dev/sda", 8, 0), ApplyMode::Diff,
        ErrorCode::PermissionDenied);
}

void TestLayerApplier::hostileLayerIsRefused()
{
    QFETCH(QByteArray, tar);
    QFETCH(L::ApplyMode, mode);
    QFETCH(ErrorCode, code);
    Sandbox box;
    const std::string before = box.outsideState();
    L::ApplyOptions options;
    options.mode = mode;
    try {
        applyBytes(tar.toStdString(), box.root, options);
        QFAIL("the layer was applied");
    } catch (const Error &e) {
        QCOMPARE(int(e.code()), int(code));
        QVERIFY2(std::string(e.what()).starts_with("layer entry \""), e.what());
    }
    QCOMPARE(box.outsideState(), before);
    QVERIFY(!present("/strata-layer-test-pwned"));
}

void TestLayerApplier::absoluteNameIsNotWrittenOnTheHost()
{
    Sandbox box;
    QVERIFY_THROWS_EXCEPTION(Error, applyBytes(TarBuilder().dir("/tmp/strata-abs-dir").tar(), box.root));
    QVERIFY(!present("/tmp/strata-abs-dir"));
}

// A directory entry's mode is applied at the end; if a later entry replaced
// the directory by a symlink, that chmod must not land on the link's target.
void TestLayerApplier::directoryFixupDoesNotFollowALaterSymlink()
{
    Sandbox box;
    ::chmod(box.outside.c_str(), 0755);
    const std::string before = box.outsideState();
    applyBytes(TarBuilder().dir("a", 0777).mtime(1).symlink("a", "../outside").tar(), box.root);
    QVERIFY(S_ISLNK(lstatOf(box.root / "a").st_mode));
    QCOMPARE(box.outsideState(), before);
}

// ---- honest entries ----------------------------------------------------

void TestLayerApplier::modesIncludingSpecialBits()
{
    Sandbox box;
    applyBytes(TarBuilder()
                   .dir("tmp", 01777)
                   .dir("shared", 02775)
                   .file("bin/su", "elf", 04755)
                   .file("bin/wall", "elf", 02755)
                   .file("etc/shadow", "x", 0600)
                   .file("etc/ro", "x", 0444)
                   .dir("locked", 0555)
                   .file("locked/inside", "x", 0644)
                   .tar(),
               box.root);
    QCOMPARE(lstatOf(box.root / "tmp").st_mode & 07777, 01777u);
    QCOMPARE(lstatOf(box.root / "shared").st_mode & 07777, 02775u);
    QCOMPARE(lstatOf(box.root / "bin/su").st_mode & 07777, 04755u);
    QCOMPARE(lstatOf(box.root / "bin/wall").st_mode & 07777, 02755u);
    QCOMPARE(lstatOf(box.root / "etc/shadow").st_mode & 07777, 0600u);
    QCOMPARE(lstatOf(box.root / "etc/ro").st_mode & 07777, 0444u);
    QCOMPARE(lstatOf(box.root / "locked").st_mode & 07777, 0555u);
    QCOMPARE(readFile(box.root / "locked/inside"), std::string("x"));
    QCOMPARE(readFile(box.root / "bin/su"), std::string("elf"));
}

void TestLayerApplier::mtimesSurviveLaterContents()
{
    Sandbox box;
    applyBytes(TarBuilder()
                   .dir("d")
                   .mtime(1111111111)
                   .file("d/f", "x")
                   .mtime(1222222222, 123456789)
                   .dir("d/sub")
                   .mtime(1333333333)
                   .file("d/sub/g", "y")
                   .symlink("d/link", "f")
                   .mtime(1444444444)
                   .tar(),
               box.root);
    QCOMPARE(qint64(lstatOf(box.root / "d").st_mtim.tv_sec), Q_INT64_C(1111111111));
    QCOMPARE(qint64(lstatOf(box.root / "d/f").st_mtim.tv_sec), Q_INT64_C(1222222222));
    QCOMPARE(qint64(lstatOf(box.root / "d/f").st_mtim.tv_nsec), Q_INT64_C(123456789));
    QCOMPARE(qint64(lstatOf(box.root / "d/sub").st_mtim.tv_sec), Q_INT64_C(1333333333));
    QCOMPARE(qint64(lstatOf(box.root / "d/link").st_mtim.tv_sec), Q_INT64_C(1444444444));
}

void TestLayerApplier::symlinksAreStoredVerbatim()
{
    Sandbox box;
    applyBytes(TarBuilder()
                   .symlink("abs", "/etc/passwd")
                   .symlink("rel", "../../x/y")
                   .symlink("dangling", "nowhere")
                   .tar(),
               box.root);
    QCOMPARE(fs::read_symlink(box.root / "abs").string(), std::string("/etc/passwd"));
    QCOMPARE(fs::read_symlink(box.root / "rel").string(), std::string("../../x/y"));
    QCOMPARE(fs::read_symlink(box.root / "dangling").string(), std::string("nowhere"));
}

// An absolute target means "from the layer root", as inside the container.
void TestLayerApplier::absoluteSymlinkResolvesInsideRoot()
{
    Sandbox box;
    applyBytes(TarBuilder()
                   .symlink("etc", "/strata-layer-test-data")
                   .file("etc/conf", "inside")
                   .symlink("lib", "usr/lib")
                   .file("lib/libc.so", "elf")
                   .tar(),
               box.root);
    QCOMPARE(readFile(box.root / "strata-layer-test-data/conf"), std::string("inside"));
    QCOMPARE(readFile(box.root / "usr/lib/libc.so"), std::string("elf"));
    QVERIFY(!present("/strata-layer-test-data"));
}

void TestLayerApplier::hardlinksShareAnInode()
{
    Sandbox box;
    // "/a": an absolute target names the layer's own a (containerd's reading).
    applyBytes(TarBuilder().file("a", "same", 0750).hardlink("b", "a").dir("d").hardlink("d/c", "./a").hardlink("d/e", "/a").tar(),
               box.root);
    const auto a = lstatOf(box.root / "a");
    QCOMPARE(lstatOf(box.root / "b").st_ino, a.st_ino);
    QCOMPARE(lstatOf(box.root / "d/c").st_ino, a.st_ino);
    QCOMPARE(lstatOf(box.root / "d/e").st_ino, a.st_ino);
    QCOMPARE(a.st_nlink, nlink_t(4));
    QCOMPARE(a.st_mode & 07777, 0750u);
}

void TestLayerApplier::fifoAndDevices()
{
    Sandbox box;
    applyBytes(TarBuilder().fifo("run/pipe", 0620).tar(), box.root);
    const auto fifo = lstatOf(box.root / "run/pipe");
    QVERIFY(S_ISFIFO(fifo.st_mode));
    QCOMPARE(fifo.st_mode & 07777, 0620u);

    L::ApplyOptions options;
    options.allowDevices = true;
    try {
        applyBytes(TarBuilder().chardev("dev/null", 1, 3).blockdev("dev/loop9", 7, 9).tar(), box.root, options);
    } catch (const Error &e) {
        if (e.code() == ErrorCode::PermissionDenied)
            QSKIP("mknod refused here (needs CAP_MKNOD outside a user namespace)");
        throw;
    }
    const auto chr = lstatOf(box.root / "dev/null");
    QVERIFY(S_ISCHR(chr.st_mode));
    QCOMPARE(major(chr.st_rdev), 1u);
    QCOMPARE(minor(chr.st_rdev), 3u);
    QVERIFY(S_ISBLK(lstatOf(box.root / "dev/loop9").st_mode));
}

void TestLayerApplier::ownershipWhenAsked()
{
    if (::geteuid() != 0)
        QSKIP("chown to other users needs root");
    Sandbox box;
    const std::string tar = TarBuilder()
                                .dir("home", 0755)
                                .owner(1234, 5678)
                                .file("home/suid", "x", 04755)
                                .owner(1234, 5678)
                                .symlink("home/link", "suid")
                                .owner(42, 43)
                                .tar();
    applyBytes(tar, box.root);
    QCOMPARE(lstatOf(box.root / "home/suid").st_uid, ::geteuid());

    Sandbox owned;
    L::ApplyOptions options;
    options.preserveOwnership = true;
    applyBytes(tar, owned.root, options);
    const auto suid = lstatOf(owned.root / "home/suid");
    QCOMPARE(suid.st_uid, uid_t(1234));
    QCOMPARE(suid.st_gid, gid_t(5678));
    QCOMPARE(suid.st_mode & 07777, 04755u); // chmod after chown keeps setuid
    QCOMPARE(lstatOf(owned.root / "home").st_uid, uid_t(1234));
    QCOMPARE(lstatOf(owned.root / "home/link").st_uid, uid_t(42));
}

void TestLayerApplier::xattrsWhenAsked()
{
    Sandbox box;
    if (::setxattr(box.root.c_str(), "user.probe", "1", 1, 0) != 0)
        QSKIP("this file system has no user xattrs");
    const std::string tar = TarBuilder()
                                .dir("d")
                                .xattr("user.dir", "dv")
                                .xattr("trusted.overlay.opaque", "y")
                                .file("d/f", "x")
                                .xattr("user.mime", "text/plain")
                                .tar();
    L::ApplyOptions options;
    options.preserveXattrs = true;
    applyBytes(tar, box.root, options);
    char value[64] = {};
    QCOMPARE(::getxattr((box.root / "d/f").c_str(), "user.mime", value, sizeof value), ssize_t(10));
    QCOMPARE(std::string(value), std::string("text/plain"));
    QCOMPARE(::getxattr((box.root / "d").c_str(), "user.dir", value, sizeof value), ssize_t(2));
    // overlayfs metadata from a tar is never set.
    QCOMPARE(::getxattr((box.root / "d").c_str(), "trusted.overlay.opaque", value, sizeof value), ssize_t(-1));

    Sandbox plain;
    applyBytes(tar, plain.root);
    QCOMPARE(::getxattr((plain.root / "d/f").c_str(), "user.mime", value, sizeof value), ssize_t(-1));
}

void TestLayerApplier::namesAreNormalised()
{
    Sandbox box;
    applyBytes(TarBuilder().dir("./a//b/").file("./a/./b//c", "x").file("d//e", "y").tar(), box.root);
    QVERIFY(S_ISDIR(lstatOf(box.root / "a/b").st_mode));
    QCOMPARE(readFile(box.root / "a/b/c"), std::string("x"));
    QCOMPARE(readFile(box.root / "d/e"), std::string("y"));
}

void TestLayerApplier::rootDirectoryEntrySetsRootMode()
{
    Sandbox box;
    applyBytes(TarBuilder().dir("./", 0750).mtime(1500000000).file("f", "x").tar(), box.root);
    QCOMPARE(lstatOf(box.root).st_mode & 07777, 0750u);
    QCOMPARE(qint64(lstatOf(box.root).st_mtim.tv_sec), Q_INT64_C(1500000000));
}

void TestLayerApplier::existingDirectoryMerges()
{
    Sandbox box;
    fs::create_directories(box.root / "d");
    writeFile(box.root / "d/old", "lower");
    applyBytes(TarBuilder().dir("d", 0700).mtime(1000).file("d/new", "upper").tar(), box.root, flatten());
    QCOMPARE(readFile(box.root / "d/old"), std::string("lower"));
    QCOMPARE(readFile(box.root / "d/new"), std::string("upper"));
    QCOMPARE(lstatOf(box.root / "d").st_mode & 07777, 0700u);
    QCOMPARE(qint64(lstatOf(box.root / "d").st_mtim.tv_sec), Q_INT64_C(1000));
}

// image-spec layer.md "Changes": entries replace non-directories; a
// non-directory replaces a directory with all it holds.
void TestLayerApplier::replacementRules()
{
    Sandbox box;
    applyBytes(TarBuilder()
                   .dir("dir2file")
                   .file("dir2file/child", "x")
                   .file("file2dir", "x")
                   .dir("dir2link")
                   .file("dir2link/child", "x")
                   .file("file2file", "old")
                   .symlink("link2dir", "dir2link")
                   .tar(),
               box.root);
    applyBytes(TarBuilder()
                   .file("dir2file", "now a file")
                   .dir("file2dir")
                   .file("file2dir/child", "y")
                   .symlink("dir2link", "elsewhere")
                   .file("file2file", "new")
                   .dir("link2dir")
                   .tar(),
               box.root, flatten());
    QCOMPARE(readFile(box.root / "dir2file"), std::string("now a file"));
    QCOMPARE(readFile(box.root / "file2dir/child"), std::string("y"));
    QCOMPARE(fs::read_symlink(box.root / "dir2link").string(), std::string("elsewhere"));
    QCOMPARE(readFile(box.root / "file2file"), std::string("new"));
    QVERIFY(S_ISDIR(lstatOf(box.root / "link2dir").st_mode));
}

void TestLayerApplier::replacingASymlinkDoesNotWriteThroughIt()
{
    Sandbox box;
    fs::create_symlink("../outside/secret", box.root / "x");
    const std::string before = box.outsideState();
    applyBytes(TarBuilder().file("x", "replaced").tar(), box.root, flatten());
    QCOMPARE(readFile(box.root / "x"), std::string("replaced"));
    QCOMPARE(box.outsideState(), before);
}

void TestLayerApplier::replacingAHardlinkLeavesItsTwin()
{
    Sandbox box;
    writeFile(box.root / "a", "lower");
    fs::create_hard_link(box.root / "a", box.root / "b");
    applyBytes(TarBuilder().file("b", "upper").tar(), box.root, flatten());
    QCOMPARE(readFile(box.root / "a"), std::string("lower"));
    QCOMPARE(readFile(box.root / "b"), std::string("upper"));
}

// Go's archive/tar (so every Docker layer) puts a non-ASCII name in a pax
// "path" record, bytes as they are, without hdrcharset: decomposed UTF-8
// must not come out NFC-normalised, nor bytes that are not UTF-8 mangled.
void TestLayerApplier::goPaxRecordsKeepTheirBytes()
{
    Sandbox box;
    const std::string nfd = "cafe\xcc\x81", raw = "raw-\xfe\xff";
    applyBytes(goStylePaxTar({{nfd, "nfd", ""}, {raw, "raw", ""}, {"link-" + nfd, "", nfd}}), box.root, {});
    QCOMPARE(readFile(box.root / nfd), std::string("nfd"));
    QCOMPARE(readFile(box.root / raw), std::string("raw"));
    QCOMPARE(fs::read_symlink(box.root / ("link-" + nfd)).string(), nfd);
    std::vector<std::string> names;
    for (const auto &e : fs::directory_iterator(box.root))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    QCOMPARE(names, (std::vector<std::string>{nfd, "link-" + nfd, raw}));
}

void TestLayerApplier::longAndUtf8Names_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("pax") << int(TarBuilder::Format::Pax);
    QTest::newRow("gnu") << int(TarBuilder::Format::Gnu);
}

void TestLayerApplier::longAndUtf8Names()
{
    QFETCH(int, format);
    Sandbox box;
    const std::string dir(120, 'd');
    const std::string name = dir + "/" + std::string(150, 'f');
    const std::string target = std::string(130, 't');
    applyBytes(TarBuilder()
                   .dir(dir)
                   .file(name, "long")
                   .symlink(dir + "/link", target)
                   .file("caf\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac", "utf8")
                   .file("cafe\xcc\x81", "nfd")   // decomposed: never normalised to the precomposed name
                   .file("raw-\xff\xfe", "bytes") // not UTF-8 at all: the bytes as they are
                   .tar(TarBuilder::Format(format)),
               box.root);
    // libarchive 3.6 NFC-normalises UTF-8 pax path records (docs/SECURITY.md): GNU headers keep the bytes.
    if (TarBuilder::Format(format) == TarBuilder::Format::Gnu) {
        QCOMPARE(readFile(box.root / "cafe\xcc\x81"), std::string("nfd"));
        QVERIFY(!present(box.root / "caf\xc3\xa9"));
    }
    QCOMPARE(readFile(box.root / "raw-\xff\xfe"), std::string("bytes"));
    QCOMPARE(readFile(box.root / name), std::string("long"));
    QCOMPARE(fs::read_symlink(box.root / dir / "link").string(), target);
    QCOMPARE(readFile(box.root / "caf\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac"), std::string("utf8"));
}

void TestLayerApplier::progressIsBatched()
{
    Sandbox box;
    TarBuilder b;
    for (int d = 0; d < 30; ++d) {
        b.dir("d" + std::to_string(d));
        for (int f = 0; f < 100; ++f)
            b.file("d" + std::to_string(d) + "/f" + std::to_string(f), "x");
    }
    const std::string tar = b.tar();
    int calls = 0;
    std::uint64_t lastEntries = 0;
    L::ApplyOptions options;
    options.onProgress = [&](const L::ApplyProgress &p) {
        ++calls;
        QVERIFY(p.entries >= lastEntries);
        lastEntries = p.entries;
    };
    QElapsedTimer timer;
    timer.start();
    const auto r = applyBytes(tar, box.root, options);
    QCOMPARE(r.entries, std::uint64_t(3030));
    QCOMPARE(lastEntries, std::uint64_t(3030));
    QVERIFY(calls >= 1);
    QVERIFY2(calls <= 3030 / 1000 + timer.elapsed() / 50 + 2, qPrintable(QString::number(calls)));
}

void TestLayerApplier::resultCounts()
{
    Sandbox box;
    const auto r =
        applyBytes(TarBuilder().dir("d").file("d/a", "12345").file("d/b", "678").symlink("l", "d").tar(), box.root);
    QCOMPARE(r.entries, std::uint64_t(4));
    QCOMPARE(r.contentBytes, std::uint64_t(8));
    QCOMPARE(r.whiteouts, std::uint64_t(0));
    QCOMPARE(int(r.compression), int(L::Compression::None));
}

// ---- caps (ReadLimits) ---------------------------------------------------

void TestLayerApplier::capsRefuseWithTheirName_data()
{
    QTest::addColumn<QByteArray>("tar");
    QTest::addColumn<QString>("variable");
    const auto row = [](const char *name, const TarBuilder &b, const char *variable) {
        const std::string t = b.tar();
        QTest::newRow(name) << QByteArray(t.data(), static_cast<int>(t.size())) << QString(variable);
    };
    TarBuilder many;
    for (int i = 0; i < 11; ++i)
        many.file("f" + std::to_string(i), "");
    row("entries", many, "STRATA_LAYER_MAX_ENTRIES");
    row("uncompressed bytes", TarBuilder().file("big", std::string(200 * 1024, 'x')), "STRATA_LAYER_MAX_BYTES");
    row("file size", TarBuilder().file("big", std::string(2000, 'x')), "STRATA_LAYER_MAX_FILE_SIZE");
    row("name length", TarBuilder().file(std::string(300, 'n'), ""), "STRATA_LAYER_MAX_NAME");
    row("link length", TarBuilder().symlink("l", std::string(300, 't')), "STRATA_LAYER_MAX_NAME");
    std::string deep;
    for (int i = 0; i < 20; ++i)
        deep += "d/";
    row("depth", TarBuilder().file(deep + "f", ""), "STRATA_LAYER_MAX_DEPTH");
}

void TestLayerApplier::capsRefuseWithTheirName()
{
    QFETCH(QByteArray, tar);
    QFETCH(QString, variable);
    Sandbox box;
    L::ApplyOptions options;
    options.limits.maxEntries = 10;
    options.limits.maxTarBytes = 100 * 1024;
    options.limits.maxFileSize = 1000;
    options.limits.maxNameBytes = 256;
    options.limits.maxDepth = 16;
    try {
        applyBytes(tar.toStdString(), box.root, options);
        QFAIL("the layer was applied");
    } catch (const Error &e) {
        QCOMPARE(int(e.code()), int(ErrorCode::InvalidArchive));
        QVERIFY2(std::string(e.what()).find("exceeds the cap of") != std::string::npos, e.what());
        QVERIFY2(std::string(e.what()).find(variable.toStdString() + " raises it") != std::string::npos, e.what());
    }
}

// The resolver walks a loop, not a recursion: 1000 levels (the default cap
// is 1024) apply, and the file is where the name says.
void TestLayerApplier::deepNamesWithinTheCapApply()
{
    Sandbox box;
    std::string deep;
    for (int i = 0; i < 1000; ++i)
        deep += "d/";
    applyBytes(TarBuilder().file(deep + "f", "deep").tar(), box.root);
    const int rootFd = ::open(box.root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    QVERIFY(rootFd >= 0);
    const int fd = ::openat(rootFd, (deep + "f").c_str(), O_RDONLY | O_CLOEXEC);
    ::close(rootFd);
    QVERIFY2(fd >= 0, "the deep file is missing");
    char buf[8] = {};
    QCOMPARE(::read(fd, buf, sizeof buf), ssize_t(4));
    ::close(fd);
    QCOMPARE(std::string(buf), std::string("deep"));
}

void TestLayerApplier::capsComeFromTheEnvironment()
{
    qputenv("STRATA_LAYER_MAX_ENTRIES", "3");
    qputenv("STRATA_LAYER_MAX_BYTES", "4096");
    const L::ReadLimits limits = L::ReadLimits::fromEnvironment();
    QCOMPARE(limits.maxEntries, std::uint64_t(3));
    QCOMPARE(limits.maxTarBytes, std::uint64_t(4096));
    QCOMPARE(limits.maxDepth, L::ReadLimits{}.maxDepth);
    qputenv("STRATA_LAYER_MAX_ENTRIES", "lots");
    try {
        (void)L::ReadLimits::fromEnvironment();
        QFAIL("a malformed cap was accepted");
    } catch (const Error &e) {
        QCOMPARE(QString(e.what()), QString("STRATA_LAYER_MAX_ENTRIES=\"lots\": expected a positive integer"));
    }
    qunsetenv("STRATA_LAYER_MAX_ENTRIES");
    qunsetenv("STRATA_LAYER_MAX_BYTES");
}

QTEST_GUILESS_MAIN(TestLayerApplier)
#include "tst_LayerApplier.moc"
