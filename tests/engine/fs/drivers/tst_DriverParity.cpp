// SPDX-License-Identifier: GPL-3.0-or-later
// The same container operations through both drivers must leave container
// layers that read alike: the same entries of the same kinds in diff/, the
// same `docker diff`, and the lowers plus diff/ giving back the merged view.
// Overlay does it in the kernel, userspace by comparing trees afterwards;
// this is where the two are held to one behaviour.
#include "DriverTestKit.h"

#include "engine/Error.h"
#include "engine/fs/UnionView.h"
#include "engine/fs/drivers/UpperWalk.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <functional>
#include <sys/stat.h>

using namespace strata::engine;
using namespace strata::test;
using namespace strata::test::drivers;

namespace {

using Script = std::function<void(const stdfs::path &merged)>;

const std::map<QString, Script> &scripts()
{
    static const std::map<QString, Script> all = {
        {"ModifyInPlace", [](const stdfs::path &m) { writeFile(m / "etc/web.conf", "port=9090\n"); }},
        {"DeleteFile", [](const stdfs::path &m) { stdfs::remove(m / "etc/passwd"); }},
        {"DeleteDirectory", [](const stdfs::path &m) { stdfs::remove_all(m / "etc/app"); }},
        {"DeleteBaseDirectory", [](const stdfs::path &m) { stdfs::remove_all(m / "bin"); }},
        {"RecreateDirectory",
         [](const stdfs::path &m) {
             stdfs::remove_all(m / "etc/app");
             stdfs::create_directory(m / "etc/app");
             writeFile(m / "etc/app/n", "n");
         }},
        {"FileReplacesDirectory",
         [](const stdfs::path &m) {
             stdfs::remove_all(m / "etc/app");
             writeFile(m / "etc/app", "now a file");
         }},
        {"DirectoryReplacesFile",
         [](const stdfs::path &m) {
             stdfs::remove(m / "etc/passwd");
             writeFile(m / "etc/passwd/x", "x");
         }},
        {"Chmod", [](const stdfs::path &m) { ::chmod((m / "etc/passwd").c_str(), 0600); }},
        {"SymlinkRetarget",
         [](const stdfs::path &m) {
             stdfs::remove(m / "bin/sh");
             stdfs::create_symlink("other", m / "bin/sh");
         }},
        {"RenameFile", [](const stdfs::path &m) { stdfs::rename(m / "etc/passwd", m / "etc/passwd.bak"); }},
        {"DeleteThenRecreateFile",
         [](const stdfs::path &m) {
             stdfs::remove(m / "etc/web.conf");
             writeFile(m / "etc/web.conf", "new\n");
         }},
        {"NewTree", [](const stdfs::path &m) { writeFile(m / "a/b/c/f", "f"); }},
    };
    return all;
}

struct Outcome {
    QString upper;   // "path kind" lines
    QString changes; // docker diff lines
};

} // namespace

class TestDriverParity : public QObject {
    Q_OBJECT

    Outcome run(const std::string &driverName, const QString &scriptName, const stdfs::path &root)
    {
        events::EventBus bus;
        auto driver = fs::drivers::makeDriver(driverName, {&bus, root / "tmp", root / "l"});
        const auto lowers = makeLowers(root / "layers");
        const auto container = root / "c";
        driver->mount(lowers, container);
        struct Unmount {
            fs::drivers::UnionDriver &driver;
            stdfs::path container;
            ~Unmount() { driver.unmount(container); }
        } unmountLater{*driver, container};
        scripts().at(scriptName)(container / "merged");
        driver->sync(lowers, container);
        Outcome out;
        std::vector<std::string> lines;
        for (const auto &e : fs::drivers::walkUpper(container / "diff", driver->upperWhiteouts(), {}))
            lines.push_back(e.path + " " + std::to_string(int(e.kind)));
        out.upper = joinLines(lines);
        out.changes = joinLines(diffLines(driver->changes(lowers, container)));

        // lowers + diff/ read as one more layer give back what merged/ shows
        std::vector<fs::LayerDir> layers;
        for (const auto &l : lowers)
            layers.push_back({l.dir, l.whiteouts});
        layers.push_back({container / "diff", driver->upperWhiteouts()});
        std::vector<std::string> rebuilt;
        const auto view = fs::UnionView::build(layers);
        for (const auto &[path, entry] : view.merged())
            rebuilt.push_back(path);
        [&] { QCOMPARE(joinLines(rebuilt), joinLines(listTree(container / "merged"))); }();
        return out;
    }

private Q_SLOTS:
    void bothDriversRecordTheSameLayer_data()
    {
        QTest::addColumn<QString>("script");
        for (const auto &[name, script] : scripts())
            QTest::newRow(qPrintable(name)) << name;
    }

    void bothDriversRecordTheSameLayer()
    {
        QFETCH(QString, script);
        QTemporaryDir overlayRoot, userspaceRoot;
        Outcome overlay;
        try {
            overlay = run("overlay", script, overlayRoot.path().toStdString());
        } catch (const Error &e) {
            if (e.code() == ErrorCode::Unsupported)
                QSKIP(qPrintable(QStringLiteral("the kernel refused an overlay mount here: %1").arg(e.what())));
            throw;
        }
        if (QTest::currentTestFailed())
            return;
        const Outcome userspace = run("userspace", script, userspaceRoot.path().toStdString());
        QCOMPARE(userspace.upper, overlay.upper);
        QCOMPARE(userspace.changes, overlay.changes);
        QVERIFY(!overlay.changes.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDriverParity)
#include "tst_DriverParity.moc"
