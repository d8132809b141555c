// SPDX-License-Identifier: GPL-3.0-or-later
// Go text/template behaviour as docker --format relies on it. Expected
// outputs and error texts are Go's (text/template exec.go, funcs.go,
// parse/parse.go, parse/lex.go) and docker/cli's template functions
// (templates/templates.go).
#include "engine/Error.h"
#include "engine/cli/format/GoTemplate.h"

#include <QtTest/QTest>

using namespace strata::engine;
using namespace strata::engine::cli;
using Json = nlohmann::ordered_json;

namespace {

const Json &data()
{
    static const Json d = Json::parse(R"({
        "ID": "abc", "Repository": "busybox", "Tag": "latest", "Size": "4.26MB",
        "Labels": {"b": "2", "a": "1"}, "List": ["x", "y"], "EmptyList": [],
        "Num": 42, "Float": 1.5, "Big": 1000000.0, "Empty": "", "Nil": null, "Bool": true,
        "Nested": {"A": {"B": "deep"}}, "Html": "<none>"
    })");
    return d;
}

QString render(const QString &text, const Json &value, const TemplateOptions &options = {})
{
    return QString::fromStdString(GoTemplate::parse(text.toStdString()).execute(value, options));
}

QString errorOf(const QString &text, const Json &value, const TemplateOptions &options = {})
{
    try {
        (void)render(text, value, options);
    } catch (const Error &e) {
        if (e.code() != ErrorCode::InvalidArgument)
            return "wrong error code";
        return QString::fromStdString(e.what());
    }
    return "no error";
}

} // namespace

class TestGoTemplate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void renders_data()
    {
        QTest::addColumn<QString>("tmpl");
        QTest::addColumn<QString>("expected");
        QTest::newRow("literal text") << "just text" << "just text";
        QTest::newRow("empty template") << "" << "";
        QTest::newRow("field") << "{{.ID}}" << "abc";
        QTest::newRow("spaces inside action") << "{{ .ID }}" << "abc";
        QTest::newRow("fields and text") << "{{.Repository}}:{{.Tag}}" << "busybox:latest";
        QTest::newRow("nested field") << "{{.Nested.A.B}}" << "deep";
        QTest::newRow("map key as field") << "{{.Labels.a}}" << "1";
        QTest::newRow("map printed sorted") << "{{.Labels}}" << "map[a:1 b:2]";
        QTest::newRow("slice printed") << "{{.List}}" << "[x y]";
        QTest::newRow("int") << "{{.Num}}" << "42";
        QTest::newRow("float") << "{{.Float}}" << "1.5";
        QTest::newRow("big float uses exponent") << "{{.Big}}" << "1e+06";
        QTest::newRow("bool") << "{{.Bool}}" << "true";
        QTest::newRow("null prints no value") << "{{.Nil}}" << "<no value>";
        QTest::newRow("missing key prints no value") << "{{.Missing}}" << "<no value>";
        QTest::newRow("missing nested prints no value") << "{{.Missing.Deeper}}" << "<no value>";
        QTest::newRow("newline inside action") << "{{if\n.Bool}}y{{end}}" << "y";
        QTest::newRow("comment") << "{{/* ignored */}}ok" << "ok";
        QTest::newRow("trim markers") << "a  {{- .ID -}}  b" << "aabcb";
        QTest::newRow("trim newlines") << "x\n\t{{- .ID}}\n" << "xabc\n";
        QTest::newRow("trimmed comment") << "a {{- /* c */ -}} b" << "ab";
        QTest::newRow("minus number is not a trim") << "{{-3}}" << "-3";
        // docker/cli functions
        QTest::newRow("json string") << "{{json .ID}}" << "\"abc\"";
        QTest::newRow("json list") << "{{json .List}}" << "[\"x\",\"y\"]";
        QTest::newRow("json keeps key order") << "{{json .Labels}}" << "{\"b\":\"2\",\"a\":\"1\"}";
        QTest::newRow("json no html escape") << "{{json .Html}}" << "\"<none>\"";
        QTest::newRow("json float") << "{{json .Big}}" << "1000000";
        QTest::newRow("json null") << "{{json .Nil}}" << "null";
        QTest::newRow("json missing") << "{{json .Missing}}" << "null";
        QTest::newRow("json piped") << "{{.Num | json}}" << "42";
        QTest::newRow("join") << "{{join .List \",\"}}" << "x,y";
        QTest::newRow("join empty") << "{{join .EmptyList \",\"}}" << "";
        QTest::newRow("split") << "{{split \"a:b:c\" \":\"}}" << "[a b c]";
        QTest::newRow("split empty separator") << "{{split \"ab\" \"\"}}" << "[a b]";
        QTest::newRow("split then index") << "{{index (split .Repository \"y\") 0}}" << "bus";
        QTest::newRow("lower") << "{{lower \"ABC d\"}}" << "abc d";
        QTest::newRow("upper") << "{{upper .Tag}}" << "LATEST";
        QTest::newRow("title") << "{{title \"hello wide-world_x\"}}" << "Hello Wide-World_x";
        QTest::newRow("truncate") << "{{truncate .Repository 4}}" << "busy";
        QTest::newRow("truncate longer than text") << "{{truncate .Repository 40}}" << "busybox";
        QTest::newRow("pad") << "[{{pad .Tag 1 2}}]" << "[ latest  ]";
        QTest::newRow("pad empty stays empty") << "[{{pad .Empty 1 2}}]" << "[]";
        // Go builtins
        QTest::newRow("len") << "{{len .List}} {{len .ID}} {{len .Labels}}" << "2 3 2";
        QTest::newRow("index map") << "{{index .Labels \"a\"}}" << "1";
        QTest::newRow("index missing key") << "[{{index .Labels \"zz\"}}]" << "[]";
        QTest::newRow("index slice") << "{{index .List 1}}" << "y";
        QTest::newRow("index string gives byte") << "{{index .ID 0}}" << "97";
        QTest::newRow("slice string") << "{{slice .Repository 1 3}}" << "us";
        QTest::newRow("slice list") << "{{slice .List 1}}" << "[y]";
        QTest::newRow("printf") << "{{printf \"%s-%d\" .ID .Num}}" << "abc-42";
        QTest::newRow("printf widths") << "{{printf \"%8s|%-5s|%05d\" .Tag .ID .Num}}" << "  latest|abc  |00042";
        QTest::newRow("printf float") << "{{printf \"%.2f\" .Float}}" << "1.50";
        QTest::newRow("printf quoted") << "{{printf \"%q\" .ID}}" << "\"abc\"";
        QTest::newRow("printf piped") << "{{.ID | printf \"<%s>\"}}" << "<abc>";
        QTest::newRow("printf bad verb") << "{{printf \"%d\" .ID}}" << "%!d(string=abc)";
        QTest::newRow("print") << "{{print .ID .Num \"x\" 1 2}}" << "abc42x1 2";
        QTest::newRow("println") << "{{println .ID .Num}}" << "abc 42\n";
        QTest::newRow("println alone") << "{{println}}" << "\n";
        QTest::newRow("and returns deciding value") << "{{and .Bool .Num}}" << "42";
        QTest::newRow("and stops at false") << "{{and .Empty .Missing.X}}" << "";
        QTest::newRow("or default") << "{{or .Empty \"dflt\"}}" << "dflt";
        QTest::newRow("not") << "{{not .Bool}}" << "false";
        QTest::newRow("eq") << "{{eq .Num 42}} {{eq .Tag \"x\"}}" << "true false";
        QTest::newRow("eq any of") << "{{eq .Tag \"a\" \"latest\"}}" << "true";
        QTest::newRow("ne lt le gt ge")
            << "{{ne .Tag \"x\"}} {{lt 1 2}} {{le 2 2}} {{gt 2.5 1.5}} {{ge \"a\" \"b\"}}" << "true true true true false";
        QTest::newRow("eq null") << "{{eq .Nil nil}}" << "true";
        // control structures
        QTest::newRow("if true") << "{{if .Bool}}yes{{else}}no{{end}}" << "yes";
        QTest::newRow("if empty string") << "{{if .Empty}}yes{{else}}no{{end}}" << "no";
        QTest::newRow("if missing") << "{{if .Missing}}y{{else}}n{{end}}" << "n";
        QTest::newRow("if zero") << "{{if 0}}y{{else}}n{{end}}" << "n";
        QTest::newRow("if empty list") << "{{if .EmptyList}}y{{else}}n{{end}}" << "n";
        QTest::newRow("else if") << "{{if eq .Tag \"x\"}}X{{else if eq .Tag \"latest\"}}L{{else}}?{{end}}" << "L";
        QTest::newRow("docker images CREATED column")
            << "{{if .Size }}{{.Size}}{{else}}N/A{{end}}|{{if .Empty }}{{.Empty}}{{else}}N/A{{end}}" << "4.26MB|N/A";
        QTest::newRow("range list") << "{{range .List}}[{{.}}]{{end}}" << "[x][y]";
        QTest::newRow("range index and element") << "{{range $i, $e := .List}}{{$i}}={{$e}} {{end}}" << "0=x 1=y ";
        QTest::newRow("range one variable is the element") << "{{range $e := .List}}{{$e}}{{end}}" << "xy";
        QTest::newRow("range map in key order") << "{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}" << "a=1;b=2;";
        QTest::newRow("range map dot is value") << "{{range .Labels}}{{.}}{{end}}" << "12";
        QTest::newRow("range else") << "{{range .EmptyList}}x{{else}}none{{end}}" << "none";
        QTest::newRow("range missing") << "{{range .Missing}}x{{else}}none{{end}}" << "none";
        QTest::newRow("range null") << "{{range .Nil}}x{{else}}none{{end}}" << "none";
        QTest::newRow("range int") << "{{range 3}}{{.}}{{end}}" << "012";
        QTest::newRow("range break") << "{{range $i, $e := .List}}{{if eq $i 1}}{{break}}{{end}}{{$e}}{{end}}" << "x";
        QTest::newRow("range continue") << "{{range .List}}{{if eq . \"x\"}}{{continue}}{{end}}{{.}}{{end}}" << "y";
        QTest::newRow("dollar inside range") << "{{range .List}}{{$.ID}}{{end}}" << "abcabc";
        QTest::newRow("nested range") << "{{range .List}}{{range $.List}}{{.}}{{end}};{{end}}" << "xy;xy;";
        QTest::newRow("with") << "{{with .Nested.A}}{{.B}}{{end}}" << "deep";
        QTest::newRow("with else") << "{{with .Missing}}x{{else}}y{{end}}" << "y";
        QTest::newRow("else with") << "{{with .Missing}}x{{else with .Tag}}{{.}}{{end}}" << "latest";
        // variables and pipelines
        QTest::newRow("variable") << "{{$x := .ID}}{{$x}}" << "abc";
        QTest::newRow("assignment in if") << "{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}" << "2";
        QTest::newRow("variable field") << "{{$n := .Nested}}{{$n.A.B}}" << "deep";
        QTest::newRow("dollar alone") << "{{with .Nested}}{{$.Tag}}{{end}}" << "latest";
        QTest::newRow("parenthesised") << "{{(index .List 0)}}" << "x";
        QTest::newRow("chain on parenthesised") << "{{(index .Nested \"A\").B}}" << "deep";
        QTest::newRow("pipeline into function") << "{{.Tag | upper | printf \"%s!\"}}" << "LATEST!";
        // literals
        QTest::newRow("string escapes") << "{{\"a\\tb\\u00e9\"}}" << "a\tb\u00e9";
        QTest::newRow("raw string") << "{{`a\\tb`}}" << "a\\tb";
        QTest::newRow("float literal") << "{{1.5}}" << "1.5";
        QTest::newRow("exponent literal is a float") << "{{1e3}}" << "1000";
        QTest::newRow("hex literal") << "{{0x10}}" << "16";
        QTest::newRow("char literal") << "{{'a'}}" << "97";
        QTest::newRow("bool literal") << "{{true}}" << "true";
        QTest::newRow("dot") << "{{.Nested.A}}" << "map[B:deep]";
    }
    void renders()
    {
        QFETCH(QString, tmpl);
        QFETCH(QString, expected);
        QCOMPARE(render(tmpl, data()), expected);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("tmpl");
        QTest::addColumn<QString>("error");
        QTest::newRow("unclosed action") << "{{.ID" << "template: :1: unclosed action";
        QTest::newRow("single closing brace") << "{{.ID}" << "template: :1: unexpected \"}\" in operand";
        QTest::newRow("unknown function") << "{{foo .ID}}" << "template: :1: function \"foo\" not defined";
        QTest::newRow("stray end") << "{{end}}" << "template: :1: unexpected {{end}}";
        QTest::newRow("stray else") << "{{else}}" << "template: :1: unexpected {{else}}";
        QTest::newRow("missing end") << "{{if .Bool}}x" << "template: :1: unexpected EOF";
        QTest::newRow("empty action") << "{{}}" << "template: :1: missing value for command";
        QTest::newRow("empty if") << "{{if}}{{end}}" << "template: :1: missing value for if";
        QTest::newRow("empty range") << "{{range}}{{end}}" << "template: :1: missing value for range";
        QTest::newRow("undefined variable") << "{{$x}}" << "template: :1: undefined variable \"$x\"";
        QTest::newRow("variable out of scope") << "{{if true}}{{$x := 1}}{{end}}{{$x}}"
                                               << "template: :1: undefined variable \"$x\"";
        QTest::newRow("constant in later stage") << "{{.ID | \"x\"}}"
                                                 << "template: :1: non executable command in pipeline stage 2";
        QTest::newRow("printable junk") << "{{.ID #}}" << "template: :1: unexpected \"#\" in operand";
        QTest::newRow("control character") << "{{.ID \x01}}"
                                           << "template: :1: unrecognized character in action: U+0001";
        QTest::newRow("unterminated string") << "{{\"abc}}" << "template: :1: unterminated quoted string";
        QTest::newRow("unterminated raw string") << "{{`abc}}" << "template: :1: unterminated raw quoted string";
        QTest::newRow("unclosed comment") << "{{/* x }}" << "template: :1: unclosed comment";
        QTest::newRow("comment with junk") << "{{/* x */ .ID}}" << "template: :1: comment ends before closing delimiter";
        QTest::newRow("break outside range") << "{{break}}" << "template: :1: {{break}} outside {{range}}";
        QTest::newRow("error on second line") << "line one\n{{.ID}\n" << "template: :2: unexpected \"}\" in operand";
        QTest::newRow("unclosed paren") << "{{(.ID}}" << "template: :1: unclosed left paren";
        QTest::newRow("extra right paren") << "{{.ID)}}" << "template: :1: unexpected \")\" in command";
        QTest::newRow("bad number") << "{{3x}}" << "template: :1: bad number syntax: \"3x\"";
        QTest::newRow("bad escape") << "{{\"\\q\"}}" << "template: :1: invalid syntax";
        QTest::newRow("field after literal") << "{{\"x\".Y}}" << "template: :1: unexpected . after term \"\\\"x\\\"\"";
        QTest::newRow("else junk") << "{{if .Bool}}{{else .X}}{{end}}" << "template: :1: unexpected \".X\" in else";
        QTest::newRow("range too many variables") << "{{range $a, $b, $c := .List}}{{end}}"
                                                  << "template: :1: too many declarations in range";
        QTest::newRow("template keyword") << "{{template \"x\"}}" << "template: :1: {{template}} is not supported";
        QTest::newRow("long token shortened") << "{{if .Bool}}{{else \"abcdefghijklmnop\"}}{{end}}"
                                              << "template: :1: unexpected \"\\\"abcdefghi\"... in else";
    }
    void parseErrors()
    {
        QFETCH(QString, tmpl);
        QFETCH(QString, error);
        try {
            (void)GoTemplate::parse(tmpl.toStdString());
            QFAIL("parsed a bad template");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
            QCOMPARE(QString::fromStdString(e.what()), error);
        }
    }

    void execErrors_data()
    {
        QTest::addColumn<QString>("tmpl");
        QTest::addColumn<int>("mode"); // 0 plain map, 1 missingkey=error, 2 typed docker context
        QTest::addColumn<QString>("error");
        const QString at = "template: :1:%1: executing \"\" at <%2>: %3";
        QTest::newRow("inspect missing key") << "{{.Foo}}" << 1
                                             << at.arg(2).arg(".Foo", "map has no entry for key \"Foo\"");
        QTest::newRow("docker list missing field")
            << "{{.Foo}}" << 2 << at.arg(2).arg(".Foo", "can't evaluate field Foo in type *formatter.imageContext");
        QTest::newRow("missing key after text") << "x {{.ID}} {{.Nested.Q}}" << 1
                                                << at.arg(19).arg(".Nested.Q", "map has no entry for key \"Q\"");
        QTest::newRow("second line") << "a\n  {{.Foo}}" << 1
                                     << QString("template: :2:4: executing \"\" at <.Foo>: map has no entry for key \"Foo\"");
        // A chain's position is that of its second field, as in Go.
        QTest::newRow("field of a string") << "{{.ID.Foo}}" << 0
                                           << at.arg(5).arg(".ID.Foo", "can't evaluate field Foo in type string");
        QTest::newRow("field of null") << "{{.Nil.X}}" << 0
                                       << at.arg(6).arg(".Nil.X", "nil pointer evaluating interface {}.X");
        QTest::newRow("field of missing with error") << "{{.Missing.X}}" << 1
                                                     << at.arg(10).arg(".Missing.X", "map has no entry for key \"Missing\"");
        QTest::newRow("index out of range")
            << "{{index .List 5}}" << 0 << at.arg(2).arg("index .List 5", "error calling index: index out of range: 5");
        QTest::newRow("index of nil") << "{{index .Nil 0}}" << 0
                                      << at.arg(2).arg("index .Nil 0", "error calling index: index of untyped nil");
        QTest::newRow("join of a string")
            << "{{join .ID \",\"}}" << 0 << at.arg(7).arg(".ID", "wrong type for value; expected []string; got string");
        QTest::newRow("lower of a number literal") << "{{lower 5}}" << 0
                                                   << at.arg(8).arg("5", "expected string; found 5");
        QTest::newRow("lower of a number field") << "{{lower .Num}}" << 0
                                                 << at.arg(8).arg(".Num", "wrong type for value; expected string; got int");
        QTest::newRow("lower of missing") << "{{lower .Missing}}" << 0
                                          << at.arg(8).arg(".Missing", "invalid value; expected string");
        QTest::newRow("truncate without length")
            << "{{truncate .ID}}" << 0 << at.arg(2).arg("truncate", "wrong number of args for truncate: want 2 got 1");
        QTest::newRow("too many args") << "{{upper .ID .Tag}}" << 0
                                       << at.arg(2).arg("upper", "wrong number of args for upper: want 1 got 2");
        QTest::newRow("len of int") << "{{len .Num}}" << 0
                                    << at.arg(2).arg("len .Num", "error calling len: len of type int");
        QTest::newRow("range over string") << "{{range .Tag}}{{end}}" << 0
                                           << at.arg(8).arg(".Tag", "range can't iterate over latest");
        QTest::newRow("compare string and int")
            << "{{eq .Tag 1}}" << 0
            << at.arg(2).arg("eq .Tag 1", "error calling eq: incompatible types for comparison: string and int");
        QTest::newRow("lt of lists") << "{{lt .List .List}}" << 0
                                     << at.arg(2).arg("lt .List .List", "error calling lt: invalid type for comparison");
        QTest::newRow("nil command") << "{{nil}}" << 0 << at.arg(2).arg("nil", "nil is not a command");
        QTest::newRow("argument to a map key")
            << "{{.Labels 1}}" << 0 << at.arg(2).arg(".Labels", "Labels is not a method but has arguments");
        QTest::newRow("argument to a context field")
            << "{{.ID 1}}" << 2 << at.arg(2).arg(".ID", "wrong number of args for ID: want 0 got 1");
        QTest::newRow("argument to a constant") << "{{\"x\" 1}}" << 0
                                                << at.arg(2).arg("\"x\"", "can't give argument to non-function \"x\"");
        QTest::newRow("negative truncate")
            << "{{truncate .ID -1}}" << 0
            << at.arg(2).arg("truncate .ID -1", "error calling truncate: runtime error: slice bounds out of range [:-1]");
    }
    void execErrors()
    {
        QFETCH(QString, tmpl);
        QFETCH(int, mode);
        QFETCH(QString, error);
        TemplateOptions options;
        if (mode == 1)
            options.missingKey = MissingKey::Error;
        if (mode == 2)
            options.rootType = "*formatter.imageContext";
        QCOMPARE(errorOf(tmpl, data(), options), error);
    }

    void outputBeforeAnErrorIsKept()
    {
        TemplateOptions options;
        options.missingKey = MissingKey::Error;
        std::string out;
        QVERIFY_THROWS_EXCEPTION(Error, GoTemplate::parse("a{{.ID}}b{{.Foo}}c").executeInto(out, data(), options));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("aabcb"));
    }

    void nullTextOption()
    {
        TemplateOptions options;
        options.nullText = "<nil>";
        QCOMPARE(render("{{.Nil}}|{{.Missing}}", data(), options), QStringLiteral("<nil>|<no value>"));
    }

    void methodsOnTheRoot()
    {
        TemplateOptions options;
        TemplateMethod label;
        label.arity = 1;
        label.call = [](const Json &row, const std::vector<Json> &args) {
            return Json(row.at("Labels").value(args.at(0).get<std::string>(), std::string()));
        };
        options.methods.emplace("Label", label);
        QCOMPARE(render("{{.Label \"a\"}}|{{.Label \"zz\"}}|{{$.Label \"b\"}}", data(), options),
                 QStringLiteral("1||2"));
        QCOMPARE(errorOf("{{.Label}}", data(), options),
                 QStringLiteral("template: :1:2: executing \"\" at <.Label>: wrong number of args for Label: want 1 got 0"));
        // Methods belong to the top-level value only.
        QCOMPARE(render("{{.Nested.Label}}", data(), options), QStringLiteral("<no value>"));
    }

    void headerFunctionsKeepTheirArgument()
    {
        TemplateOptions options;
        options.headerFunctions = true;
        const Json headers = Json::parse(R"({"ID":"IMAGE ID","Tag":"TAG"})");
        QCOMPARE(render("{{json .ID}} {{upper .Tag}} {{lower .ID}} {{truncate .ID 2}} {{split .Tag \":\"}} "
                        "{{join .ID \",\"}} {{title .Tag}}|{{pad .Tag 1 1}}|",
                        headers, options),
                 QStringLiteral("IMAGE ID TAG IMAGE ID IMAGE ID TAG IMAGE ID TAG| TAG |"));
    }

    void rootMarshalsAsMapSortsAndEscapes()
    {
        TemplateOptions options;
        options.rootMarshalsAsMap = true;
        const Json row = Json::parse(R"({"Tag":"<none>","ID":"abc"})");
        QCOMPARE(render("{{json .}}", row, options), QStringLiteral(R"({"ID":"abc","Tag":"\u003cnone\u003e"})"));
        QCOMPARE(render("{{json .Tag}}", row, options), QStringLiteral("\"<none>\""));
        QCOMPARE(render("{{json .}}", row), QStringLiteral(R"({"Tag":"<none>","ID":"abc"})"));
    }

    void templatesAreReusable()
    {
        const GoTemplate t = GoTemplate::parse("{{.ID}}-{{.Tag}}");
        const GoTemplate copy = t;
        QCOMPARE(QString::fromStdString(t.execute(Json::parse(R"({"ID":"1","Tag":"a"})"))), QStringLiteral("1-a"));
        QCOMPARE(QString::fromStdString(copy.execute(Json::parse(R"({"ID":"2","Tag":"b"})"))), QStringLiteral("2-b"));
        QCOMPARE(QString::fromStdString(copy.text()), QStringLiteral("{{.ID}}-{{.Tag}}"));
    }
};

QTEST_APPLESS_MAIN(TestGoTemplate)
#include "tst_GoTemplate.moc"
