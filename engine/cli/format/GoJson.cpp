// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/GoJson.h"

#include "engine/cli/format/GoFmt.h"
#include "engine/cli/format/TextWidth.h"

namespace strata::engine::cli {

namespace {

void appendHexEscape(std::string &out, unsigned value)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += hex[(value >> shift) & 0xF];
}

void appendScalar(std::string &out, const nlohmann::ordered_json &value, bool escapeHtml)
{
    switch (value.type()) {
    case nlohmann::json::value_t::string: appendGoJsonString(out, value.get_ref<const std::string &>(), escapeHtml); break;
    case nlohmann::json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; break;
    case nlohmann::json::value_t::number_integer: out += std::to_string(value.get<std::int64_t>()); break;
    case nlohmann::json::value_t::number_unsigned: out += std::to_string(value.get<std::uint64_t>()); break;
    case nlohmann::json::value_t::number_float: out += goFormatFloatJson(value.get<double>()); break;
    default: out += "null"; break;
    }
}

// Writes `value`; with an empty `indent` the compact form. `depth` counts the
// enclosing containers for the indentation of nested lines.
struct Layout {
    std::string_view prefix;
    std::string_view indent;
    bool pretty = false;
    bool escapeHtml = false;
};

void appendValue(std::string &out, const nlohmann::ordered_json &value, const Layout &layout, int depth)
{
    const bool isArray = value.is_array();
    if (!isArray && !value.is_object()) {
        appendScalar(out, value, layout.escapeHtml);
        return;
    }
    out += isArray ? '[' : '{';
    if (value.empty()) {
        out += isArray ? ']' : '}';
        return;
    }
    auto newline = [&](int level) {
        if (!layout.pretty)
            return;
        out += '\n';
        out += layout.prefix;
        for (int i = 0; i < level; ++i)
            out += layout.indent;
    };
    bool first = true;
    for (const auto &item : value.items()) {
        if (!first)
            out += ',';
        first = false;
        newline(depth + 1);
        if (!isArray) {
            appendGoJsonString(out, item.key(), layout.escapeHtml);
            out += layout.pretty ? ": " : ":";
        }
        appendValue(out, item.value(), layout, depth + 1);
    }
    newline(depth);
    out += isArray ? ']' : '}';
}

} // namespace

void appendGoJsonString(std::string &out, std::string_view text, bool escapeHtml)
{
    out += '"';
    for (std::size_t pos = 0; pos < text.size();) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte < 0x80) {
            ++pos;
            switch (byte) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (byte < 0x20 || (escapeHtml && (byte == '<' || byte == '>' || byte == '&')))
                    appendHexEscape(out, byte);
                else
                    out += static_cast<char>(byte);
            }
            continue;
        }
        const std::size_t start = pos;
        const char32_t r = decodeRune(text, pos);
        if (r == kRuneError && pos - start == 1) {
            out += "\\ufffd"; // invalid UTF-8 is replaced, as Go does
        } else if (r == 0x2028 || r == 0x2029) {
            // Valid JSON but not valid JavaScript; Go always escapes these two.
            appendHexEscape(out, r);
        } else {
            out.append(text.substr(start, pos - start));
        }
    }
    out += '"';
}

std::string goJsonCompact(const nlohmann::ordered_json &value, bool escapeHtml)
{
    std::string out;
    appendValue(out, value, Layout{{}, {}, false, escapeHtml}, 0);
    return out;
}

std::string goJsonIndent(const nlohmann::ordered_json &value, std::string_view prefix, std::string_view indent)
{
    std::string out;
    appendValue(out, value, Layout{prefix, indent, true, false}, 0);
    return out;
}

} // namespace strata::engine::cli
