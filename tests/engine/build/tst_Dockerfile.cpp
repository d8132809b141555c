// SPDX-License-Identifier: GPL-3.0-or-later
// engine/build without containers: the Dockerfile as Docker 20.10's classic
// builder parses it (texts and errors checked against the real docker.io),
// .dockerignore's pattern rules, the context (size, sources, refusals) and
// the history lines of the config instructions.
#include "engine/build/BuildContext.h"
#include "engine/build/BuildFailed.h"
#include "engine/build/ConfigInstructions.h"
#include "engine/build/DockerIgnore.h"
#include "engine/build/Dockerfile.h"
#include "engine/build/GoText.h"
#include "engine/build/LayerCopy.h"
#include "engine/build/TarUnpack.h"
#include "engine/layer/ArchiveHandles.h"
#include "tests/support/TarBuilder.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace strata::engine::build;
using strata::test::writeFile;

namespace {

// The message of the BuildFailed `f` throws, or "" when it throws none.
template <typename F>
std::string failure(F &&f)
{
    try {
        f();
    } catch (const BuildFailed &e) {
        return e.message();
    }
    return {};
}

std::string commentOf(const std::string &line, StageState s = {})
{
    const Instruction in = parseInstructionLine(line, 1);
    return applyConfigInstruction(s, in, {}).comment;
}

} // namespace

class TestDockerfile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void continuationsCommentsAndSteps()
    {
        const Dockerfile df = parseDockerfile("# comment\n"
                                              "ARG BASE=busybox\n"
                                              "FROM $BASE AS First\n"
                                              "ENV GREETING=hello \\\n"
                                              "    OTHER=\"two words\"\n"
                                              "RUN echo a && \\\n"
                                              "# a comment inside\n"
                                              "\n"
                                              "    echo b\n"
                                              "cmd [\"sh\", \"-c\", \"echo hi\"]\n");
        QCOMPARE(df.metaArgs.size(), std::size_t(1));
        QCOMPARE(df.stages.size(), std::size_t(1));
        QCOMPARE(df.stages[0].name, std::string("first"));
        QCOMPARE(df.stepCount(), 5);
        const auto &c = df.stages[0].commands;
        QCOMPARE(c[0].original, std::string("ENV GREETING=hello     OTHER=\"two words\""));
        QCOMPARE(c[0].line, 4);
        QCOMPARE(c[1].original, std::string("RUN echo a &&     echo b"));
        QCOMPARE(c[2].keyword, std::string("CMD"));
        QVERIFY(c[2].jsonForm);
        QCOMPARE(c[2].json, (std::vector<std::string>{"sh", "-c", "echo hi"}));
    }

    void escapeDirectiveAndFlags()
    {
        const Dockerfile df = parseDockerfile("# escape=`\nFROM busybox\nRUN echo a `\n  b\nCOPY --from=x --chown=1:2 a b\n");
        QCOMPARE(df.escape, '`');
        QCOMPARE(df.stages[0].commands[0].original, std::string("RUN echo a   b"));
        const Instruction &copy = df.stages[0].commands[1];
        QCOMPARE(copy.flag("from"), std::string("x"));
        QCOMPARE(copy.flag("chown"), std::string("1:2"));
        QCOMPARE(copy.rest, std::string("a b"));
    }

    // A malformed JSON array is the shell form (Docker runs it as such);
    // a last line ending in "\" is accepted, as Docker accepts it.
    void lenientFormsAsDocker()
    {
        const Dockerfile df = parseDockerfile("FROM busybox\nCMD [\"a\", \nRUN echo a \\\n");
        QVERIFY(!df.stages[0].commands[0].jsonForm);
        QCOMPARE(df.stages[0].commands[1].original, std::string("RUN echo a "));
    }

    void parseErrorsAsDocker_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << "FROM busybox\nFOO bar\n" << "dockerfile parse error line 2: unknown instruction: FOO";
        QTest::newRow("no FROM") << "RUN echo hi\n" << "no build stage in current context";
        QTest::newRow("empty") << "# nothing\n" << "no build stage in current context";
        QTest::newRow("SHELL") << "FROM busybox\nSHELL /bin/sh -c\n"
                               << "dockerfile parse error line 2: SHELL requires the arguments to be in JSON form";
        QTest::newRow("ENV") << "FROM busybox\nENV\n" << "dockerfile parse error line 2: ENV requires at least one argument";
        QTest::newRow("flag") << "FROM busybox\nRUN --mount=x true\n" << "dockerfile parse error line 2: Unknown flag: mount";
        QTest::newRow("FROM") << "FROM a b\n" << "dockerfile parse error line 1: FROM requires either one or three arguments";
        QTest::newRow("ONBUILD") << "FROM a\nONBUILD ONBUILD RUN x\n"
                                 << "dockerfile parse error line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed";
        QTest::newRow("escape") << "# escape=x\nFROM a\n" << "dockerfile parse error line 1: invalid ESCAPE 'x'. Must be ` or \\";
    }

    void parseErrorsAsDocker()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QCOMPARE(QString::fromStdString(failure([&] { (void)parseDockerfile(text.toStdString()); })), message);
    }

    void dockerIgnoreRules()
    {
        const DockerIgnore ig("# comment\n*.log\n/build\n**/*.tmp\n!keep.log\ndocs/**\n!docs/README.md\n");
        QVERIFY(ig.excludes("a.log"));
        QVERIFY(!ig.excludes("keep.log"));
        QVERIFY(!ig.excludes("sub/a.log")); // "*" stays in one path element
        QVERIFY(ig.excludes("build"));
        QVERIFY(ig.excludes("build/x/y.c")); // under an excluded directory
        QVERIFY(ig.excludes("x.tmp"));
        QVERIFY(ig.excludes("a/b/c.tmp"));
        QVERIFY(ig.excludes("docs/guide.md"));
        QVERIFY(!ig.excludes("docs/README.md"));
        QVERIFY(!ig.excludes("src/main.c"));
    }

    void contextSizeSourcesAndRefusals()
    {
        QTemporaryDir dir;
        const std::filesystem::path root = dir.path().toStdString();
        writeFile(root / "Dockerfile", "FROM busybox\n");
        {
            const BuildContext ctx(root);
            QCOMPARE(ctx.tarSize(), std::uint64_t(2048)); // Docker prints 2.048kB for this context
        }
        writeFile(root / "a.txt", "a");
        writeFile(root / "b.txt", "b");
        writeFile(root / "secret.key", "k");
        writeFile(root / "dir/c.txt", "c");
        writeFile(root / ".dockerignore", "*.key\n");
        const BuildContext ctx(root);
        QCOMPARE(ctx.resolve("*.txt").size(), std::size_t(2));
        QCOMPARE(ctx.resolve("./dir/../a.txt").front().rel, std::string("a.txt"));
        QVERIFY(ctx.resolve("dir").front().isDir);
        QCOMPARE(failure([&] { (void)ctx.resolve("../x"); }),
                 std::string("forbidden path outside the build context: ../x ()"));
        QCOMPARE(failure([&] { (void)ctx.resolve("secret.key"); }),
                 std::string("file not found in build context or excluded by .dockerignore: stat secret.key: file does not exist"));
        QCOMPARE(failure([&] { (void)ctx.resolve("*.none"); }), std::string("no source files were specified"));
        const std::string before = ctx.checksum(ctx.resolve("a.txt"));
        QVERIFY(before.rfind("file:", 0) == 0);
        writeFile(root / "a.txt", "A");
        QVERIFY(BuildContext(root).checksum(ctx.resolve("a.txt")) != before);
        QVERIFY(ctx.checksum(ctx.resolve("*.txt")).rfind("multi:", 0) == 0);
    }

    // ADD of a local tar keeps a pax name's bytes as Go's archive/tar (and
    // so Docker) does, even when the caller's locale is UTF-8: decomposed
    // UTF-8 is not NFC-normalised and a name that is not UTF-8 still unpacks.
    void addedTarKeepsNameBytes()
    {
        QTemporaryDir dir;
        const std::filesystem::path root = dir.path().toStdString();
        const std::string nfd = "cafe\xcc\x81", raw = "raw-\xfe\xff";
        writeFile(root / "pack.tar", strata::test::goStylePaxTar({{nfd, "nfd", ""}, {raw, "raw", ""}}));
        const strata::engine::layer::ScopedUtf8Locale utf8; // the GUI's locale, where libarchive normalises
        unpackTar(root / "pack.tar", root / "out");
        QCOMPARE(strata::test::readFile(root / "out" / nfd), std::string("nfd"));
        QCOMPARE(strata::test::readFile(root / "out" / raw), std::string("raw"));
        QVERIFY(!std::filesystem::exists(root / "out" / "caf\xc3\xa9"));
    }

    void destinations()
    {
        QCOMPARE(normaliseDest("/app", "."), std::string("/app"));
        QCOMPARE(normaliseDest("/app", "sub/"), std::string("/app/sub/"));
        QCOMPARE(normaliseDest("", "x"), std::string("/x"));
        QCOMPARE(normaliseDest("/app", "/abs"), std::string("/abs"));
    }

    // The created_by texts, as `docker history --no-trunc` showed them.
    void historyComments()
    {
        QCOMPARE(commentOf("ENV GREETING=hello OTHER=\"two words\""), std::string("ENV GREETING=hello OTHER=two words"));
        QCOMPARE(commentOf("ENV LEGACY a b"), std::string("ENV LEGACY=a b"));
        QCOMPARE(commentOf("CMD echo hi"), std::string("CMD [\"/bin/sh\" \"-c\" \"echo hi\"]"));
        QCOMPARE(commentOf("ENTRYPOINT [\"/bin/sh\", \"-c\"]"), std::string("ENTRYPOINT [\"/bin/sh\" \"-c\"]"));
        QCOMPARE(commentOf("EXPOSE 80 443/udp"), std::string("EXPOSE 443/udp 80"));
        QCOMPARE(commentOf("VOLUME /data"), std::string("VOLUME [/data]"));
        QCOMPARE(commentOf("HEALTHCHECK --interval=5s CMD true"),
                 std::string("HEALTHCHECK &{[\"CMD-SHELL\" \"true\"] \"5s\" \"0s\" \"0s\" '\\x00'}"));
        QCOMPARE(commentOf("SHELL [\"/bin/sh\", \"-xc\"]"), std::string("SHELL [/bin/sh -xc]"));
        QCOMPARE(commentOf("ARG V=1"), std::string("ARG V=1"));
        StageState s;
        s.runConfig["WorkingDir"] = "/app";
        QCOMPARE(commentOf("WORKDIR sub/../x", s), std::string("WORKDIR /app/x"));
    }

    void configEffects()
    {
        StageState s;
        s.runConfig["Cmd"] = {"sh"};
        (void)applyConfigInstruction(s, parseInstructionLine("ARG V=1", 1), {{"V", "2"}});
        (void)applyConfigInstruction(s, parseInstructionLine("LABEL version=$V", 1), {});
        QCOMPARE(s.runConfig["Labels"]["version"].get<std::string>(), std::string("2"));
        QCOMPARE(s.argEnv(), std::vector<std::string>{"V=2"});
        (void)applyConfigInstruction(s, parseInstructionLine("ENV V=3", 1), {});
        QVERIFY(s.argEnv().empty()); // an ENV hides the ARG of the same name
        (void)applyConfigInstruction(s, parseInstructionLine("ENTRYPOINT [\"top\"]", 1), {});
        QVERIFY(s.runConfig["Cmd"].is_null()); // ENTRYPOINT drops the inherited CMD
        (void)applyConfigInstruction(s, parseInstructionLine("SHELL [\"/bin/bash\", \"-c\"]", 1), {});
        (void)applyConfigInstruction(s, parseInstructionLine("CMD run", 1), {});
        QVERIFY2(s.runConfig["Cmd"] == (strata::engine::image::Json{"/bin/bash", "-c", "run"}), s.runConfig["Cmd"].dump().c_str());
    }

    void goText()
    {
        QCOMPARE(goDuration(0), std::string("0s"));
        QCOMPARE(goDuration(parseGoDuration("90s")), std::string("1m30s"));
        QCOMPARE(goDuration(parseGoDuration("1.5s")), std::string("1.5s"));
        QCOMPARE(goDuration(parseGoDuration("500ms")), std::string("500ms"));
        QCOMPARE(goDuration(parseGoDuration("1h")), std::string("1h0m0s"));
        QCOMPARE(goQuote("a\"b"), std::string("\"a\\\"b\""));
    }
};

QTEST_GUILESS_MAIN(TestDockerfile)
#include "tst_Dockerfile.moc"
