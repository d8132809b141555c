// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/DockerFormat.h"

#include "engine/Error.h"
#include "engine/cli/format/GoJson.h"
#include "engine/cli/format/GoTemplate.h"
#include "engine/cli/format/TabWriter.h"

#include <optional>

namespace strata::engine::cli {

namespace {

using Json = nlohmann::ordered_json;

// Docker wraps every template error, parse or execution, in this context.
constexpr const char *kTemplateError = "template parsing error";

GoTemplate parseOrThrow(std::string_view text)
{
    try {
        return GoTemplate::parse(text);
    } catch (Error &e) {
        e.withContext(kTemplateError);
        throw;
    }
}

// SubHeaderContext.Label(name): a header for {{.Label "com.example.key"}},
// the last dot-separated part with '-' and '_' as spaces.
TemplateMethod headerLabelMethod()
{
    TemplateMethod m;
    m.arity = 1;
    m.call = [](const Json &, const std::vector<Json> &args) {
        std::string name = args[0].is_string() ? args[0].get<std::string>() : std::string();
        name = name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
        for (char &c : name)
            if (c == '-' || c == '_')
                c = ' ';
        return Json(name);
    };
    return m;
}

// The header row: the same template executed against the header map with
// docker's HeaderFunctions. Docker ignores errors here and keeps whatever
// was written before one, and so do we.
std::string headerRow(const GoTemplate &tmpl, const ListFormat &format)
{
    Json headers = Json::object();
    for (const auto &[field, header] : format.headers)
        headers[field] = header;
    TemplateOptions options;
    options.headerFunctions = true;
    options.methods.emplace("Label", headerLabelMethod());
    std::string out;
    try {
        tmpl.executeInto(out, headers, options);
    } catch (const Error &) {
    }
    return out;
}

} // namespace

bool isTableFormat(std::string_view format)
{
    return format.substr(0, kTableFormatKey.size()) == kTableFormatKey;
}

bool isJsonFormat(std::string_view format)
{
    return format == kJsonFormatKey;
}

std::string preFormat(std::string_view format)
{
    if (isTableFormat(format))
        format.remove_prefix(kTableFormatKey.size());
    else if (isJsonFormat(format))
        format = "{{json .}}";
    const auto first = format.find_first_not_of(' ');
    format = first == std::string_view::npos ? std::string_view() : format.substr(first, format.find_last_not_of(' ') - first + 1);
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] == '\\' && i + 1 < format.size() && (format[i + 1] == 't' || format[i + 1] == 'n')) {
            out += format[++i] == 't' ? '\t' : '\n';
            continue;
        }
        out += format[i];
    }
    return out;
}

std::string formatList(const ListFormat &format, const std::vector<Json> &rows)
{
    const GoTemplate tmpl = parseOrThrow(preFormat(format.format));
    TemplateOptions options;
    options.rootType = format.contextType;
    options.methods = format.methods;
    options.rootMarshalsAsMap = true;

    // Rows are rendered into a buffer first: an error prints nothing.
    std::string body;
    for (const auto &row : rows) {
        try {
            tmpl.executeInto(body, row, options);
        } catch (Error &e) {
            e.withContext(kTemplateError);
            throw;
        }
        body += '\n';
    }
    if (!isTableFormat(format.format))
        return body;
    return tabulate(headerRow(tmpl, format) + "\n" + body, TabWriter::dockerTable());
}

struct InspectFormatter::Impl {
    enum class Mode { Indented, Compact, Template } mode = Mode::Template;
    std::optional<GoTemplate> tmpl;
    Json elements = Json::array();
    std::string buffer; // template output so far
};

InspectFormatter::InspectFormatter(std::string_view format)
    : m_impl(std::make_unique<Impl>())
{
    if (format.empty())
        m_impl->mode = Impl::Mode::Indented;
    else if (format == kJsonFormatKey)
        m_impl->mode = Impl::Mode::Compact;
    else
        m_impl->tmpl = parseOrThrow(format); // inspect does not expand \t or \n
}

InspectFormatter::~InspectFormatter() = default;
InspectFormatter::InspectFormatter(InspectFormatter &&) noexcept = default;
InspectFormatter &InspectFormatter::operator=(InspectFormatter &&) noexcept = default;

void InspectFormatter::add(const Json &element)
{
    if (m_impl->mode != Impl::Mode::Template) {
        m_impl->elements.push_back(element);
        return;
    }
    TemplateOptions options;
    options.missingKey = MissingKey::Error;
    std::string out;
    try {
        m_impl->tmpl->executeInto(out, element, options);
    } catch (Error &e) {
        e.withContext(kTemplateError);
        throw;
    }
    m_impl->buffer += out + "\n";
}

std::string InspectFormatter::finish() const
{
    switch (m_impl->mode) {
    case Impl::Mode::Indented:
        return m_impl->elements.empty() ? "[]\n" : goJsonIndent(m_impl->elements) + "\n";
    case Impl::Mode::Compact:
        return m_impl->elements.empty() ? "[]\n" : goJsonCompact(m_impl->elements) + "\n";
    case Impl::Mode::Template:
        break;
    }
    return m_impl->buffer.empty() ? "\n" : m_impl->buffer;
}

} // namespace strata::engine::cli
