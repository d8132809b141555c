// SPDX-License-Identifier: GPL-3.0-or-later
// Expected layouts follow Go's text/tabwriter rules (the package doc's
// column-block example, tabwriter_test.go's flag cases) and docker/cli's
// table parameters NewWriter(out, 10, 1, 3, ' ', 0), under which an empty
// `docker ps` prints the well-known header
// "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES".
#include "engine/cli/format/TabWriter.h"

#include <QtTest/QTest>

#include <sstream>

using namespace strata::engine::cli;

Q_DECLARE_METATYPE(TabWriter::Options)

namespace {
TabWriter::Options opts(int minWidth, int tabWidth, int padding, char padChar, unsigned flags = 0)
{
    return TabWriter::Options{minWidth, tabWidth, padding, padChar, flags};
}
} // namespace

class TestTabWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void layout_data()
    {
        QTest::addColumn<TabWriter::Options>("options");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        const auto docker = TabWriter::dockerTable();

        QTest::newRow("empty") << docker << QByteArray() << QByteArray();
        QTest::newRow("no tabs passes through") << docker << QByteArray("hello\nworld\n")
                                                << QByteArray("hello\nworld\n");
        QTest::newRow("docker ps header") << docker
                                          << QByteArray("CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n")
                                          << QByteArray("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    "
                                                        "PORTS     NAMES\n");
        QTest::newRow("docker images header")
            << docker << QByteArray("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n")
            << QByteArray("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n");
        QTest::newRow("docker volume ls header") << docker << QByteArray("DRIVER\tVOLUME NAME\n")
                                                 << QByteArray("DRIVER    VOLUME NAME\n");
        QTest::newRow("widest cell plus three")
            << docker << QByteArray("REPOSITORY\tTAG\tIMAGE ID\nstrata/demo-web\tlatest\tabc\n")
            << QByteArray("REPOSITORY        TAG       IMAGE ID\nstrata/demo-web   latest    abc\n");
        QTest::newRow("last cell never padded") << docker << QByteArray("a\tb\nc\tdddddddddddddddddd\n")
                                                << QByteArray("a         b\nc         dddddddddddddddddd\n");
        QTest::newRow("empty cell still padded") << docker << QByteArray("a\t\tc\n")
                                                 << QByteArray("a                   c\n");
        QTest::newRow("trailing tab pads the last column")
            << docker << QByteArray("a\tb\t\n") << QByteArray("a         b         \n");
        QTest::newRow("line without tab ends the block")
            << docker << QByteArray("aaaaaaaaaaaaaaa\tb\nx\ny\tz\n")
            << QByteArray("aaaaaaaaaaaaaaa   b\nx\ny         z\n");
        // The example from the text/tabwriter package documentation.
        QTest::newRow("column blocks (Go doc example)")
            << opts(0, 8, 1, '.') << QByteArray("aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n")
            << QByteArray("aaaa.bbb.d\naa...b...dd\na....\naa...cccc.eee\n");
        QTest::newRow("minwidth 0 padding 1") << opts(0, 8, 1, ' ') << QByteArray("a\tb\nccc\td\n")
                                              << QByteArray("a   b\nccc d\n");
        QTest::newRow("align right") << opts(0, 8, 1, ' ', TabWriter::AlignRight)
                                     << QByteArray("a\tbbb\tc\naa\tb\tcc\n") << QByteArray("  a bbbc\n aa   bcc\n");
        QTest::newRow("tab padding rounds to tab stops") << opts(0, 8, 1, '\t')
                                                         << QByteArray("a\tb\naaaaaaaaa\tc\n")
                                                         << QByteArray("a\t\tb\naaaaaaaaa\tc\n");
        QTest::newRow("tab padding ignores align right") << opts(0, 8, 1, '\t', TabWriter::AlignRight)
                                                         << QByteArray("a\tb\n") << QByteArray("a\tb\n");
        QTest::newRow("debug bars") << opts(0, 8, 1, '.', TabWriter::Debug) << QByteArray("a\tb\tc\n")
                                    << QByteArray("a.|b.|c\n");
        QTest::newRow("soft tabs kept without flag") << opts(0, 8, 1, '.') << QByteArray("a\v\vc\n")
                                                     << QByteArray("a..c\n");
        QTest::newRow("discard empty soft column") << opts(0, 8, 1, '.', TabWriter::DiscardEmptyColumns)
                                                   << QByteArray("a\v\vc\n") << QByteArray("a.c\n");
        QTest::newRow("hard tab column not discarded") << opts(0, 8, 1, '.', TabWriter::DiscardEmptyColumns)
                                                       << QByteArray("a\t\tc\n") << QByteArray("a..c\n");
        QTest::newRow("tab indent for leading empty cells") << opts(0, 8, 1, '.', TabWriter::TabIndent)
                                                            << QByteArray("\t\ta\n") << QByteArray("\t\ta\n");
        QTest::newRow("wide characters count two columns")
            << docker << QByteArray("日本語テキスト\tx\nabc\ty\n")
            << QByteArray("日本語テキスト   x\nabc              y\n");
        QTest::newRow("combining mark has no width") << opts(0, 8, 1, '.') << QByteArray("e\xcc\x81\tx\nab\ty\n")
                                                     << QByteArray("e\xcc\x81..x\nab.y\n");
        QTest::newRow("escaped text keeps its tab") << opts(0, 8, 1, '.') << QByteArray("a\xff\tb\xff\tc\n")
                                                    << QByteArray("a\xff\tb\xff.c\n");
        QTest::newRow("strip escape") << opts(0, 8, 1, '.', TabWriter::StripEscape)
                                      << QByteArray("a\xff\tb\xff\tc\n") << QByteArray("a\tb.c\n");
        QTest::newRow("html filter: tags have no width")
            << opts(0, 8, 1, '.', TabWriter::FilterHtml) << QByteArray("<b>x</b>\ty\nxx\tz\n")
            << QByteArray("<b>x</b>..y\nxx.z\n");
        QTest::newRow("html filter: entity is one column") << opts(0, 8, 1, '.', TabWriter::FilterHtml)
                                                           << QByteArray("&amp;\ty\nxx\tz\n")
                                                           << QByteArray("&amp;..y\nxx.z\n");
        QTest::newRow("form feed ends the table") << docker << QByteArray("a\tb\fccccccccccccc\td\n")
                                                  << QByteArray("a         b\nccccccccccccc   d\n");
        QTest::newRow("unterminated last line") << docker << QByteArray("a\tb") << QByteArray("a         b");
        QTest::newRow("fewer cells below") << docker << QByteArray("a\tb\tc\nd\te\n")
                                           << QByteArray("a         b         c\nd         e\n");
        QTest::newRow("more cells below start a new block")
            << docker << QByteArray("a\tb\nccccccccccccc\td\te\n")
            << QByteArray("a               b\nccccccccccccc   d         e\n");
    }
    void layout()
    {
        QFETCH(TabWriter::Options, options);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const std::string out = tabulate(std::string_view(input.constData(), static_cast<std::size_t>(input.size())),
                                         options);
        QCOMPARE(QByteArray::fromStdString(out), expected);
    }

    void writesMayCutCellsAnywhere()
    {
        std::ostringstream out;
        TabWriter w(out);
        for (const char *piece : {"REPO", "SITORY\tT", "AG\n", "busy", "box\tlat", "est", "\n"})
            w.write(piece);
        w.flush();
        QCOMPARE(QString::fromStdString(out.str()), QStringLiteral("REPOSITORY   TAG\nbusybox      latest\n"));
    }

    void oneCellLinesAreWrittenEarly()
    {
        // A line without tabs cannot change the columns, so it is written at
        // once; Go flushes there too.
        std::ostringstream out;
        TabWriter w(out);
        w.write("a\tb\nplain\n");
        QCOMPARE(QString::fromStdString(out.str()), QStringLiteral("a         b\nplain\n"));
        w.write("c\td\n");
        QCOMPARE(QString::fromStdString(out.str()), QStringLiteral("a         b\nplain\n"));
        w.flush();
        QCOMPARE(QString::fromStdString(out.str()), QStringLiteral("a         b\nplain\nc         d\n"));
    }

    void flushTwiceWritesNothingMore()
    {
        std::ostringstream out;
        TabWriter w(out);
        w.write("x\ty\n");
        w.flush();
        w.flush();
        QCOMPARE(QString::fromStdString(out.str()), QStringLiteral("x         y\n"));
    }
};

QTEST_APPLESS_MAIN(TestTabWriter)
#include "tst_TabWriter.moc"
