// SPDX-License-Identifier: GPL-3.0-or-later
// Image references parsed as Docker does. Expected values follow
// github.com/distribution/reference (normalize_test.go, reference_test.go,
// regexp_test.go) and go-digest's validation messages; `docker pull` and
// `docker tag` print these messages after their own prefixes.
#include "engine/Error.h"
#include "engine/image/Reference.h"

#include <QtTest/QTest>

using namespace strata::engine;
using image::Reference;

namespace {
const QString kHex = QStringLiteral("7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa");

QString errorOf(const QString &text)
{
    try {
        (void)Reference::parse(text.toStdString());
    } catch (const Error &e) {
        if (e.code() != ErrorCode::InvalidArgument)
            return "wrong error code";
        return QString::fromStdString(e.what());
    }
    return "no error";
}
} // namespace

class TestReference : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("name");       // familiar
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("digest");
        QTest::addColumn<QString>("normalised"); // normalisedStr()
        QTest::addColumn<QString>("familiar");   // str()
        const QString d = "sha256:" + kHex;
        QTest::newRow("official image") << "busybox" << "busybox" << "latest" << ""
                                        << "docker.io/library/busybox:latest" << "busybox:latest";
        QTest::newRow("with tag") << "busybox:1.36" << "busybox" << "1.36" << ""
                                  << "docker.io/library/busybox:1.36" << "busybox:1.36";
        QTest::newRow("library prefix") << "library/busybox" << "busybox" << "latest" << ""
                                        << "docker.io/library/busybox:latest" << "busybox:latest";
        QTest::newRow("fully qualified") << "docker.io/library/busybox:1.0" << "busybox" << "1.0" << ""
                                         << "docker.io/library/busybox:1.0" << "busybox:1.0";
        QTest::newRow("docker.io without library") << "docker.io/busybox" << "busybox" << "latest" << ""
                                                   << "docker.io/library/busybox:latest" << "busybox:latest";
        QTest::newRow("legacy index domain") << "index.docker.io/busybox" << "busybox" << "latest" << ""
                                             << "docker.io/library/busybox:latest" << "busybox:latest";
        QTest::newRow("user repository") << "strata/busybox:1.0" << "strata/busybox" << "1.0" << ""
                                         << "docker.io/strata/busybox:1.0" << "strata/busybox:1.0";
        QTest::newRow("user repository qualified") << "docker.io/strata/busybox" << "strata/busybox" << "latest"
                                                   << "" << "docker.io/strata/busybox:latest"
                                                   << "strata/busybox:latest";
        QTest::newRow("nested library path kept") << "library/a/b" << "library/a/b" << "latest" << ""
                                                  << "docker.io/library/a/b:latest" << "library/a/b:latest";
        QTest::newRow("registry with port") << "localhost:5000/a/b:tag" << "localhost:5000/a/b" << "tag" << ""
                                            << "localhost:5000/a/b:tag" << "localhost:5000/a/b:tag";
        QTest::newRow("localhost registry") << "localhost/foo" << "localhost/foo" << "latest" << ""
                                            << "localhost/foo:latest" << "localhost/foo:latest";
        QTest::newRow("dotted registry") << "example.com/team/app:v1.2.3-rc_1" << "example.com/team/app"
                                         << "v1.2.3-rc_1" << "" << "example.com/team/app:v1.2.3-rc_1"
                                         << "example.com/team/app:v1.2.3-rc_1";
        QTest::newRow("ip registry") << "127.0.0.1:5000/x" << "127.0.0.1:5000/x" << "latest" << ""
                                     << "127.0.0.1:5000/x:latest" << "127.0.0.1:5000/x:latest";
        QTest::newRow("ipv6 registry") << "[::1]:5000/foo" << "[::1]:5000/foo" << "latest" << ""
                                       << "[::1]:5000/foo:latest" << "[::1]:5000/foo:latest";
        QTest::newRow("upper-case registry") << "Foo/bar" << "Foo/bar" << "latest" << "" << "Foo/bar:latest"
                                             << "Foo/bar:latest";
        QTest::newRow("digest only") << "busybox@" + d << "busybox" << "" << d << "docker.io/library/busybox@" + d
                                     << "busybox@" + d;
        QTest::newRow("tag and digest") << "busybox:1.0@" + d << "busybox" << "1.0" << d
                                        << "docker.io/library/busybox:1.0@" + d << "busybox:1.0@" + d;
        QTest::newRow("registry and digest") << "localhost:5000/a@" + d << "localhost:5000/a" << "" << d
                                             << "localhost:5000/a@" + d << "localhost:5000/a@" + d;
        QTest::newRow("separators") << "a-b_c__d--e/f.g" << "a-b_c__d--e/f.g" << "latest" << ""
                                    << "docker.io/a-b_c__d--e/f.g:latest" << "a-b_c__d--e/f.g:latest";
        // A '.' in the first component makes it a registry candidate; an
        // invalid one leaves the whole name a path without a registry.
        QTest::newRow("dotted first component") << "a-b_c.d/e" << "a-b_c.d/e" << "latest" << "" << "a-b_c.d/e:latest"
                                                << "a-b_c.d/e:latest";
        QTest::newRow("digits only") << "0123" << "0123" << "latest" << "" << "docker.io/library/0123:latest"
                                     << "0123:latest";
        QTest::newRow("short hex is a name") << "abc" << "abc" << "latest" << "" << "docker.io/library/abc:latest"
                                             << "abc:latest";
        QTest::newRow("tag upper case allowed") << "busybox:V1_X" << "busybox" << "V1_X" << ""
                                                << "docker.io/library/busybox:V1_X" << "busybox:V1_X";
        QTest::newRow("128 character tag") << "a:" + QString(128, 'x') << "a" << QString(128, 'x') << ""
                                           << "docker.io/library/a:" + QString(128, 'x') << "a:" + QString(128, 'x');
        // A single component is always a Hub name: "localhost:5000" is
        // repository "localhost" with tag "5000".
        QTest::newRow("host and port alone") << "localhost:5000" << "localhost" << "5000" << ""
                                             << "docker.io/library/localhost:5000" << "localhost:5000";
        // An invalid domain makes the regexp read the whole name as a path.
        QTest::newRow("invalid domain read as path") << "a_b.c/x" << "a_b.c/x" << "latest" << "" << "a_b.c/x:latest"
                                                     << "a_b.c/x:latest";
    }
    void parses()
    {
        QFETCH(QString, input);
        QFETCH(QString, name);
        QFETCH(QString, tag);
        QFETCH(QString, digest);
        QFETCH(QString, normalised);
        QFETCH(QString, familiar);
        const Reference r = Reference::parse(input.toStdString());
        QCOMPARE(QString::fromStdString(r.name), name);
        QCOMPARE(QString::fromStdString(r.familiarName()), name);
        QCOMPARE(QString::fromStdString(r.tag), tag);
        QCOMPARE(QString::fromStdString(r.digest), digest);
        QCOMPARE(QString::fromStdString(r.normalisedStr()), normalised);
        QCOMPARE(QString::fromStdString(r.str()), familiar);
        QCOMPARE(r.hasTag(), !tag.isEmpty());
        QCOMPARE(r.hasDigest(), !digest.isEmpty());
        // The familiar string parses back to the same reference.
        QCOMPARE(Reference::parse(r.str()), r);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("error");
        const QString invalid = "invalid reference format";
        QTest::newRow("empty") << "" << invalid;
        QTest::newRow("upper case name") << "Busybox"
                                         << "invalid reference format: repository name (library/Busybox) must be lowercase";
        QTest::newRow("upper case user repo") << "strata/BusyBox:1.0"
                                              << "invalid reference format: repository name (strata/BusyBox) must be "
                                                 "lowercase";
        QTest::newRow("upper case algorithm")
            << "busybox@SHA256:" + kHex
            << "invalid reference format: repository name (library/busybox@SHA256) must be lowercase";
        QTest::newRow("64 hex digits") << kHex
                                       << "invalid repository name (" + kHex +
                                              "), cannot specify 64-byte hexadecimal strings";
        QTest::newRow("tag only") << ":tag" << invalid;
        QTest::newRow("empty tag") << "busybox:" << invalid;
        QTest::newRow("tag starts with dash") << "busybox:-x" << invalid;
        QTest::newRow("tag starts with dot") << "busybox:.x" << invalid;
        QTest::newRow("129 character tag") << "a:" + QString(129, 'x') << invalid;
        QTest::newRow("space") << "bus box" << invalid;
        QTest::newRow("leading dash") << "-abc" << invalid;
        QTest::newRow("trailing dash") << "abc-" << invalid;
        QTest::newRow("trailing dot") << "abc." << invalid;
        QTest::newRow("underscore then dash") << "a_-b" << invalid;
        QTest::newRow("three underscores") << "a___b" << invalid;
        QTest::newRow("two dots") << "a..b" << invalid;
        QTest::newRow("empty component") << "a//b" << invalid;
        QTest::newRow("trailing slash") << "a/b/" << invalid;
        QTest::newRow("leading slash") << "/a" << invalid;
        QTest::newRow("bad port") << "localhost:port/a" << invalid;
        QTest::newRow("two tags") << "a:b:c" << invalid;
        QTest::newRow("short digest") << "busybox@sha256:abc" << invalid;
        QTest::newRow("digest without algorithm") << "busybox@" + kHex << invalid;
        QTest::newRow("digest length") << "busybox@sha256:" + kHex.left(63) << "invalid checksum digest length";
        QTest::newRow("digest upper-case hex") << "busybox@sha256:" + kHex.toUpper()
                                               << "invalid checksum digest format";
        QTest::newRow("unsupported algorithm") << "busybox@md5:" + kHex.left(32) << "unsupported digest algorithm";
        QTest::newRow("sha512 wrong length") << "busybox@sha512:" + kHex << "invalid checksum digest length";
        QTest::newRow("name too long") << QString(256, 'a') << "repository name must not be more than 255 characters";
        QTest::newRow("unicode") << QString::fromUtf8("caf\xc3\xa9") << invalid;
    }
    void rejects()
    {
        QFETCH(QString, input);
        QFETCH(QString, error);
        QCOMPARE(errorOf(input), error);
    }

    void defaultTagIsOptional()
    {
        const Reference r = Reference::parse("busybox", false);
        QVERIFY(!r.hasTag());
        QCOMPARE(QString::fromStdString(r.str()), QStringLiteral("busybox"));
        QCOMPARE(QString::fromStdString(Reference::parse("busybox:1", false).tag), QStringLiteral("1"));
    }

    void sameRepositoryWhateverTheSpelling()
    {
        const auto a = Reference::parse("busybox");
        for (const char *spelling : {"library/busybox", "docker.io/library/busybox", "docker.io/busybox",
                                     "index.docker.io/library/busybox:latest"}) {
            const auto b = Reference::parse(spelling);
            QCOMPARE(b.familiarName(), a.familiarName());
            QCOMPARE(b.normalisedName(), a.normalisedName());
        }
        QCOMPARE(QString::fromStdString(a.normalisedName()), QStringLiteral("docker.io/library/busybox"));
        QCOMPARE(QString::fromStdString(a.path()), QStringLiteral("library/busybox"));
        QCOMPARE(QString::fromStdString(Reference::parse("localhost:5000/a/b").path()), QStringLiteral("a/b"));
        QVERIFY(Reference::parse("strata/busybox").familiarName() != a.familiarName());
    }

    void tags_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<bool>("valid");
        QTest::newRow("latest") << "latest" << true;
        QTest::newRow("version") << "1.36.1" << true;
        QTest::newRow("underscore first") << "_x" << true;
        QTest::newRow("upper case") << "V2-RC" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("dash first") << "-x" << false;
        QTest::newRow("dot first") << ".x" << false;
        QTest::newRow("colon") << "a:b" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("128 chars") << QString(128, 'x') << true;
        QTest::newRow("129 chars") << QString(129, 'x') << false;
    }
    void tags()
    {
        QFETCH(QString, tag);
        QFETCH(bool, valid);
        QCOMPARE(image::isValidTag(tag.toStdString()), valid);
    }

    void imageIdPrefixes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("looksLikeId");
        QTest::newRow("one digit") << "a" << true;
        QTest::newRow("short id") << "a6dc6a8a8b8e" << true;
        QTest::newRow("full id") << kHex << true;
        QTest::newRow("prefixed short") << "sha256:a6dc" << true;
        QTest::newRow("prefixed full") << "sha256:" + kHex << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("bare prefix") << "sha256:" << false;
        QTest::newRow("too long") << kHex + "0" << false;
        QTest::newRow("upper case") << "A6DC" << false;
        QTest::newRow("a name") << "busybox" << false;
        QTest::newRow("other algorithm") << "sha512:abc" << false;
        QTest::newRow("name with tag") << "abc:latest" << false;
    }
    void imageIdPrefixes()
    {
        QFETCH(QString, text);
        QFETCH(bool, looksLikeId);
        QCOMPARE(image::looksLikeImageIdPrefix(text.toStdString()), looksLikeId);
    }
};

QTEST_APPLESS_MAIN(TestReference)
#include "tst_Reference.moc"
