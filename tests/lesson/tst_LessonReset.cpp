// SPDX-License-Identifier: GPL-3.0-or-later
// A lesson's reset never traps the student: running, paused and --rm
// containers are all removed (ps -a empty afterwards); one it cannot remove,
// or a mount left inside the store, is reported as a clear Conflict before
// anything is deleted (the store stays whole) and a later reset succeeds.
#include "engine/Engine.h"
#include "engine/Error.h"
#include "engine/cli/CliCommandRunner.h"
#include "engine/lesson/LessonLibrary.h"
#include "engine/lesson/LessonRunner.h"
#include "engine/util/MountTable.h"
#include "tests/support/StoreCleanup.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <fstream>

using namespace strata::engine;
using namespace strata::engine::lesson;
namespace sfs = std::filesystem;

namespace {

// chattr +i / -i: what even root cannot change or delete. False when the
// file system has no such flag.
bool setImmutable(const sfs::path &file, bool on)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    int flags = 0;
    bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
    ok = ok && ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    ::close(fd);
    return ok;
}

} // namespace

class TestLessonReset : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LessonRunner> m_runner;

    sfs::path root() const { return m_runner->root(); }

    int run(const std::string &line)
    {
        const auto r = m_runner->runLine(line);
        if (r.exitCode != 0)
            qWarning("%s: exit %d: %s", line.c_str(), r.exitCode, r.err.c_str());
        return r.exitCode;
    }

    // A file of the lesson's own beside its images: gone only when the store is.
    sfs::path marker() const { return root() / "marker"; }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("lessons run containers: needs root (CI runs this suite as root)");
        if (!sfs::exists("/bin/busybox"))
            QSKIP("needs /bin/busybox (busybox-static) for the builtin image");
        RunnerOptions o;
        o.root = sfs::path(m_dir.path().toStdString()) / "root";
        o.runCommand = cli::commandRunner();
        o.resetDeadline = std::chrono::seconds(2);
        m_runner = std::make_unique<LessonRunner>(findLesson(STRATA_TEST_LESSONS_DIR, "1"), o);
        m_runner->reset(false);
    }

    void cleanupTestCase()
    {
        if (!m_runner)
            return;
        m_runner.reset();
        QVERIFY(strata::test::clearStore(QString::fromStdString((sfs::path(m_dir.path().toStdString()) / "root").string())));
    }

    void resetRemovesRunningPausedAndRmContainers()
    {
        QCOMPARE(run("run -d --name up strata/busybox sleep 300"), 0);
        QCOMPARE(run("run -d --name frozen strata/busybox sleep 300"), 0);
        QCOMPARE(run("pause frozen"), 0);
        QCOMPARE(run("run -d --rm --name gone strata/busybox sleep 300"), 0);
        QCOMPARE(run("create --name idle strata/busybox true"), 0);
        QCOMPARE(m_runner->engine().containers(true).size(), std::size_t{4});
        m_runner->reset(false);
        QCOMPARE(m_runner->engine().containers(true).size(), std::size_t{0});
        QVERIFY(fsutil::mountPointsUnder(root()).empty());
    }

    void aContainerThatWillNotGoIsReportedAndTheStoreKept()
    {
        // Its directory immutable: rm -f fails there as it can under a busy kernel.
        QCOMPARE(run("create --name stuck strata/busybox true"), 0);
        const sfs::path pin = root() / "containers" / m_runner->engine().resolveContainer("stuck");
        std::ofstream(marker()) << "kept\n";
        if (!setImmutable(pin, true))
            QSKIP("this file system has no immutable flag (chattr +i)");
        QString message;
        try {
            m_runner->reset(false);
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Conflict);
            message = QString::fromUtf8(e.what());
        }
        QVERIFY(setImmutable(pin, false));
        QVERIFY2(message.contains("could not remove container stuck") && message.contains("left as it was"),
                 qPrintable(message));
        // Nothing deleted: the marker, the images and the container's record are there.
        QVERIFY(sfs::exists(marker()));
        QVERIFY(!m_runner->engine().images().empty());
        QCOMPARE(m_runner->engine().containers(true).size(), std::size_t{1});
        // Not trapped: the next reset goes through.
        m_runner->reset(false);
        QCOMPARE(m_runner->engine().containers(true).size(), std::size_t{0});
        QVERIFY(!sfs::exists(marker()));
    }

    void aMountLeftInsideIsReportedBeforeAnythingIsDeleted()
    {
        std::ofstream(marker()) << "kept\n";
        const sfs::path mnt = root() / "left-mounted";
        sfs::create_directories(mnt);
        QVERIFY(::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=1m") == 0);
        QString message;
        try {
            m_runner->reset(false);
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Conflict);
            message = QString::fromUtf8(e.what());
        }
        QVERIFY(::umount(mnt.c_str()) == 0);
        QVERIFY2(message.contains(QString::fromStdString(mnt.string()) + " is still mounted") &&
                     message.contains("left as it was"),
                 qPrintable(message));
        QVERIFY(sfs::exists(marker()));
        QVERIFY(!m_runner->engine().images().empty());
        m_runner->reset(false);
        QVERIFY(!sfs::exists(marker()) && !sfs::exists(mnt));
        QVERIFY(!sfs::exists(root().string() + ".removing"));
    }
};

QTEST_GUILESS_MAIN(TestLessonReset)
#include "tst_LessonReset.moc"
