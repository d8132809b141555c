// SPDX-License-Identifier: GPL-3.0-or-later
// The device allow list as data: Docker's default rules, their devices.allow
// text both ways, and `--device` values as Docker reads them.
#include "engine/Error.h"
#include "engine/security/DeviceCgroup.h"
#include "engine/security/DevicePolicy.h"

#include <QtTest/QTest>

using namespace strata::engine;
using security::DeviceMapping;
using security::DeviceRule;

class TestDevicePolicy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultRulesAreDockers()
    {
        std::string text;
        for (const auto &r : security::dockerDefaultDeviceRules())
            text += r.text() + "\n";
        QCOMPARE(text, std::string("c *:* m\nb *:* m\nc 1:3 rwm\nc 1:5 rwm\nc 1:7 rwm\nc 1:8 rwm\nc 1:9 rwm\n"
                                   "c 5:0 rwm\nc 5:1 rwm\nc 5:2 rwm\nc 136:* rwm\n"));
    }

    void ruleTextRoundTrips()
    {
        for (const char *t : {"a *:* rwm", "c 136:* rwm", "b 8:0 r", "c 4:1 mw"})
            QCOMPARE(DeviceRule::parse(t).text(), std::string(t));
    }

    void badRulesAreRefused()
    {
        for (const char *t : {"", "x 1:3 rwm", "c 1:3", "c 1 rwm", "c a:3 rwm", "c 1:3 rwx", "c 1:3 rr", "c -1:3 r"}) {
            try {
                (void)DeviceRule::parse(t);
                QFAIL(t);
            } catch (const Error &e) {
                QCOMPARE(e.code(), ErrorCode::InvalidArgument);
            }
        }
    }

    void deviceFlagForms()
    {
        QCOMPARE(security::parseDeviceFlag("/dev/tty1"), (DeviceMapping{"/dev/tty1", "/dev/tty1", "rwm"}));
        QCOMPARE(security::parseDeviceFlag("/dev/tty1:/dev/x"), (DeviceMapping{"/dev/tty1", "/dev/x", "rwm"}));
        QCOMPARE(security::parseDeviceFlag("/dev/tty1:/dev/x:r"), (DeviceMapping{"/dev/tty1", "/dev/x", "r"}));
        QCOMPARE(security::parseDeviceFlag("/dev/tty1:rw"), (DeviceMapping{"/dev/tty1", "/dev/tty1", "rw"}));
    }

    void badDeviceFlagsNameTheValue()
    {
        for (const char *v : {"", "tty1", "/dev/tty1:x", "/dev/tty1:/x:rwq", "/a:/b:r:w"}) {
            try {
                (void)security::parseDeviceFlag(v);
                QFAIL(v);
            } catch (const Error &e) {
                QVERIFY2(std::string(e.what()).find(std::string("\"") + v + "\"") != std::string::npos, e.what());
            }
        }
    }

    void resolveReadsTheHostNode()
    {
        const auto n = security::resolveDevice({"/dev/null", "/dev/mynull", "rw"});
        QCOMPARE(n.type, 'c');
        QCOMPARE(n.major, 1u);
        QCOMPARE(n.minor, 3u);
        QCOMPARE(n.path, std::string("/dev/mynull"));
        QVERIFY_THROWS_EXCEPTION(Error, (void)security::resolveDevice({"/etc/hostname", "/x", "rwm"}));
    }

    // Prologue 6 + per rule (type?, 3 access, major?, minor?, 2 return) + epilogue 2.
    void programLengthFollowsTheRules()
    {
        QCOMPARE(security::deviceProgramLength({}), size_t(8));
        QCOMPARE(security::deviceProgramLength({DeviceRule::parse("c 1:3 rwm")}), size_t(8 + 8));
        QCOMPARE(security::deviceProgramLength({DeviceRule::parse("a *:* m")}), size_t(8 + 5));
    }
};

QTEST_GUILESS_MAIN(TestDevicePolicy)
#include "tst_DevicePolicy.moc"
