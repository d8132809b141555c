// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/NoteCatalog.h"

#include "engine/lesson/Lesson.h"
#include "engine/lesson/LessonLibrary.h"
#include "engine/util/JsonDepth.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace strata::engine::lesson {

Text noteTitle(const std::string &file, const std::filesystem::path &dir)
{
    std::ifstream in((dir.empty() ? lessonsDir() : dir) / "notes.json");
    if (in) {
        try {
            const std::string text = std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            util::requireJsonDepth(text, "notes.json");
            const auto j = nlohmann::json::parse(text);
            for (const auto &n : j.at("notes"))
                if (n.value("file", "") == file)
                    return parseText(n.at("title"));
        } catch (const std::exception &) {
            // A damaged catalog: fall back to the file name (tst_LessonFiles checks it).
        }
    }
    return Text{file, file};
}

} // namespace strata::engine::lesson
