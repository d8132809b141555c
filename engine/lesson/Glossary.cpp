// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/Glossary.h"

#include "engine/Error.h"
#include "engine/util/JsonDepth.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <sstream>

namespace strata::engine::lesson {

Glossary Glossary::load(const std::filesystem::path &file)
{
    std::ifstream in(file);
    if (!in)
        throw Error(ErrorCode::NotFound, "glossary " + file.string() + ": cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    return fromJson(ss.str(), file.string());
}

Glossary Glossary::fromJson(const std::string &text, const std::string &origin)
{
    Glossary g;
    nlohmann::json doc;
    util::requireJsonDepth(text, "glossary " + origin, ErrorCode::InvalidArgument);
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorCode::InvalidArgument, "glossary " + origin + ": " + e.what());
    }
    if (!doc.is_object() || !doc.contains("terms") || !doc["terms"].is_array())
        throw Error(ErrorCode::InvalidArgument, "glossary " + origin + ": expected {\"terms\": [...]}");
    for (const auto &t : doc["terms"]) {
        Term term;
        term.id = t.value("id", "");
        term.zh = t.value("zh_CN", "");
        term.en = t.value("en", "");
        if (auto d = t.find("definition"); d != t.end() && d->is_object())
            term.definition = Text{d->value("zh_CN", ""), d->value("en", "")};
        const std::string name = "term \"" + term.id + "\"";
        if (term.id.empty())
            g.m_problems.push_back("a term has no id");
        if (term.zh.empty() || term.en.empty())
            g.m_problems.push_back(name + ": zh_CN and en are both required");
        if (term.definition.zh.empty() || term.definition.en.empty())
            g.m_problems.push_back(name + ": the definition needs zh_CN and en");
        if (g.m_index.count(term.id))
            g.m_problems.push_back(name + ": defined twice");
        g.m_index[term.id] = g.m_terms.size();
        g.m_terms.push_back(std::move(term));
    }
    return g;
}

const Term *Glossary::find(const std::string &id) const
{
    auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &m_terms[it->second];
}

std::vector<std::string> Glossary::problems() const
{
    return m_problems;
}

namespace {

// A markdown link [label](target) starting at text[i] == '['; on success
// fills label/target and returns the index just past ')'.
std::optional<std::size_t> readLink(const std::string &text, std::size_t i, std::string &label, std::string &target)
{
    const auto closeLabel = text.find("](", i + 1);
    if (closeLabel == std::string::npos || text.find('\n', i) < closeLabel)
        return std::nullopt;
    const auto closeTarget = text.find(')', closeLabel + 2);
    if (closeTarget == std::string::npos)
        return std::nullopt;
    label = text.substr(i + 1, closeLabel - i - 1);
    target = text.substr(closeLabel + 2, closeTarget - closeLabel - 2);
    return closeTarget + 1;
}

constexpr std::string_view kGlossaryScheme = "glossary:";

} // namespace

std::vector<GlossaryLink> glossaryLinks(const std::string &markdown)
{
    std::vector<GlossaryLink> links;
    for (std::size_t i = 0; i < markdown.size(); ++i) {
        if (markdown[i] != '[')
            continue;
        std::string label, target;
        if (auto end = readLink(markdown, i, label, target)) {
            if (std::string_view(target).starts_with(kGlossaryScheme))
                links.push_back({label, target.substr(kGlossaryScheme.size())});
            i = *end - 1;
        }
    }
    return links;
}

std::string renderPlain(const std::string &markdown, const Glossary &glossary, Lang lang)
{
    std::string out;
    for (std::size_t i = 0; i < markdown.size(); ++i) {
        const char c = markdown[i];
        if (c == '[') {
            std::string label, target;
            if (auto end = readLink(markdown, i, label, target)) {
                out += label;
                if (std::string_view(target).starts_with(kGlossaryScheme)) {
                    if (const Term *t = glossary.find(target.substr(kGlossaryScheme.size()))) {
                        // The other language's word, so both are learnt together.
                        const std::string &other = lang == Lang::ZhCN ? t->en : t->zh;
                        if (other != label)
                            out += " (" + other + ")";
                    }
                }
                i = *end - 1;
                continue;
            }
        }
        if (c == '`' || (c == '*' && i + 1 < markdown.size() && markdown[i + 1] == '*')) {
            if (c == '*')
                ++i;
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace strata::engine::lesson
