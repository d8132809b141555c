// SPDX-License-Identifier: GPL-3.0-or-later
// The cgroup v2 half of the device policy, for real: Docker's default rules
// as a BPF program on a fresh cgroup2 directory, and a child moved into it
// that may open /dev/null but not /dev/tty1 (c 4:1). Hosts with only cgroup
// v1 devices still need this path the day they move to cgroup v2.
#include "engine/Error.h"
#include "engine/security/DeviceCgroup.h"

#include <QtTest/QTest>

#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace strata::engine;

namespace {

constexpr long kCgroup2Magic = 0x63677270;

std::string cgroup2Root()
{
    for (const char *p : {"/sys/fs/cgroup/unified", "/sys/fs/cgroup"}) {
        struct statfs sf{};
        if (::statfs(p, &sf) == 0 && static_cast<long>(sf.f_type) == kCgroup2Magic)
            return p;
    }
    return {};
}

// In a child moved into `cgroup`: 0 when `path` opened, else errno.
int openErrnoInside(const std::string &cgroup, const char *path, int flags)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int procs = ::open((cgroup + "/cgroup.procs").c_str(), O_WRONLY);
        if (procs < 0 || ::write(procs, "0", 1) != 1)
            ::_exit(255);
        const int fd = ::open(path, flags);
        ::_exit(fd >= 0 ? 0 : errno);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

class TestDeviceProgram : public QObject {
    Q_OBJECT

    std::string m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: loading a BPF device program needs CAP_SYS_ADMIN");
        const std::string root = cgroup2Root();
        if (root.empty())
            QSKIP("no cgroup2 hierarchy mounted");
        if (!std::filesystem::exists("/dev/tty1"))
            QSKIP("needs /dev/tty1 (c 4:1) to stand for a host device");
        m_dir = root + "/strata-test-devprog-" + std::to_string(::getpid());
        QVERIFY2(::mkdir(m_dir.c_str(), 0755) == 0, m_dir.c_str());
    }

    void cleanupTestCase()
    {
        if (!m_dir.empty())
            ::rmdir(m_dir.c_str());
    }

    void dockerDefaultsAllowNullAndRefuseTty1()
    {
        security::DeviceCgroup cg;
        try {
            cg = security::attachDeviceProgram(security::dockerDefaultDeviceRules(), m_dir);
        } catch (const Error &e) {
            QSKIP(qPrintable(QString("the kernel refuses the BPF device program: ") + e.what()));
        }
        QCOMPARE(cg.version, 2);
        QCOMPARE(openErrnoInside(m_dir, "/dev/null", O_RDWR), 0);
        QCOMPARE(openErrnoInside(m_dir, "/dev/tty1", O_RDONLY), EPERM);
        security::releaseDeviceCgroup(cg);
    }

    void anAddedRuleOpensOneDeviceReadOnly()
    {
        auto rules = security::dockerDefaultDeviceRules();
        rules.push_back(security::DeviceRule::parse("c 4:1 r"));
        // A fresh cgroup: programs stack (ALLOW_MULTI) and all must allow.
        const std::string dir = m_dir + "-ro";
        QVERIFY(::mkdir(dir.c_str(), 0755) == 0);
        security::DeviceCgroup cg;
        try {
            cg = security::attachDeviceProgram(rules, dir);
        } catch (const Error &e) {
            ::rmdir(dir.c_str());
            QSKIP(qPrintable(QString("the kernel refuses the BPF device program: ") + e.what()));
        }
        const int readErr = openErrnoInside(dir, "/dev/tty1", O_RDONLY);
        const int writeErr = openErrnoInside(dir, "/dev/tty1", O_WRONLY);
        security::releaseDeviceCgroup(cg);
        ::rmdir(dir.c_str());
        QCOMPARE(readErr, 0);
        QCOMPARE(writeErr, EPERM);
    }
};

QTEST_GUILESS_MAIN(TestDeviceProgram)
#include "tst_DeviceProgram.moc"
