// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The bilingual glossary (lessons/glossary.json) and the narration's
// markdown links to it: [容器层](glossary:container-layer).

#include "engine/lesson/LessonText.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace strata::engine::lesson {

struct Term {
    std::string id; // "container-layer"
    std::string zh; // "容器层"
    std::string en; // "container layer"
    Text definition;
};

class Glossary {
public:
    Glossary() = default;
    // Throws Error naming the file on unreadable JSON or a malformed term.
    static Glossary load(const std::filesystem::path &file);
    static Glossary fromJson(const std::string &json, const std::string &origin);

    [[nodiscard]] const Term *find(const std::string &id) const;
    [[nodiscard]] const std::vector<Term> &terms() const { return m_terms; }
    // Problems of the glossary itself: duplicate ids, empty fields.
    [[nodiscard]] std::vector<std::string> problems() const;

private:
    std::vector<Term> m_terms;
    std::map<std::string, std::size_t> m_index;
    std::vector<std::string> m_problems;
};

// One [label](glossary:id) link in a markdown text.
struct GlossaryLink {
    std::string label;
    std::string id;
};
[[nodiscard]] std::vector<GlossaryLink> glossaryLinks(const std::string &markdown);

// Markdown as terminal text: glossary links become "容器层 (container layer)"
// in zh_CN and "container layer (容器层)" in en; other links keep their label;
// **bold**, *em* and `code` markers are dropped.
[[nodiscard]] std::string renderPlain(const std::string &markdown, const Glossary &glossary, Lang lang);

} // namespace strata::engine::lesson
