// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/JsonSchema.h"

#include "engine/Error.h"

#include <algorithm>
#include <tuple>

#include <regex>

namespace strata::engine::lesson {
namespace {

using nlohmann::json;

// Depth guard: a $ref cycle in a broken schema must not recurse forever.
constexpr int kMaxDepth = 64;

bool hasType(const json &value, const std::string &type)
{
    if (type == "object")
        return value.is_object();
    if (type == "array")
        return value.is_array();
    if (type == "string")
        return value.is_string();
    if (type == "boolean")
        return value.is_boolean();
    if (type == "null")
        return value.is_null();
    if (type == "integer")
        return value.is_number_integer() ||
               (value.is_number_float() && value.get<double>() == static_cast<double>(value.get<long long>()));
    if (type == "number")
        return value.is_number();
    return false;
}

std::string typeName(const json &value)
{
    if (value.is_number_integer())
        return "integer";
    if (value.is_number())
        return "number";
    return value.type_name();
}

std::string escapePointerToken(const std::string &token)
{
    std::string out;
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

// Length in Unicode code points, as JSON Schema counts it.
std::size_t codePoints(const std::string &s)
{
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

std::string shortDump(const json &value)
{
    std::string s = value.dump();
    return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

} // namespace

JsonSchema::JsonSchema(json schema) : m_root(std::move(schema)) {}

std::vector<SchemaError> JsonSchema::validate(const json &instance) const
{
    std::vector<SchemaError> errors;
    check(m_root, instance, "", errors, 0);
    return errors;
}

const json &JsonSchema::resolve(const std::string &ref) const
{
    if (ref.empty() || ref[0] != '#')
        throw Error(ErrorCode::Unsupported, "schema $ref \"" + ref + "\": only local references (#/...) are supported");
    try {
        return ref == "#" ? m_root : m_root.at(json::json_pointer(ref.substr(1)));
    } catch (const json::exception &) {
        throw Error(ErrorCode::InvalidArgument, "schema $ref \"" + ref + "\" points nowhere");
    }
}

void JsonSchema::check(const json &schema, const json &value, const std::string &ptr, std::vector<SchemaError> &errors,
                       int depth) const
{
    if (depth > kMaxDepth) {
        errors.push_back({ptr, "schema nests too deep (a $ref cycle?)"});
        return;
    }
    if (schema.is_boolean()) {
        if (!schema.get<bool>())
            errors.push_back({ptr, "no value is allowed here"});
        return;
    }
    if (!schema.is_object())
        return;

    if (auto it = schema.find("$ref"); it != schema.end())
        check(resolve(it->get<std::string>()), value, ptr, errors, depth + 1);

    if (auto it = schema.find("type"); it != schema.end()) {
        bool ok = false;
        if (it->is_string())
            ok = hasType(value, it->get<std::string>());
        else
            for (const auto &t : *it)
                ok = ok || hasType(value, t.get<std::string>());
        if (!ok) {
            errors.push_back({ptr, "expected " + it->dump() + ", found " + typeName(value)});
            return; // further keywords would only repeat the same problem
        }
    }
    if (auto it = schema.find("enum"); it != schema.end()) {
        if (std::find(it->begin(), it->end(), value) == it->end())
            errors.push_back({ptr, shortDump(value) + " is not one of " + it->dump()});
    }
    if (auto it = schema.find("const"); it != schema.end() && *it != value)
        errors.push_back({ptr, shortDump(value) + " must be " + it->dump()});

    if (value.is_string()) {
        const auto &s = value.get_ref<const std::string &>();
        if (auto it = schema.find("minLength"); it != schema.end() && codePoints(s) < it->get<std::size_t>())
            errors.push_back({ptr, s.empty() ? std::string("must not be empty")
                                             : "shorter than " + std::to_string(it->get<std::size_t>()) + " characters"});
        if (auto it = schema.find("maxLength"); it != schema.end() && codePoints(s) > it->get<std::size_t>())
            errors.push_back({ptr, "longer than " + std::to_string(it->get<std::size_t>()) + " characters"});
        if (auto it = schema.find("pattern"); it != schema.end()) {
            const std::regex re(it->get<std::string>(), std::regex::ECMAScript);
            if (!std::regex_search(s, re))
                errors.push_back({ptr, shortDump(value) + " does not match the pattern " + it->get<std::string>()});
        }
    }
    if (value.is_number()) {
        const double v = value.get<double>();
        if (auto it = schema.find("minimum"); it != schema.end() && v < it->get<double>())
            errors.push_back({ptr, shortDump(value) + " is below the minimum " + it->dump()});
        if (auto it = schema.find("maximum"); it != schema.end() && v > it->get<double>())
            errors.push_back({ptr, shortDump(value) + " is above the maximum " + it->dump()});
    }
    if (value.is_array()) {
        if (auto it = schema.find("minItems"); it != schema.end() && value.size() < it->get<std::size_t>())
            errors.push_back({ptr, "has " + std::to_string(value.size()) + " items, at least " + it->dump() +
                                       " required"});
        if (auto it = schema.find("maxItems"); it != schema.end() && value.size() > it->get<std::size_t>())
            errors.push_back({ptr, "has " + std::to_string(value.size()) + " items, at most " + it->dump() +
                                       " allowed"});
        if (auto it = schema.find("items"); it != schema.end())
            for (std::size_t i = 0; i < value.size(); ++i)
                check(*it, value[i], ptr + "/" + std::to_string(i), errors, depth + 1);
    }
    if (value.is_object()) {
        if (auto it = schema.find("required"); it != schema.end())
            for (const auto &name : *it)
                if (!value.contains(name.get<std::string>()))
                    errors.push_back({ptr, "missing required property \"" + name.get<std::string>() + "\""});
        const auto props = schema.find("properties");
        for (auto member = value.begin(); member != value.end(); ++member) {
            const std::string childPtr = ptr + "/" + escapePointerToken(member.key());
            if (props != schema.end() && props->contains(member.key())) {
                check((*props)[member.key()], member.value(), childPtr, errors, depth + 1);
            } else if (auto ap = schema.find("additionalProperties"); ap != schema.end()) {
                if (ap->is_boolean() && !ap->get<bool>())
                    errors.push_back({ptr, "unknown property \"" + member.key() + "\""});
                else
                    check(*ap, member.value(), childPtr, errors, depth + 1);
            }
        }
    }
    if (auto it = schema.find("oneOf"); it != schema.end())
        checkAlternatives(*it, true, value, ptr, errors, depth);
    if (auto it = schema.find("anyOf"); it != schema.end())
        checkAlternatives(*it, false, value, ptr, errors, depth);
}

void JsonSchema::checkAlternatives(const json &alternatives, bool exactlyOne, const json &value,
                                   const std::string &ptr, std::vector<SchemaError> &errors, int depth) const
{
    int matches = 0;
    std::vector<SchemaError> best;
    bool haveBest = false;
    for (const auto &alt : alternatives) {
        std::vector<SchemaError> altErrors;
        check(alt, value, ptr, altErrors, depth + 1);
        if (altErrors.empty()) {
            ++matches;
            continue;
        }
        // The alternative whose "kind"-like enum matched makes the most useful
        // report: prefer the one with the fewest errors, and among those the one
        // that failed deepest (it got further into the value).
        auto score = [&](const std::vector<SchemaError> &es) {
            std::size_t deepest = 0;
            for (const auto &e : es)
                deepest = std::max(deepest, e.pointer.size());
            bool enumMiss = false;
            for (const auto &e : es)
                enumMiss = enumMiss || e.message.find("is not one of") != std::string::npos;
            return std::make_tuple(enumMiss ? 1 : 0, es.size(), -static_cast<long>(deepest));
        };
        if (!haveBest || score(altErrors) < score(best)) {
            best = std::move(altErrors);
            haveBest = true;
        }
    }
    if (matches == 0) {
        if (haveBest)
            errors.insert(errors.end(), best.begin(), best.end());
        else
            errors.push_back({ptr, "matches none of the allowed shapes"});
    } else if (exactlyOne && matches > 1) {
        errors.push_back({ptr, "matches " + std::to_string(matches) + " shapes where exactly one is allowed"});
    }
}

} // namespace strata::engine::lesson
