// SPDX-License-Identifier: GPL-3.0-or-later
// docker/cli's formatter behaviour: tables with header rows, "json", the
// \t escapes, per-command defaults, error wording, and inspect's output.
// Sources: cli/command/formatter/{formatter,image,container,volume}.go,
// cli/command/image/formatter_history.go, cli/command/inspect/inspector.go;
// empty-table headers as `docker images` / `docker ps` / `docker volume ls`
// print them.
#include "engine/Error.h"
#include "engine/cli/format/DockerFormat.h"
#include "engine/cli/format/ListFormats.h"

#include <QtTest/QTest>

using namespace strata::engine;
using namespace strata::engine::cli;
using Json = nlohmann::ordered_json;

namespace {

std::vector<Json> imageRows()
{
    return {
        Json::parse(R"({"Containers":"N/A","CreatedAt":"2024-05-01 10:00:00 +0000 UTC","CreatedSince":"2 weeks ago",
                        "Digest":"<none>","ID":"a6dc6a8a8b8e","Repository":"busybox","SharedSize":"N/A","Size":"4.26MB",
                        "Tag":"latest","UniqueSize":"N/A","VirtualSize":"4.261MB"})"),
        Json::parse(R"({"Containers":"N/A","CreatedAt":"2024-05-12 09:30:00 +0000 UTC","CreatedSince":"3 days ago",
                        "Digest":"<none>","ID":"3f57d9401f8d","Repository":"strata/demo-web","SharedSize":"N/A",
                        "Size":"12.3MB","Tag":"1.0","UniqueSize":"N/A","VirtualSize":"12.35MB"})"),
    };
}

QString list(const ListFormat &format, const std::vector<Json> &rows)
{
    return QString::fromStdString(formatList(format, rows));
}

QString listError(const ListFormat &format, const std::vector<Json> &rows)
{
    try {
        (void)formatList(format, rows);
    } catch (const Error &e) {
        return QString::fromStdString(e.what());
    }
    return "no error";
}

} // namespace

class TestDockerFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void preFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        QTest::newRow("table prefix dropped") << "table {{.ID}}" << "{{.ID}}";
        QTest::newRow("table without space") << "table{{.ID}}" << "{{.ID}}";
        QTest::newRow("bare table") << "table" << "";
        QTest::newRow("json keyword") << "json" << "{{json .}}";
        QTest::newRow("spaces trimmed") << "  {{.ID}}  " << "{{.ID}}";
        QTest::newRow("tabs are not trimmed") << "\t{{.ID}}" << "\t{{.ID}}";
        QTest::newRow("backslash t") << "{{.ID}}\\t{{.Tag}}" << "{{.ID}}\t{{.Tag}}";
        QTest::newRow("backslash n") << "{{.ID}}\\n" << "{{.ID}}\n";
        QTest::newRow("double backslash then t") << "a\\\\tb" << "a\\\tb";
        QTest::newRow("other escapes untouched") << "a\\rb" << "a\\rb";
    }
    void preFormat()
    {
        QFETCH(QString, format);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(cli::preFormat(format.toStdString())), expected);
        QVERIFY(isTableFormat("table {{.ID}}"));
        QVERIFY(!isTableFormat("{{.ID}} table"));
        QVERIFY(isJsonFormat("json"));
        QVERIFY(!isJsonFormat("json "));
    }

    void emptyTablesPrintTheHeader_data()
    {
        QTest::addColumn<int>("command");
        QTest::addColumn<QString>("expected");
        QTest::newRow("docker images") << 0 << "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n";
        QTest::newRow("docker ps") << 1 << "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n";
        QTest::newRow("docker ps --size")
            << 2 << "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES     SIZE\n";
        QTest::newRow("docker history") << 3 << "IMAGE     CREATED   CREATED BY   SIZE      COMMENT\n";
        QTest::newRow("docker volume ls") << 4 << "DRIVER    VOLUME NAME\n";
        QTest::newRow("docker images --digests")
            << 5 << "REPOSITORY   TAG       DIGEST    IMAGE ID   CREATED   SIZE\n";
    }
    void emptyTablesPrintTheHeader()
    {
        QFETCH(int, command);
        QFETCH(QString, expected);
        const ListFormat formats[] = {
            imageListFormat("", false, false), containerListFormat("", false, false),
            containerListFormat("table", false, true), historyListFormat("", false, true),
            volumeListFormat("", false), imageListFormat("table", false, true),
        };
        QCOMPARE(list(formats[command], {}), expected);
    }

    void imagesTable()
    {
        const QString expected = "REPOSITORY        TAG       IMAGE ID       CREATED       SIZE\n"
                                 "busybox           latest    a6dc6a8a8b8e   2 weeks ago   4.26MB\n"
                                 "strata/demo-web   1.0       3f57d9401f8d   3 days ago    12.3MB\n";
        QCOMPARE(list(imageListFormat("", false, false), imageRows()), expected);
        QCOMPARE(list(imageListFormat("table", false, false), imageRows()), expected);
    }

    void customTableWithEscapedTab()
    {
        ListFormat f = imageListFormat("table {{.Repository}}\\t{{.Tag}}", false, false);
        QCOMPARE(list(f, imageRows()), QStringLiteral("REPOSITORY        TAG\n"
                                                      "busybox           latest\n"
                                                      "strata/demo-web   1.0\n"));
        // With --digests a custom table gains a DIGEST column.
        f = imageListFormat("table {{.Repository}}", false, true);
        QCOMPARE(QString::fromStdString(f.format), QStringLiteral("table {{.Repository}}\t{{.Digest}}"));
        QCOMPARE(list(f, imageRows()).section('\n', 0, 0), QStringLiteral("REPOSITORY        DIGEST"));
    }

    void headerRowUsesHeaderFunctions()
    {
        ListFormat f = imageListFormat("table {{upper .Repository}}\t{{truncate .ID 4}}\t{{pad .Tag 1 1}}|", false,
                                       false);
        const QString out = list(f, {imageRows()[0]});
        QCOMPARE(out, QStringLiteral("REPOSITORY   IMAGE ID    TAG |\n"
                                     "BUSYBOX      a6dc        latest |\n"));
    }

    void unknownHeaderIsNoValue()
    {
        ListFormat f = imageListFormat("table {{.ID}}\t{{.Foo}}", false, false);
        QCOMPARE(list(f, {}), QStringLiteral("IMAGE ID   <no value>\n"));
    }

    void plainFormatOneLinePerRow()
    {
        QCOMPARE(list(imageListFormat("{{.Repository}}:{{.Tag}}", false, false), imageRows()),
                 QStringLiteral("busybox:latest\nstrata/demo-web:1.0\n"));
        QCOMPARE(list(imageListFormat("{{.Repository}}:{{.Tag}}", false, false), {}), QString());
        QCOMPARE(list(imageListFormat("{{.ID}}\\t{{.Size}}", false, false), {imageRows()[0]}),
                 QStringLiteral("a6dc6a8a8b8e\t4.26MB\n"));
    }

    void quietFormat()
    {
        QCOMPARE(list(imageListFormat("table", true, false), imageRows()),
                 QStringLiteral("a6dc6a8a8b8e\n3f57d9401f8d\n"));
        QCOMPARE(QString::fromStdString(containerListFormat("{{.Names}}", true, false).format),
                 QStringLiteral("{{.ID}}"));
        QCOMPARE(QString::fromStdString(volumeListFormat("", true).format), QStringLiteral("{{.Name}}"));
    }

    void jsonFormatSortsKeysAndEscapesHtml()
    {
        Json row = Json::parse(R"({"Tag":"<none>","Repository":"<none>","ID":"abc"})");
        QCOMPARE(list(imageListFormat("json", false, false), {row}),
                 QStringLiteral(R"({"ID":"abc","Repository":"\u003cnone\u003e","Tag":"\u003cnone\u003e"})"
                                "\n"));
        QCOMPARE(list(imageListFormat("{{json .}}", false, false), {row}),
                 QStringLiteral(R"({"ID":"abc","Repository":"\u003cnone\u003e","Tag":"\u003cnone\u003e"})"
                                "\n"));
        QCOMPARE(list(imageListFormat("{{json .Tag}}", false, false), {row}), QStringLiteral("\"<none>\"\n"));
    }

    void rawFormats()
    {
        QCOMPARE(list(imageListFormat("raw", false, false), {imageRows()[0]}),
                 QStringLiteral("repository: busybox\ntag: latest\nimage_id: a6dc6a8a8b8e\n"
                                "created_at: 2024-05-01 10:00:00 +0000 UTC\nvirtual_size: 4.26MB\n\n"));
        QCOMPARE(list(volumeListFormat("raw", false), {Json::parse(R"({"Driver":"local","Name":"data"})")}),
                 QStringLiteral("name: data\ndriver: local\n\n"));
        // (plain strings: moc misreads \" inside raw string literals)
        Json ps = Json::parse(R"({"ID":"c1","Image":"busybox","CreatedAt":"t","State":"running",
                                  "Status":"Up 3 seconds","Names":"web","Labels":"","Ports":""})");
        ps["Command"] = "\"sh\"";
        QCOMPARE(list(containerListFormat("raw", false, false), {ps}),
                 QStringLiteral("container_id: c1\nimage: busybox\ncommand: \"sh\"\ncreated_at: t\n"
                                "state: running\nstatus: Up 3 seconds\nnames: web\nlabels:\nports:\n\n"));
    }

    void containerLabelMethod()
    {
        const Json row = Json::parse(R"({"ID":"c1","Names":"web","Labels":"com.example.vendor=ACME,version=1.0"})");
        const ListFormat f = containerListFormat("table {{.Names}}\t{{.Label \"com.example.vendor\"}}", false, false);
        QCOMPARE(list(f, {row}), QStringLiteral("NAMES     vendor\nweb       ACME\n"));
        QCOMPARE(list(containerListFormat("{{.Label \"version\"}}|{{.Label \"nope\"}}", false, false), {row}),
                 QStringLiteral("1.0|\n"));
    }

    void historyFormats()
    {
        QCOMPARE(QString::fromStdString(historyListFormat("table", false, false).format),
                 QStringLiteral("table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"));
        QCOMPARE(QString::fromStdString(historyListFormat("table", true, true).format), QStringLiteral("{{.ID}}"));
        Json row = Json::parse(R"({"Comment":"","CreatedAt":"x","CreatedSince":"2 weeks ago","ID":"a6dc6a8a8b8e",
                                   "Size":"0B"})");
        row["CreatedBy"] = "/bin/sh -c #(nop)  CMD [\"sh\"]";
        QCOMPARE(list(historyListFormat("", false, true), {row}),
                 QStringLiteral("IMAGE          CREATED       CREATED BY                      SIZE      COMMENT\n"
                                "a6dc6a8a8b8e   2 weeks ago   /bin/sh -c #(nop)  CMD [\"sh\"]   0B        \n"));
    }

    void errorsAreTemplateParsingErrors_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("error");
        QTest::newRow("parse") << "{{.ID" << "template parsing error: template: :1: unclosed action";
        QTest::newRow("unknown function") << "table {{nope .ID}}"
                                          << "template parsing error: template: :1: function \"nope\" not defined";
        QTest::newRow("unknown field")
            << "{{.Foo}}"
            << "template parsing error: template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type "
               "*formatter.imageContext";
        QTest::newRow("unknown field in table")
            << "table {{.ID}}\t{{.Foo}}"
            << "template parsing error: template: :1:10: executing \"\" at <.Foo>: can't evaluate field Foo in type "
               "*formatter.imageContext";
    }
    void errorsAreTemplateParsingErrors()
    {
        QFETCH(QString, format);
        QFETCH(QString, error);
        QCOMPARE(listError(imageListFormat(format.toStdString(), false, false), imageRows()), error);
    }

    void errorCodeIsInvalidArgument()
    {
        try {
            (void)formatList(imageListFormat("{{.Foo}}", false, false), imageRows());
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
            QCOMPARE(QString::fromStdString(e.message()),
                     QStringLiteral("template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type "
                                    "*formatter.imageContext"));
        }
    }

    void inspectDefaultIsIndentedJson()
    {
        InspectFormatter f("");
        f.add(Json::parse(R"({"Id":"sha256:abc","RepoTags":["busybox:latest"],"Size":4261023,"Ratio":1.0})"));
        QCOMPARE(QString::fromStdString(f.finish()),
                 QStringLiteral("[\n    {\n        \"Id\": \"sha256:abc\",\n        \"RepoTags\": [\n"
                                "            \"busybox:latest\"\n        ],\n        \"Size\": 4261023,\n"
                                "        \"Ratio\": 1\n    }\n]\n"));
        QCOMPARE(QString::fromStdString(InspectFormatter("").finish()), QStringLiteral("[]\n"));
    }

    void inspectJsonIsCompact()
    {
        InspectFormatter f("json");
        f.add(Json::parse(R"({"Id":"a"})"));
        f.add(Json::parse(R"({"Id":"b"})"));
        QCOMPARE(QString::fromStdString(f.finish()), QStringLiteral("[{\"Id\":\"a\"},{\"Id\":\"b\"}]\n"));
        QCOMPARE(QString::fromStdString(InspectFormatter("json").finish()), QStringLiteral("[]\n"));
    }

    void inspectTemplate()
    {
        InspectFormatter f("{{.Id}} {{json .Config.Cmd}} {{join .Config.Cmd \" \"}}");
        f.add(Json::parse(R"({"Id":"a","Config":{"Cmd":["sh","-c","true"]}})"));
        f.add(Json::parse(R"({"Id":"b","Config":{"Cmd":["sh"]}})"));
        QCOMPARE(QString::fromStdString(f.finish()),
                 QStringLiteral("a [\"sh\",\"-c\",\"true\"] sh -c true\nb [\"sh\"] sh\n"));
        QCOMPARE(QString::fromStdString(InspectFormatter("{{.Id}}").finish()), QStringLiteral("\n"));
        // inspect does not expand \t: docker passes the format to Go as is.
        InspectFormatter raw("{{.Id}}\\t");
        raw.add(Json::parse(R"({"Id":"a"})"));
        QCOMPARE(QString::fromStdString(raw.finish()), QStringLiteral("a\\t\n"));
    }

    void inspectTemplateErrors()
    {
        try {
            InspectFormatter bad("{{.Id");
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QStringLiteral("template parsing error: template: :1: unclosed action"));
        }
        InspectFormatter f("{{.Name}}");
        f.add(Json::parse(R"({"Name":"/web"})"));
        try {
            f.add(Json::parse(R"({"Id":"x"})"));
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QStringLiteral("template parsing error: template: :1:2: executing \"\" at <.Name>: map has no "
                                    "entry for key \"Name\""));
        }
        // The failed element adds nothing; the others stay.
        QCOMPARE(QString::fromStdString(f.finish()), QStringLiteral("/web\n"));
    }
};

QTEST_APPLESS_MAIN(TestDockerFormat)
#include "tst_DockerFormat.moc"
