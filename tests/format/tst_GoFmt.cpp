// SPDX-License-Identifier: GPL-3.0-or-later
// Go's number, string and JSON spelling, which Docker's output inherits.
// Expected values are what Go's fmt, strconv and encoding/json produce
// (fmt.Sprintf("%.3g"/"%v"), strconv.Quote, json.Marshal, json.MarshalIndent).
#include "engine/cli/format/GoFmt.h"
#include "engine/cli/format/GoJson.h"
#include "engine/cli/format/GoPrintf.h"
#include "engine/cli/format/TextWidth.h"

#include <QtTest/QTest>

using namespace strata::engine::cli;
using Json = nlohmann::ordered_json;

class TestGoFmt : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void floatG_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("precision");
        QTest::addColumn<QString>("expected");
        QTest::newRow("%.3g 1.5") << 1.5 << 3 << "1.5";
        QTest::newRow("%.3g 100") << 100.0 << 3 << "100";
        QTest::newRow("%.3g 1000") << 1000.0 << 3 << "1e+03";
        QTest::newRow("%.3g 0.0001234") << 0.0001234 << 3 << "0.000123";
        QTest::newRow("%.3g 0.00001234") << 0.00001234 << 3 << "1.23e-05";
        QTest::newRow("%.3g 0") << 0.0 << 3 << "0";
        QTest::newRow("%.3g -2.5") << -2.5 << 3 << "-2.5";
        QTest::newRow("%.4g 1.049e6") << 1048576.0 << 4 << "1.049e+06";
        QTest::newRow("%.0g acts as 1") << 25.0 << 0 << "2e+01";
        QTest::newRow("%.3g 1e100") << 1e100 << 3 << "1e+100";
    }
    void floatG()
    {
        QFETCH(double, value);
        QFETCH(int, precision);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(goFormatFloatG(value, precision)), expected);
    }

    void floatV_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("v");    // fmt %v
        QTest::addColumn<QString>("json"); // encoding/json
        QTest::newRow("1") << 1.0 << "1" << "1";
        QTest::newRow("1.5") << 1.5 << "1.5" << "1.5";
        QTest::newRow("0.1") << 0.1 << "0.1" << "0.1";
        QTest::newRow("123456") << 123456.0 << "123456" << "123456";
        QTest::newRow("1e6") << 1e6 << "1e+06" << "1000000";
        QTest::newRow("1234567") << 1234567.0 << "1.234567e+06" << "1234567";
        QTest::newRow("1e21") << 1e21 << "1e+21" << "1e+21";
        QTest::newRow("1e20") << 1e20 << "1e+20" << "100000000000000000000";
        QTest::newRow("0.0001") << 0.0001 << "0.0001" << "0.0001";
        QTest::newRow("0.00001") << 0.00001 << "1e-05" << "0.00001";
        QTest::newRow("1e-7") << 1e-7 << "1e-07" << "1e-7";
        QTest::newRow("-0.5") << -0.5 << "-0.5" << "-0.5";
        QTest::newRow("zero") << 0.0 << "0" << "0";
    }
    void floatV()
    {
        QFETCH(double, value);
        QFETCH(QString, v);
        QFETCH(QString, json);
        QCOMPARE(QString::fromStdString(goFormatFloatV(value)), v);
        QCOMPARE(QString::fromStdString(goFormatFloatJson(value)), json);
    }

    void quote_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        // strconv.Quote, as docker ps prints COMMAND
        QTest::newRow("plain") << QByteArray("sh -c 'echo hi'") << QByteArray("\"sh -c 'echo hi'\"");
        QTest::newRow("quotes and backslash") << QByteArray("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"");
        QTest::newRow("controls") << QByteArray("a\tb\nc\x01") << QByteArray("\"a\\tb\\nc\\x01\"");
        QTest::newRow("utf-8 kept") << QByteArray("caf\xc3\xa9 \xe4\xb8\xad") << QByteArray("\"caf\xc3\xa9 \xe4\xb8\xad\"");
        QTest::newRow("invalid byte") << QByteArray("a\xff") << QByteArray("\"a\\xff\"");
        QTest::newRow("non-breaking space") << QByteArray("a\xc2\xa0") << QByteArray("\"a\\u00a0\"");
        QTest::newRow("empty") << QByteArray("") << QByteArray("\"\"");
    }
    void quote()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        QCOMPARE(QByteArray::fromStdString(goQuote(text.toStdString())), expected);
    }

    void printValue_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        // fmt.Sprint of values decoded from JSON
        QTest::newRow("string") << R"("x y")" << "x y";
        QTest::newRow("int") << "42" << "42";
        QTest::newRow("negative") << "-7" << "-7";
        QTest::newRow("float") << "2.50" << "2.5";
        QTest::newRow("bool") << "true" << "true";
        QTest::newRow("null") << "null" << "<nil>";
        QTest::newRow("array") << R"(["sh","-c",1])" << "[sh -c 1]";
        QTest::newRow("empty array") << "[]" << "[]";
        QTest::newRow("map sorted") << R"({"b":1,"a":"x"})" << "map[a:x b:1]";
        QTest::newRow("nested") << R"({"k":[1,{"z":null}]})" << "map[k:[1 map[z:<nil>]]]";
    }
    void printValue()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(goFormatValue(Json::parse(json.toStdString()))), expected);
    }

    void jsonCompact_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("escapeHtml");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("key order kept") << QByteArray(R"({"b":1,"a":[true,null]})") << false
                                        << QByteArray(R"({"b":1,"a":[true,null]})");
        QTest::newRow("float spelling") << QByteArray(R"([1.0,0.5,1e21,1e-7])") << false
                                        << QByteArray(R"([1,0.5,1e+21,1e-7])");
        QTest::newRow("no html escape") << QByteArray(R"({"t":"<none>&"})") << false
                                        << QByteArray(R"({"t":"<none>&"})");
        QTest::newRow("html escape") << QByteArray(R"({"t":"<none>&"})") << true
                                     << QByteArray(R"({"t":"\u003cnone\u003e\u0026"})");
        QTest::newRow("control characters") << QByteArray("[\"a\\u0001\\b\\f\\n\\r\\t\"]") << false
                                            << QByteArray("[\"a\\u0001\\b\\f\\n\\r\\t\"]");
        QTest::newRow("line separator escaped") << QByteArray("[\"\xe2\x80\xa8\"]") << false
                                                << QByteArray("[\"\\u2028\"]");
        QTest::newRow("unicode kept") << QByteArray("[\"\xe4\xb8\xad\"]") << false << QByteArray("[\"\xe4\xb8\xad\"]");
        QTest::newRow("empty containers") << QByteArray(R"({"a":{},"b":[]})") << false
                                          << QByteArray(R"({"a":{},"b":[]})");
    }
    void jsonCompact()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, escapeHtml);
        QFETCH(QByteArray, expected);
        const auto value = Json::parse(json.toStdString());
        QCOMPARE(QByteArray::fromStdString(goJsonCompact(value, escapeHtml)), expected);
    }

    void jsonInvalidUtf8IsReplaced()
    {
        QCOMPARE(QByteArray::fromStdString(goJsonCompact(Json(std::string("a\xff")))), QByteArray("\"a\\ufffd\""));
    }

    void jsonIndent()
    {
        // docker inspect's layout: json.Indent(dst, src, "", "    ")
        const auto value = Json::parse(R"([{"Id":"sha256:abc","RepoTags":["busybox:latest"],"Config":{},"Env":[],"Size":4261023}])");
        const char *expected = "[\n"
                               "    {\n"
                               "        \"Id\": \"sha256:abc\",\n"
                               "        \"RepoTags\": [\n"
                               "            \"busybox:latest\"\n"
                               "        ],\n"
                               "        \"Config\": {},\n"
                               "        \"Env\": [],\n"
                               "        \"Size\": 4261023\n"
                               "    }\n"
                               "]";
        QCOMPARE(QString::fromStdString(goJsonIndent(value)), QString::fromUtf8(expected));
        QCOMPARE(QString::fromStdString(goJsonIndent(Json::parse("[]"))), QStringLiteral("[]"));
        QCOMPARE(QString::fromStdString(goJsonIndent(Json::parse(R"({"a":1})"), ">", "\t")),
                 QStringLiteral("{\n>\t\"a\": 1\n>}"));
    }

    void sprintf_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("args"); // a JSON array
        QTest::addColumn<QString>("expected");
        QTest::newRow("%s") << "[%s]" << R"(["x"])" << "[x]";
        QTest::newRow("%v of mixed") << "%v %v %v" << R"([1, "a", [1,2]])" << "1 a [1 2]";
        QTest::newRow("%d") << "%d" << "[42]" << "42";
        QTest::newRow("%5d") << "%5d|" << "[42]" << "   42|";
        QTest::newRow("%-5d") << "%-5d|" << "[42]" << "42   |";
        QTest::newRow("%05d negative") << "%05d" << "[-42]" << "-0042";
        QTest::newRow("%+d") << "%+d" << "[5]" << "+5";
        QTest::newRow("%x %X %o %b") << "%x %X %o %b" << "[255, 255, 8, 5]" << "ff FF 10 101";
        QTest::newRow("%#x") << "%#x" << "[255]" << "0xff";
        QTest::newRow("%c %U") << "%c %U" << "[65, 65]" << "A U+0041";
        // (no raw string here: moc misreads \" inside raw strings)
        QTest::newRow("%q string") << "%q" << "[\"a\\\"b\"]" << "\"a\\\"b\"";
        QTest::newRow("%q rune") << "%q" << "[120]" << "'x'";
        QTest::newRow("%.2f") << "%.2f" << "[3.14159]" << "3.14";
        QTest::newRow("%8.3f") << "%8.3f|" << "[3.14159]" << "   3.142|";
        QTest::newRow("%e") << "%e" << "[1234.5678]" << "1.234568e+03";
        QTest::newRow("%g") << "%g" << "[0.000001]" << "1e-06";
        QTest::newRow("%t") << "%t" << "[true]" << "true";
        QTest::newRow("%.3s") << "%.3s" << R"(["abcdef"])" << "abc";
        QTest::newRow("%-6s|") << "%-6s|" << R"(["ab"])" << "ab    |";
        QTest::newRow("%*d") << "%*d" << "[4, 7]" << "   7";
        QTest::newRow("%%") << "100%%" << "[]" << "100%";
        QTest::newRow("%d of string") << "%d" << R"(["x"])" << "%!d(string=x)";
        QTest::newRow("%s of int") << "%s" << "[3]" << "%!s(int=3)";
        QTest::newRow("%d of null") << "%d" << "[null]" << "%!d(<nil>)";
        QTest::newRow("missing") << "%s %s" << R"(["a"])" << "a %!s(MISSING)";
        QTest::newRow("extra") << "%s" << R"(["a", 1, "b"])" << "a%!(EXTRA int=1, string=b)";
        QTest::newRow("no verb") << "abc%" << "[]" << "abc%!(NOVERB)";
        QTest::newRow("%d over array") << "%d" << "[[1,2,3]]" << "[1 2 3]";
        QTest::newRow("%x of string") << "%x" << R"(["hi"])" << "6869";
    }
    void sprintf()
    {
        QFETCH(QString, format);
        QFETCH(QString, args);
        QFETCH(QString, expected);
        std::vector<Json> values;
        for (const auto &v : Json::parse(args.toStdString()))
            values.push_back(v);
        QCOMPARE(QString::fromStdString(goSprintf(format.toStdString(), values)), expected);
    }

    void sprintAndSprintln()
    {
        const std::vector<Json> args{Json("a"), Json(1), Json(2), Json("b"), Json(true)};
        // Sprint adds spaces only between two non-string operands.
        QCOMPARE(QString::fromStdString(goSprint(args)), QStringLiteral("a1 2btrue"));
        QCOMPARE(QString::fromStdString(goSprintln(args)), QStringLiteral("a 1 2 b true\n"));
        QCOMPARE(QString::fromStdString(goSprintln({})), QStringLiteral("\n"));
    }

    void displayWidth_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("runes");
        QTest::newRow("ascii") << QByteArray("busybox") << 7 << 7;
        QTest::newRow("cjk") << QByteArray("\xe4\xb8\xad\xe6\x96\x87") << 4 << 2;
        QTest::newRow("hangul") << QByteArray("\xed\x95\x9c") << 2 << 1;
        QTest::newRow("fullwidth A") << QByteArray("\xef\xbc\xa1") << 2 << 1;
        QTest::newRow("emoji") << QByteArray("\xf0\x9f\x90\xb3") << 2 << 1;
        QTest::newRow("combining acute") << QByteArray("e\xcc\x81") << 1 << 2;
        QTest::newRow("zero width joiner") << QByteArray("a\xe2\x80\x8d" "b") << 2 << 3;
        QTest::newRow("latin-1") << QByteArray("caf\xc3\xa9") << 4 << 4;
        QTest::newRow("control chars") << QByteArray("a\tb\x01") << 2 << 4;
        QTest::newRow("invalid bytes count one each") << QByteArray("\xff\xfe") << 2 << 2;
        QTest::newRow("truncated sequence") << QByteArray("\xe4\xb8") << 2 << 2;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << 2 << 2;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << 3 << 3;
    }
    void displayWidth()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, width);
        QFETCH(int, runes);
        const std::string s = text.toStdString();
        QCOMPARE(static_cast<int>(strata::engine::cli::displayWidth(s)), width);
        QCOMPARE(static_cast<int>(runeCount(s)), runes);
    }
};

QTEST_APPLESS_MAIN(TestGoFmt)
#include "tst_GoFmt.moc"
