// SPDX-License-Identifier: GPL-3.0-or-later
// Splitting lesson command lines like a POSIX shell, with ${var} expansion,
// and the glossary's markdown rendering.
#include "engine/Error.h"
#include "engine/lesson/CommandLine.h"
#include "engine/lesson/Glossary.h"

#include <QtTest/QTest>

using namespace strata::engine::lesson;
using Words = std::vector<std::string>;

class TestLessonCommandLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void splitsOnBlanks()
    {
        QCOMPARE(splitCommandLine("  run  --name a\tstrata/busybox  "), (Words{"run", "--name", "a", "strata/busybox"}));
        QCOMPARE(splitCommandLine(""), Words{});
    }

    void quotes()
    {
        QCOMPARE(splitCommandLine("exec web sh -c 'echo hello > /srv/x'"),
                 (Words{"exec", "web", "sh", "-c", "echo hello > /srv/x"}));
        QCOMPARE(splitCommandLine("run b sh -c \"trap 'exit 0' TERM; sleep 1\""),
                 (Words{"run", "b", "sh", "-c", "trap 'exit 0' TERM; sleep 1"}));
        // a "x\"y\\z" 'p\q'  ->  a | x"y\z | p\q
        QCOMPARE(splitCommandLine("a \"x\\\"y\\\\z\" 'p\\q'"), (Words{"a", "x\"y\\z", "p\\q"}));
        // a b\ c \'d  ->  a | b c | 'd
        QCOMPARE(splitCommandLine("a b\\ c \\'d"), (Words{"a", "b c", "'d"}));
        QCOMPARE(splitCommandLine("a '' \"\""), (Words{"a", "", ""})); // empty words are words
        QCOMPARE(splitCommandLine("a'b'\"c\"d"), (Words{"abcd"}));
    }

    void unclosedQuoteIsAnError()
    {
        try {
            (void)splitCommandLine("run 'open");
            QFAIL("no error");
        } catch (const strata::engine::Error &e) {
            QVERIFY(std::string(e.what()).find("not closed") != std::string::npos);
        }
    }

    void variables()
    {
        const Vars vars{{"upper", "/tmp/up per"}, {"id", "abc"}};
        // An expanded value is one word, blanks and all, and never re-split.
        QCOMPARE(splitCommandLine("ls ${upper}/x", vars), (Words{"ls", "/tmp/up per/x"}));
        QCOMPARE(splitCommandLine("echo \"id=${id}\" '${id}'", vars), (Words{"echo", "id=abc", "${id}"}));
        QCOMPARE(splitCommandLine("echo $HOME \\${id} \"\\${id}\"", vars), (Words{"echo", "$HOME", "${id}", "${id}"}));
        QVERIFY_THROWS_EXCEPTION(strata::engine::Error, splitCommandLine("echo ${nope}", vars));
        QVERIFY_THROWS_EXCEPTION(strata::engine::Error, splitCommandLine("echo ${id", vars));
        QCOMPARE(expandVars("${upper}/happiness.txt", vars), std::string("/tmp/up per/happiness.txt"));
        QCOMPARE(referencedVars("a ${x} '${y}' \"${z}\" \\${w}"), (std::set<std::string>{"x", "z"}));
    }

    void dropsLeadingStrataOrDocker()
    {
        QCOMPARE(splitCommandLine("strata images -a"), (Words{"images", "-a"}));
        QCOMPARE(splitCommandLine("docker ps"), (Words{"ps"}));
        QCOMPARE(splitCommandLine("run strata/busybox strata"), (Words{"run", "strata/busybox", "strata"}));
    }

    void consoleSplitLeavesVariablesLiteral()
    {
        // The GUI console's split (no vars): same quoting, nothing expanded, program name kept.
        QCOMPARE(splitShellWords("strata run -e A=${x} 'b c' \"$HOME\""),
                 (Words{"strata", "run", "-e", "A=${x}", "b c", "$HOME"}));
        QVERIFY_THROWS_EXCEPTION(strata::engine::Error, splitShellWords("echo 'open"));
    }

    void glossaryRendering()
    {
        const Glossary g = Glossary::fromJson("{\"terms\":[{\"id\":\"container-layer\",\"zh_CN\":\"容器层\","
                                              "\"en\":\"container layer\",\"definition\":{\"zh_CN\":\"可写层\","
                                              "\"en\":\"the writable layer\"}}]}",
                                              "test");
        QVERIFY(g.problems().empty());
        const std::string md = "写在[容器层](glossary:container-layer)里，见 [docs](https://x) 和 **`diff`**";
        QCOMPARE(renderPlain(md, g, Lang::ZhCN), std::string("写在容器层 (container layer)里，见 docs 和 diff"));
        QCOMPARE(renderPlain("the [container layer](glossary:container-layer)", g, Lang::En),
                 std::string("the container layer (容器层)"));
        const auto links = glossaryLinks(md);
        QCOMPARE(links.size(), std::size_t{1});
        QCOMPARE(links[0].id, std::string("container-layer"));
        const Glossary bad = Glossary::fromJson(
            "{\"terms\":[{\"id\":\"a\",\"zh_CN\":\"\",\"en\":\"x\"},{\"id\":\"a\",\"zh_CN\":\"y\",\"en\":\"x\"}]}", "t");
        QVERIFY(bad.problems().size() >= 3); // empty zh, missing definitions, duplicate id
    }
};

QTEST_GUILESS_MAIN(TestLessonCommandLine)
#include "tst_LessonCommandLine.moc"
