// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/LessonText.h"

#include <cstdlib>

namespace strata::engine::lesson {

bool parseLang(std::string_view name, Lang &out)
{
    if (name.starts_with("zh")) {
        out = Lang::ZhCN;
        return true;
    }
    if (name.starts_with("en")) {
        out = Lang::En;
        return true;
    }
    return false;
}

Lang defaultLang()
{
    const char *lang = std::getenv("LANG");
    return lang && std::string_view(lang).starts_with("zh") ? Lang::ZhCN : Lang::En;
}

const char *langCode(Lang lang)
{
    return lang == Lang::ZhCN ? "zh_CN" : "en";
}

} // namespace strata::engine::lesson
