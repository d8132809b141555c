// SPDX-License-Identifier: GPL-3.0-or-later
// --memory and --cpus read as Docker reads them (units, bounds, messages).
#include "engine/Error.h"
#include "engine/runtime/ResourceLimits.h"

#include <QtTest/QTest>

#include <unistd.h>

using namespace strata::engine;

class TestResourceLimits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void memoryUnits()
    {
        QCOMPARE(runtime::parseMemoryBytes("64m"), std::int64_t(64) << 20);
        QCOMPARE(runtime::parseMemoryBytes("1g"), std::int64_t(1) << 30);
        QCOMPARE(runtime::parseMemoryBytes("1GB"), std::int64_t(1) << 30);
        QCOMPARE(runtime::parseMemoryBytes("8192k"), std::int64_t(8) << 20);
        QCOMPARE(runtime::parseMemoryBytes("10485760"), std::int64_t(10485760));
        QCOMPARE(runtime::parseMemoryBytes("1.5g"), std::int64_t(3) << 29);
        QCOMPARE(runtime::parseMemoryBytes("0"), std::int64_t(0));
    }

    void badMemoryValues()
    {
        for (const char *v : {"", "abc", "12x", "-5m", "1mm"}) {
            try {
                (void)runtime::parseMemoryBytes(v);
                QFAIL(v);
            } catch (const Error &e) {
                QVERIFY2(std::string(e.what()).find("for \"-m, --memory\" flag") != std::string::npos, e.what());
            }
        }
        QVERIFY_THROWS_EXCEPTION(Error, (void)runtime::parseMemoryBytes("4m")); // below Docker's 6MB minimum
    }

    void cpus()
    {
        QCOMPARE(runtime::parseNanoCpus("0.5"), std::int64_t(500000000));
        QCOMPARE(runtime::parseNanoCpus("1"), std::int64_t(1000000000));
        QCOMPARE(runtime::parseNanoCpus("0"), std::int64_t(0));
        QVERIFY_THROWS_EXCEPTION(Error, (void)runtime::parseNanoCpus("half"));
        QVERIFY_THROWS_EXCEPTION(Error, (void)runtime::parseNanoCpus("0.001"));
        const long online = ::sysconf(_SC_NPROCESSORS_ONLN);
        try {
            (void)runtime::parseNanoCpus(std::to_string(online + 1));
            QFAIL("more CPUs than the host has");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("as there are only " + std::to_string(online) + " CPUs available") !=
                         std::string::npos,
                     e.what());
        }
    }

    void noLimitsMakeNoCgroups()
    {
        QVERIFY(runtime::applyResourceLimits({}, "strata", "none", {}).empty());
    }
};

QTEST_GUILESS_MAIN(TestResourceLimits)
#include "tst_ResourceLimits.moc"
