// SPDX-License-Identifier: GPL-3.0-or-later
// The small JSON Schema validator: each keyword the lesson schema uses,
// accepting what it should and naming the place of what it refuses.
#include "engine/lesson/JsonSchema.h"

#include <QtTest/QTest>

using nlohmann::json;
using strata::engine::lesson::JsonSchema;
using strata::engine::lesson::SchemaError;

namespace {

std::vector<SchemaError> validate(const char *schema, const char *instance)
{
    return JsonSchema(json::parse(schema)).validate(json::parse(instance));
}

bool mentions(const std::vector<SchemaError> &errors, const std::string &pointer, const std::string &words)
{
    for (const auto &e : errors)
        if (e.pointer == pointer && e.message.find(words) != std::string::npos)
            return true;
    return false;
}

std::string dump(const std::vector<SchemaError> &errors)
{
    std::string s;
    for (const auto &e : errors)
        s += e.text() + "\n";
    return s;
}

} // namespace

class TestLessonJsonSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void types()
    {
        QVERIFY(validate(R"({"type":"integer"})", "3").empty());
        QVERIFY(validate(R"({"type":"integer"})", "3.0").empty()); // JSON Schema: 3.0 is an integer
        QVERIFY(mentions(validate(R"({"type":"integer"})", "3.5"), "", "expected \"integer\", found number"));
        QVERIFY(mentions(validate(R"({"type":"string"})", "true"), "", "found boolean"));
        QVERIFY(validate(R"({"type":["string","null"]})", "null").empty());
        QVERIFY(validate(R"({"type":"object"})", "{}").empty());
        QVERIFY(!validate(R"({"type":"array"})", "{}").empty());
    }

    void requiredAndAdditional()
    {
        const char *schema = R"({"type":"object","required":["a"],"additionalProperties":false,
                                 "properties":{"a":{"type":"string"},"b":{"type":"integer"}}})";
        QVERIFY(validate(schema, R"({"a":"x","b":1})").empty());
        const auto missing = validate(schema, R"({"b":1})");
        QVERIFY2(mentions(missing, "", "missing required property \"a\""), dump(missing).c_str());
        QVERIFY(mentions(validate(schema, R"({"a":"x","c":1})"), "", "unknown property \"c\""));
        QVERIFY(mentions(validate(schema, R"({"a":"x","b":"no"})"), "/b", "expected \"integer\""));
        // additionalProperties as a schema applies to the unlisted members.
        QVERIFY(mentions(validate(R"({"additionalProperties":{"type":"integer"}})", R"({"k":"v"})"), "/k",
                         "expected \"integer\""));
    }

    void arraysAndStrings()
    {
        const char *schema = R"({"type":"array","minItems":1,"maxItems":2,"items":{"type":"string","minLength":2,"pattern":"^[a-z]+$"}})";
        QVERIFY(validate(schema, R"(["ab","cd"])").empty());
        QVERIFY(mentions(validate(schema, "[]"), "", "at least 1"));
        QVERIFY(mentions(validate(schema, R"(["ab","cd","ef"])"), "", "at most 2"));
        QVERIFY(mentions(validate(schema, R"(["a"])"), "/0", "shorter than 2"));
        QVERIFY(mentions(validate(schema, R"(["ab","C1"])"), "/1", "does not match the pattern"));
        QVERIFY(mentions(validate(R"({"minLength":1})", R"("")"), "", "must not be empty"));
        // minLength counts characters, not UTF-8 bytes.
        QVERIFY(validate(R"({"minLength":2,"maxLength":2})", R"("镜像")").empty());
        QVERIFY(!validate(R"({"minLength":3})", R"("镜像")").empty());
    }

    void enumsAndNumbers()
    {
        QVERIFY(validate(R"({"enum":["app","student"]})", R"("app")").empty());
        QVERIFY(mentions(validate(R"({"enum":["app","student"]})", R"("robot")"), "", "is not one of"));
        QVERIFY(mentions(validate(R"({"minimum":0,"maximum":255})", "256"), "", "above the maximum"));
        QVERIFY(mentions(validate(R"({"minimum":0})", "-1"), "", "below the minimum"));
        QVERIFY(mentions(validate(R"({"const":1})", "2"), "", "must be 1"));
    }

    void refsAndDefs()
    {
        const char *schema = R"({"$defs":{"text":{"type":"object","required":["zh_CN","en"]}},
                                 "type":"object","properties":{"title":{"$ref":"#/$defs/text"}}})";
        QVERIFY(validate(schema, R"({"title":{"zh_CN":"镜像","en":"image"}})").empty());
        QVERIFY(mentions(validate(schema, R"({"title":{"zh_CN":"镜像"}})"), "/title", "missing required property \"en\""));
        // A reference that points nowhere is the schema's error, named.
        QVERIFY_THROWS_EXCEPTION(std::exception, validate(R"({"$ref":"#/$defs/none"})", "1"));
    }

    void oneOfReportsTheClosestShape()
    {
        const char *schema = R"({"oneOf":[
            {"type":"object","required":["kind","image"],"additionalProperties":false,
             "properties":{"kind":{"enum":["image_exists"]},"image":{"type":"string"}}},
            {"type":"object","required":["kind","count"],"additionalProperties":false,
             "properties":{"kind":{"enum":["images_dangling"]},"count":{"type":"integer"}}}]})";
        QVERIFY(validate(schema, R"({"kind":"image_exists","image":"x"})").empty());
        // The kind matched the second shape: its error is the one reported.
        const auto errors = validate(schema, R"({"kind":"images_dangling","count":"two"})");
        QVERIFY2(mentions(errors, "/count", "expected \"integer\""), dump(errors).c_str());
        QVERIFY(!mentions(errors, "/kind", "is not one of"));
        // Matching two shapes is refused by oneOf, accepted by anyOf.
        QVERIFY(mentions(validate(R"({"oneOf":[{"type":"integer"},{"minimum":0}]})", "1"), "", "exactly one"));
        QVERIFY(validate(R"({"anyOf":[{"type":"integer"},{"minimum":0}]})", "1").empty());
        QVERIFY(!validate(R"({"anyOf":[{"type":"string"},{"type":"boolean"}]})", "1").empty());
    }

    void pointersEscapeSlashes()
    {
        const auto errors = validate(R"({"additionalProperties":{"type":"string"}})", R"({"a/b":1})");
        QCOMPARE(QString::fromStdString(errors.at(0).pointer), QString("/a~1b"));
    }
};

QTEST_GUILESS_MAIN(TestLessonJsonSchema)
#include "tst_LessonJsonSchema.moc"
