// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A small JSON Schema validator for the subset lessons/schema.json uses:
// type, required, properties, additionalProperties, items, enum, const,
// minItems/maxItems, minLength/maxLength, minimum/maximum, pattern (ECMAScript),
// $defs + local "$ref": "#/…", oneOf, anyOf. Unknown keywords are ignored
// (annotations such as title, description, $schema, $id).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace strata::engine::lesson {

struct SchemaError {
    std::string pointer; // JSON pointer of the failing instance: "/steps/2/commands/0"
    std::string message; // "missing required property \"hint\""
    [[nodiscard]] std::string text() const { return (pointer.empty() ? "/" : pointer) + ": " + message; }
};

class JsonSchema {
public:
    explicit JsonSchema(nlohmann::json schema);
    // Every problem found (empty = valid). For oneOf/anyOf, the errors of the
    // alternative that got furthest are reported, so messages stay specific.
    [[nodiscard]] std::vector<SchemaError> validate(const nlohmann::json &instance) const;

private:
    void check(const nlohmann::json &schema, const nlohmann::json &value, const std::string &ptr,
               std::vector<SchemaError> &errors, int depth) const;
    void checkAlternatives(const nlohmann::json &alternatives, bool exactlyOne, const nlohmann::json &value,
                           const std::string &ptr, std::vector<SchemaError> &errors, int depth) const;
    [[nodiscard]] const nlohmann::json &resolve(const std::string &ref) const;

    nlohmann::json m_root;
};

} // namespace strata::engine::lesson
