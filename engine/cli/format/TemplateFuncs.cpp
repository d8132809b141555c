// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/TemplateFuncs.h"

#include "engine/cli/format/GoFmt.h"
#include "engine/cli/format/GoJson.h"
#include "engine/cli/format/GoPrintf.h"
#include "engine/cli/format/TextWidth.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace strata::engine::cli::tmpl {

namespace {

using Json = nlohmann::ordered_json;
using Args = std::vector<Value>;

bool isNil(const Value &v) { return !v.valid || v.json.is_null(); }

std::vector<Json> jsonArgs(const Args &args, std::size_t from = 0)
{
    std::vector<Json> out;
    for (std::size_t i = from; i < args.size(); ++i)
        out.push_back(isNil(args[i]) ? Json() : args[i].json);
    return out;
}

const std::string &str(const Value &v) { return v.json.get_ref<const std::string &>(); }
std::int64_t integer(const Value &v)
{
    return v.json.is_number_unsigned() ? static_cast<std::int64_t>(v.json.get<std::uint64_t>())
                                       : v.json.get<std::int64_t>();
}

// ---- comparison (eq, ne, lt, le, gt, ge) --------------------------------

enum class Kind { Invalid, Bool, Int, Uint, Float, String };

Kind basicKind(const Value &v)
{
    if (!v.valid)
        return Kind::Invalid;
    switch (v.json.type()) {
    case nlohmann::json::value_t::boolean: return Kind::Bool;
    case nlohmann::json::value_t::number_integer: return Kind::Int;
    case nlohmann::json::value_t::number_unsigned:
        return v.json.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX) ? Kind::Uint : Kind::Int;
    case nlohmann::json::value_t::number_float: return Kind::Float;
    case nlohmann::json::value_t::string: return Kind::String;
    default: return Kind::Invalid;
    }
}

[[noreturn]] void incompatible(const Value &a, const Value &b)
{
    throw FuncError{"incompatible types for comparison: " + goTypeName(a.json) + " and " + goTypeName(b.json)};
}

bool equal(const Value &a, const Value &b)
{
    const Kind ka = basicKind(a);
    const Kind kb = basicKind(b);
    if (ka != kb) {
        // Signed and unsigned integers compare by value; otherwise two
        // non-nil values of different kinds are an error.
        if ((ka == Kind::Int && kb == Kind::Uint) || (ka == Kind::Uint && kb == Kind::Int))
            return false; // a Uint is above INT64_MAX, so never equal to an Int
        if (!isNil(a) && !isNil(b))
            incompatible(a, b);
        return false;
    }
    switch (ka) {
    case Kind::Bool: return a.json.get<bool>() == b.json.get<bool>();
    case Kind::Int: return integer(a) == integer(b);
    case Kind::Uint: return a.json.get<std::uint64_t>() == b.json.get<std::uint64_t>();
    case Kind::Float: return a.json.get<double>() == b.json.get<double>();
    case Kind::String: return str(a) == str(b);
    case Kind::Invalid: break;
    }
    if (isNil(a) || isNil(b))
        return isNil(a) == isNil(b);
    throw FuncError{"non-comparable type " + goFormatValue(b.json) + ": " + goTypeName(b.json)};
}

bool less(const Value &a, const Value &b)
{
    const Kind ka = basicKind(a);
    const Kind kb = basicKind(b);
    if (ka == Kind::Invalid || kb == Kind::Invalid)
        throw FuncError{"invalid type for comparison"};
    if (ka != kb) {
        if (ka == Kind::Int && kb == Kind::Uint)
            return true;
        if (ka == Kind::Uint && kb == Kind::Int)
            return false;
        incompatible(a, b);
    }
    switch (ka) {
    case Kind::Int: return integer(a) < integer(b);
    case Kind::Uint: return a.json.get<std::uint64_t>() < b.json.get<std::uint64_t>();
    case Kind::Float: return a.json.get<double>() < b.json.get<double>();
    case Kind::String: return str(a) < str(b);
    default: throw FuncError{"invalid type for comparison"};
    }
}

Value eq(const Args &args)
{
    if (args.size() < 2)
        throw FuncError{"missing argument for comparison"};
    for (std::size_t i = 1; i < args.size(); ++i)
        if (equal(args[0], args[i]))
            return Value::of(true);
    return Value::of(false);
}

// ---- indexing ------------------------------------------------------------

std::int64_t indexArg(const Value &index, std::size_t length)
{
    if (isNil(index))
        throw FuncError{"cannot index slice/array with nil"};
    if (!index.json.is_number_integer())
        throw FuncError{"cannot index slice/array with type " + goTypeName(index.json)};
    const std::int64_t x = integer(index);
    if (x < 0 || static_cast<std::size_t>(x) > length)
        throw FuncError{"index out of range: " + std::to_string(x)};
    return x;
}

Value index(const Args &args)
{
    if (isNil(args[0]))
        throw FuncError{"index of untyped nil"};
    Json item = args[0].json;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const Value &key = args[i];
        if (item.is_null())
            throw FuncError{"index of nil pointer"};
        if (item.is_array() || item.is_string()) {
            const std::size_t length = item.is_array() ? item.size() : item.get_ref<const std::string &>().size();
            const auto x = static_cast<std::size_t>(indexArg(key, length));
            if (x == length)
                throw FuncError{"index out of range: " + std::to_string(x)};
            if (item.is_array())
                item = Json(item[x]);
            else
                item = Json(static_cast<unsigned char>(item.get_ref<const std::string &>()[x])); // a byte
        } else if (item.is_object()) {
            if (isNil(key) || !key.json.is_string())
                throw FuncError{"value has type " + goTypeName(key.json) + "; should be string"};
            // A missing key gives the element type's zero value; for the
            // label maps these lookups serve, that is "".
            const auto it = item.find(str(key));
            item = it == item.end() ? Json("") : Json(*it);
        } else {
            throw FuncError{"can't index item of type " + goTypeName(item)};
        }
    }
    return Value::of(std::move(item));
}

Value slice(const Args &args)
{
    if (isNil(args[0]))
        throw FuncError{"slice of untyped nil"};
    const Json &item = args[0].json;
    if (args.size() > 4)
        throw FuncError{"too many slice indexes: " + std::to_string(args.size() - 1)};
    if (!item.is_string() && !item.is_array())
        throw FuncError{"can't slice item of type " + goTypeName(item)};
    if (item.is_string() && args.size() == 4)
        throw FuncError{"cannot 3-index slice a string"};
    const std::size_t length = item.is_string() ? item.get_ref<const std::string &>().size() : item.size();
    std::int64_t bounds[2] = {0, static_cast<std::int64_t>(length)};
    for (std::size_t i = 1; i < args.size() && i <= 2; ++i)
        bounds[i - 1] = indexArg(args[i], length);
    if (args.size() == 4)
        (void)indexArg(args[3], length);
    if (bounds[0] > bounds[1])
        throw FuncError{"invalid slice index: " + std::to_string(bounds[0]) + " > " + std::to_string(bounds[1])};
    const auto from = static_cast<std::size_t>(bounds[0]);
    const auto to = static_cast<std::size_t>(bounds[1]);
    if (item.is_string())
        return Value::of(item.get_ref<const std::string &>().substr(from, to - from));
    Json out = Json::array();
    for (std::size_t i = from; i < to; ++i)
        out.push_back(item[i]);
    return Value::of(std::move(out));
}

Value length(const Args &args)
{
    const Value &v = args[0];
    if (isNil(v))
        throw FuncError{"len of nil pointer"};
    if (v.json.is_string())
        return Value::of(static_cast<std::int64_t>(str(v).size()));
    if (v.json.is_array() || v.json.is_object())
        return Value::of(static_cast<std::int64_t>(v.json.size()));
    throw FuncError{"len of type " + goTypeName(v.json)};
}

// ---- docker/cli's basicFunctions -----------------------------------------

Value split(const Args &args)
{
    // strings.Split: an empty separator splits into UTF-8 sequences.
    const std::string &s = str(args[0]);
    const std::string &sep = str(args[1]);
    Json out = Json::array();
    if (sep.empty()) {
        for (std::size_t pos = 0; pos < s.size();) {
            const std::size_t start = pos;
            (void)decodeRune(s, pos);
            out.push_back(s.substr(start, pos - start));
        }
        return Value::of(std::move(out));
    }
    std::size_t start = 0;
    for (std::size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size())
        out.push_back(s.substr(start, at - start));
    out.push_back(s.substr(start));
    return Value::of(std::move(out));
}

Value join(const Args &args)
{
    std::string out;
    const Json &list = args[0].json;
    for (std::size_t i = 0; list.is_array() && i < list.size(); ++i)
        out += (i ? str(args[1]) : "") + list[i].get<std::string>();
    return Value::of(out);
}

// strings.Title: upper-case the first letter of every word. A word starts
// after an ASCII character that is not a letter, digit or underscore;
// non-ASCII characters count as letters (Go treats letters that way and
// only non-ASCII spaces otherwise).
Value title(const Args &args)
{
    std::string s = str(args[0]);
    bool atWordStart = true;
    for (char &c : s) {
        const auto u = static_cast<unsigned char>(c);
        const bool separator = u < 0x80 && !std::isalnum(u) && c != '_';
        if (atWordStart && c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        atWordStart = separator;
    }
    return Value::of(s);
}

Value changeCase(const Args &args, bool upper)
{
    // ASCII only: Docker's uses are field values and keys, which are ASCII.
    std::string s = str(args[0]);
    for (char &c : s) {
        if (upper && c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return Value::of(s);
}

// padWithSpace: spaces around a non-empty string.
Value pad(const Args &args)
{
    const std::string &s = str(args[0]);
    if (s.empty())
        return Value::of(s);
    const auto spaces = [](std::int64_t n) { return std::string(static_cast<std::size_t>(std::max<std::int64_t>(n, 0)), ' '); };
    if (integer(args[1]) < 0 || integer(args[2]) < 0)
        throw FuncError{"strings: negative Repeat count"};
    return Value::of(spaces(integer(args[1])) + s + spaces(integer(args[2])));
}

// truncateWithLength: the first `length` bytes.
Value truncate(const Args &args)
{
    const std::string &s = str(args[0]);
    const std::int64_t n = integer(args[1]);
    if (static_cast<std::int64_t>(s.size()) < n)
        return Value::of(s);
    if (n < 0)
        throw FuncError{"runtime error: slice bounds out of range [:" + std::to_string(n) + "]"};
    return Value::of(s.substr(0, static_cast<std::size_t>(n)));
}

Value identity(const Args &args) { return Value::of(args[0].json); }

using Table = std::map<std::string, Function, std::less<>>;

Table builtins()
{
    using K = ArgKind;
    Table t;
    t["and"] = {{K::Any}, true, K::Any, nullptr};
    t["or"] = {{K::Any}, true, K::Any, nullptr};
    t["not"] = {{K::Any}, false, K::Any, [](const Args &a) { return Value::of(!truth(a[0])); }};
    t["len"] = {{K::Any}, false, K::Any, length};
    t["index"] = {{K::Any}, true, K::Any, index};
    t["slice"] = {{K::Any}, true, K::Any, slice};
    t["print"] = {{}, true, K::Any, [](const Args &a) { return Value::of(goSprint(jsonArgs(a))); }};
    t["println"] = {{}, true, K::Any, [](const Args &a) { return Value::of(goSprintln(jsonArgs(a))); }};
    t["printf"] = {{K::String}, true, K::Any,
                   [](const Args &a) { return Value::of(goSprintf(str(a[0]), jsonArgs(a, 1))); }};
    t["eq"] = {{K::Any}, true, K::Any, eq};
    t["ne"] = {{K::Any, K::Any}, false, K::Any, [](const Args &a) { return Value::of(!equal(a[0], a[1])); }};
    t["lt"] = {{K::Any, K::Any}, false, K::Any, [](const Args &a) { return Value::of(less(a[0], a[1])); }};
    t["le"] = {{K::Any, K::Any}, false, K::Any,
               [](const Args &a) { return Value::of(less(a[0], a[1]) || equal(a[0], a[1])); }};
    t["gt"] = {{K::Any, K::Any}, false, K::Any,
               [](const Args &a) { return Value::of(!(less(a[0], a[1]) || equal(a[0], a[1]))); }};
    t["ge"] = {{K::Any, K::Any}, false, K::Any, [](const Args &a) { return Value::of(!less(a[0], a[1])); }};
    // docker/cli templates.basicFunctions
    t["json"] = {{K::Any}, false, K::Any,
                 [](const Args &a) { return Value::of(goJsonCompact(isNil(a[0]) ? Json() : a[0].json)); }};
    t["split"] = {{K::String, K::String}, false, K::Any, split};
    t["join"] = {{K::StringList, K::String}, false, K::Any, join};
    t["title"] = {{K::String}, false, K::Any, title};
    t["lower"] = {{K::String}, false, K::Any, [](const Args &a) { return changeCase(a, false); }};
    t["upper"] = {{K::String}, false, K::Any, [](const Args &a) { return changeCase(a, true); }};
    t["pad"] = {{K::String, K::Int, K::Int}, false, K::Any, pad};
    t["truncate"] = {{K::String, K::Int}, false, K::Any, truncate};
    return t;
}

// docker/cli templates.HeaderFunctions: keep the column name intact.
Table headerFunctions()
{
    using K = ArgKind;
    Table t = builtins();
    t["json"] = {{K::String}, false, K::Any, identity};
    t["split"] = {{K::String, K::String}, false, K::Any, identity};
    t["join"] = {{K::String, K::String}, false, K::Any, identity};
    t["title"] = {{K::String}, false, K::Any, identity};
    t["lower"] = {{K::String}, false, K::Any, identity};
    t["upper"] = {{K::String}, false, K::Any, identity};
    t["truncate"] = {{K::String, K::Int}, false, K::Any, identity};
    return t;
}

} // namespace

const char *goTypeOf(ArgKind kind)
{
    switch (kind) {
    case ArgKind::String: return "string";
    case ArgKind::Int: return "int";
    case ArgKind::StringList: return "[]string";
    default: return "interface {}";
    }
}

const Function *findFunction(std::string_view name, bool header)
{
    static const Table normal = builtins();
    static const Table headers = headerFunctions();
    const Table &table = header ? headers : normal;
    const auto it = table.find(name);
    return it == table.end() ? nullptr : &it->second;
}

bool isFunctionName(std::string_view name)
{
    return findFunction(name, false) != nullptr;
}

bool truth(const Value &value)
{
    if (!value.valid)
        return false;
    const Json &j = value.json;
    switch (j.type()) {
    case nlohmann::json::value_t::boolean: return j.get<bool>();
    case nlohmann::json::value_t::number_integer: return j.get<std::int64_t>() != 0;
    case nlohmann::json::value_t::number_unsigned: return j.get<std::uint64_t>() != 0;
    case nlohmann::json::value_t::number_float: return j.get<double>() != 0;
    case nlohmann::json::value_t::string: return !j.get_ref<const std::string &>().empty();
    case nlohmann::json::value_t::array:
    case nlohmann::json::value_t::object: return !j.empty();
    default: return false;
    }
}

} // namespace strata::engine::cli::tmpl
