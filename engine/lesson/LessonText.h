// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Bilingual text: every student-facing string of a lesson exists in Chinese
// (the notes' language, shown first) and English.

#include <string>
#include <string_view>

namespace strata::engine::lesson {

enum class Lang { ZhCN, En };

struct Text {
    std::string zh;
    std::string en;
    [[nodiscard]] const std::string &in(Lang lang) const { return lang == Lang::ZhCN ? zh : en; }
};

// "zh_CN"/"zh"/"zh_CN.UTF-8" -> ZhCN, "en"/"en_US…" -> En; else nullopt-like fallback.
[[nodiscard]] bool parseLang(std::string_view name, Lang &out);
// From $LANG: zh_CN when it starts with "zh", else en.
[[nodiscard]] Lang defaultLang();
[[nodiscard]] const char *langCode(Lang lang); // "zh_CN" / "en"

} // namespace strata::engine::lesson
