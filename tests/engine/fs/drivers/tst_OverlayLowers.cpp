// SPDX-License-Identifier: GPL-3.0-or-later
// The overlay driver's own concerns: store layers (OCI markers) converted to
// what overlayfs reads, short link names so 120 layers fit in one page of
// mount options, and a rootless mount inside a user namespace.
#include "DriverTestKit.h"

#include "engine/Error.h"
#include "engine/fs/drivers/OverlayDriver.h"
#include "engine/fs/drivers/OverlayLowers.h"
#include "engine/fs/drivers/UpperWalk.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace strata::engine;
using namespace strata::test;
using namespace strata::test::drivers;
using fs::drivers::OverlayXattrs;

namespace {

std::string xattr(const stdfs::path &p, const char *name)
{
    char v[16] = {};
    const ssize_t n = ::lgetxattr(p.c_str(), name, v, sizeof v);
    return n < 0 ? std::string() : std::string(v, static_cast<std::size_t>(n));
}

std::string hexName(int i)
{
    std::string s = Digest::ofBytes(std::to_string(i)).hex();
    return s;
}

// `count` layers under root/layers/<64 hex>/diff: each adds f<i> and replaces
// "shared"; every tenth (i % 10 == 5) whites out the previous layer's file.
fs::drivers::Lowers manyLayers(const stdfs::path &root, int count)
{
    fs::drivers::Lowers lowers;
    for (int i = 0; i < count; ++i) {
        const auto dir = root / "layers" / hexName(i) / "diff";
        writeFile(dir / ("f" + std::to_string(i)), std::to_string(i));
        writeFile(dir / "shared", std::to_string(i));
        if (i % 10 == 5)
            writeFile(dir / (".wh.f" + std::to_string(i - 1)), "");
        lowers.push_back({dir, layer::WhiteoutFormat::OciMarkers, "sha256:" + hexName(i)});
    }
    return lowers;
}

} // namespace

class TestOverlayLowers : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    stdfs::path m_root;
    events::EventBus m_bus;
    std::unique_ptr<fs::drivers::UnionDriver> m_driver;
    std::vector<stdfs::path> m_mounted;

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_root = m_tmp->path().toStdString();
        try {
            m_driver = fs::drivers::makeDriver("overlay", {&m_bus, m_root / "tmp", m_root / "l"});
        } catch (const Error &e) {
            QSKIP(qPrintable(QStringLiteral("the kernel refused an overlay mount here: %1").arg(e.what())));
        }
    }

    void cleanup()
    {
        for (const auto &c : m_mounted)
            m_driver->unmount(c);
        m_mounted.clear();
        m_driver.reset();
        m_tmp.reset();
    }

    void markersBecomeWhiteoutDevicesAndOpaqueXattrs()
    {
        const auto diff = m_root / "layer" / "diff";
        writeFile(diff / "etc/.wh.motd", "");
        writeFile(diff / "etc/app/.wh..wh..opq", "");
        writeFile(diff / "etc/app/c", "c");
        writeFile(diff / "etc/conf.d/x", "x");
        writeFile(diff / "etc/.wh.conf.d", ""); // whited out and made anew in the same layer
        stdfs::create_symlink("app", diff / "etc/link");
        const auto view = fs::drivers::prepareOverlayView(fs::drivers::Lowers{{diff, layer::WhiteoutFormat::OciMarkers, ""}}, 0,
                                                          OverlayXattrs::Trusted);
        QCOMPARE(view, m_root / "layer" / "ovl");
        struct stat st {};
        QVERIFY(::lstat((view / "etc/motd").c_str(), &st) == 0);
        QVERIFY(S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0));
        QCOMPARE(xattr(view / "etc/app", "trusted.overlay.opaque"), std::string("y"));
        QCOMPARE(xattr(view / "etc/conf.d", "trusted.overlay.opaque"), std::string("y"));
        QCOMPARE(xattr(view / "etc", "trusted.overlay.opaque"), std::string());
        QCOMPARE(xattr(view / "etc/app", "user.overlay.opaque"), std::string()); // one spelling per view
        struct stat a {}, b {};
        QVERIFY(::lstat((diff / "etc/app/c").c_str(), &a) == 0 && ::lstat((view / "etc/app/c").c_str(), &b) == 0);
        QCOMPARE(a.st_ino, b.st_ino); // hardlinked, not copied
        QCOMPARE(stdfs::read_symlink(view / "etc/link").string(), std::string("app"));
        for (const auto &p : listTree(view))
            QVERIFY2(p.find(".wh.") == std::string::npos, p.c_str());
        // The store's copy keeps the OCI spelling.
        QVERIFY(present(diff / "etc/.wh.motd") && present(diff / "etc/app/.wh..wh..opq"));
        // Made once: a second call reuses it.
        struct stat before {}, after {};
        ::lstat(view.c_str(), &before);
        QCOMPARE(fs::drivers::prepareOverlayView(fs::drivers::Lowers{{diff, layer::WhiteoutFormat::OciMarkers, ""}}, 0, OverlayXattrs::Trusted),
                 view);
        ::lstat(view.c_str(), &after);
        QCOMPARE(before.st_ino, after.st_ino);
    }

    void aLayerWithoutMarkersIsUsedAsItIs()
    {
        const auto diff = m_root / "plain" / "diff";
        writeFile(diff / "bin/busybox", "ELF");
        const auto view =
            fs::drivers::prepareOverlayView(fs::drivers::Lowers{{diff, layer::WhiteoutFormat::OciMarkers, ""}}, 0, OverlayXattrs::Trusted);
        QCOMPARE(stdfs::read_symlink(view).string(), std::string("diff"));
        QCOMPARE(stdfs::canonical(view), stdfs::canonical(diff));
    }

    void shortLinksAreStableAndPruned()
    {
        const auto diff = m_root / "layer" / "diff";
        writeFile(diff / "f", "f");
        const auto view =
            fs::drivers::prepareOverlayView(fs::drivers::Lowers{{diff, layer::WhiteoutFormat::OciMarkers, ""}}, 0, OverlayXattrs::Trusted);
        fs::drivers::ShortLinks links(m_root / "l");
        const auto linkFile = fs::drivers::linkNamePath(diff, OverlayXattrs::Trusted);
        const std::string name = links.linkFor(linkFile, view);
        QCOMPARE(name.size(), fs::drivers::ShortLinks::kNameLength);
        QCOMPARE(links.linkFor(linkFile, view), name);
        QCOMPARE(stdfs::canonical(m_root / "l" / name), stdfs::canonical(diff));
        QVERIFY(stdfs::read_symlink(m_root / "l" / name).is_relative()); // the store can move
        stdfs::remove_all(m_root / "layer");                             // the store deleted the layer
        links.pruneDangling();
        QVERIFY(!present(m_root / "l" / name));
    }

    void hundredTwentyLayersMount()
    {
        const auto lowers = manyLayers(m_root, 120);
        const auto container = m_root / "containers" / hexName(1000);
        const auto info = m_driver->mount(lowers, container);
        m_mounted.push_back(container);
        QVERIFY(info.options.size() <= fs::drivers::OverlayDriver::kMaxMountData);
        QVERIFY2(info.lowerDir.size() > 4096, "the absolute lowerdir alone would not have fitted");
        const auto merged = container / "merged";
        QCOMPARE(readFile(merged / "shared"), std::string("119"));
        QCOMPARE(readFile(merged / "f0"), std::string("0"));
        QCOMPARE(readFile(merged / "f119"), std::string("119"));
        QVERIFY(!present(merged / "f4"));   // whited out by layer 5
        QVERIFY(!present(merged / "f114")); // by layer 115
        QCOMPARE(listTree(merged).size(), std::size_t{120 - 12 + 1});
        writeFile(merged / "f0", "changed");
        const auto r = m_driver->sync(lowers, container);
        QCOMPARE(r.copiedUp, std::uint64_t{1});
        QCOMPARE(readFile(lowers[0].dir / "f0"), std::string("0"));
    }

    void tooManyLayersAreRefusedWithTheReason()
    {
        const auto lowers = manyLayers(m_root, 160);
        try {
            (void)m_driver->mount(lowers, m_root / "containers" / "big");
            QFAIL("mounted 160 layers in one page of options?");
        } catch (const Error &e) {
            QCOMPARE(int(e.code()), int(ErrorCode::Unsupported));
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("4095")), e.what());
        }
    }

    void rootlessMountUsesUserXattrs()
    {
        const auto lowers = makeLowers(m_root / "layers");
        const auto container = m_root / "containers" / "rootless";
        // A child in a new user + mount namespace, mapped to root: what a
        // rootless engine sees. The test process has threads (Qt), and
        // unshare(CLONE_NEWUSER) wants a single-threaded caller: fork first.
        const pid_t pid = ::fork();
        if (pid == 0) {
            if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
                ::_exit(10);
            writeFile("/proc/self/setgroups", "deny");
            writeFile("/proc/self/uid_map", "0 0 1");
            writeFile("/proc/self/gid_map", "0 0 1");
            if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
                ::_exit(11);
            int code = 0;
            try {
                events::EventBus bus;
                fs::drivers::OverlayDriver driver(bus, {"overlay", "test"}, m_root / "l");
                const auto info = driver.mount(lowers, container);
                if (info.options.find("userxattr") == std::string::npos)
                    code = 12;
                else if (present(container / "merged/etc/app/a") || !present(container / "merged/etc/app/c"))
                    code = 13; // the layer's opaque dir must hide L0's files
                stdfs::remove_all(container / "merged/etc/app");
                stdfs::create_directory(container / "merged/etc/app");
                if (!code && xattr(container / "diff/etc/app", "user.overlay.opaque") != "y")
                    code = 14;
                if (!code && driver.changes(lowers, container).size() != 3) // C /etc, C /etc/app, D /etc/app/c
                    code = 15;
                driver.unmount(container);
            } catch (const std::exception &) {
                code = 20;
            }
            ::_exit(code);
        }
        int status = 0;
        QVERIFY(::waitpid(pid, &status, 0) == pid);
        QVERIFY(WIFEXITED(status));
        if (WEXITSTATUS(status) == 10 || WEXITSTATUS(status) == 20)
            QSKIP("no user namespaces or no overlayfs inside one on this kernel");
        QCOMPARE(WEXITSTATUS(status), 0);
        QVERIFY(present(lowers[2].dir.parent_path() / "ovl-user"));
    }
};

QTEST_GUILESS_MAIN(TestOverlayLowers)
#include "tst_OverlayLowers.moc"
