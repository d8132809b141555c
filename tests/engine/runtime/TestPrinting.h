// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Lets QCOMPARE print std::string values when they differ.

#include <QtTest/QTest>

#include <string>

namespace QTest {
template <>
inline char *toString(const std::string &s)
{
    return QTest::toPrettyCString(s.data(), static_cast<qsizetype>(s.size()));
}
} // namespace QTest
