// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/LessonLibrary.h"

#include "engine/Error.h"
#include "engine/lesson/JsonSchema.h"
#include "engine/lesson/LessonValidator.h"
#include "engine/util/JsonDepth.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>

namespace strata::engine::lesson {
namespace {

std::filesystem::path fromEnv(const char *name)
{
    const char *v = std::getenv(name);
    return v && *v ? std::filesystem::path(v) : std::filesystem::path();
}

nlohmann::json readJson(const std::filesystem::path &file)
{
    std::ifstream in(file);
    if (!in)
        throw Error(ErrorCode::NotFound, file.string() + ": cannot be read");
    const std::string text = std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    util::requireJsonDepth(text, file.string(), ErrorCode::InvalidArgument);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorCode::InvalidArgument, file.string() + ": not JSON: " + e.what());
    }
}

} // namespace

std::filesystem::path lessonsDir()
{
    if (auto dir = fromEnv("STRATA_LESSONS_DIR"); !dir.empty())
        return dir;
#ifdef STRATA_LESSONS_SOURCE_DIR
    if (std::filesystem::is_directory(STRATA_LESSONS_SOURCE_DIR))
        return STRATA_LESSONS_SOURCE_DIR;
#endif
#ifdef STRATA_LESSONS_INSTALL_DIR
    if (std::filesystem::is_directory(STRATA_LESSONS_INSTALL_DIR))
        return STRATA_LESSONS_INSTALL_DIR;
#endif
    throw Error(ErrorCode::NotFound, "no lessons directory: set STRATA_LESSONS_DIR to the lessons/ folder");
}

std::filesystem::path notesDir()
{
    if (auto dir = fromEnv("STRATA_NOTES_DIR"); !dir.empty())
        return dir;
#ifdef STRATA_LESSONS_SOURCE_DIR
    const auto beside = std::filesystem::path(STRATA_LESSONS_SOURCE_DIR).parent_path().parent_path() / "shared" / "notes";
    if (std::filesystem::is_directory(beside))
        return beside;
#endif
#ifdef STRATA_NOTES_INSTALL_DIR
    if (std::filesystem::is_directory(STRATA_NOTES_INSTALL_DIR))
        return STRATA_NOTES_INSTALL_DIR;
#endif
    return {};
}

std::vector<std::filesystem::path> lessonFiles(const std::filesystem::path &dir)
{
    static const std::regex kName(R"(^[0-9]{2}-[a-z0-9-]+\.json$)");
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && std::regex_match(entry.path().filename().string(), kName))
            files.push_back(entry.path());
    if (ec)
        throw Error(ErrorCode::NotFound, "lessons directory " + dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

Lesson loadLesson(const std::filesystem::path &file)
{
    const auto doc = readJson(file);
    const auto schemaFile = file.parent_path() / "schema.json";
    if (std::filesystem::exists(schemaFile)) {
        const JsonSchema schema(readJson(schemaFile));
        const auto errors = schema.validate(doc);
        if (!errors.empty()) {
            std::string msg = file.string() + " does not follow lessons/schema.json:";
            for (const auto &e : errors)
                msg += "\n  " + e.text();
            throw Error(ErrorCode::InvalidArgument, msg);
        }
    }
    return parseLesson(doc, file);
}

std::vector<Lesson> loadLessons(const std::filesystem::path &dir)
{
    std::vector<Lesson> lessons;
    for (const auto &file : lessonFiles(dir))
        lessons.push_back(loadLesson(file));
    std::stable_sort(lessons.begin(), lessons.end(),
                     [](const Lesson &a, const Lesson &b) { return a.number < b.number; });
    return lessons;
}

Lesson findLesson(const std::filesystem::path &dir, const std::string &numberOrId)
{
    const bool numeric = !numberOrId.empty() && numberOrId.find_first_not_of("0123456789") == std::string::npos;
    for (const auto &file : lessonFiles(dir)) {
        const std::string name = file.filename().string(); // "04-copy-on-write.json"
        const int number = std::stoi(name.substr(0, 2));
        const std::string id = name.substr(3, name.size() - 3 - 5);
        if ((numeric && std::stoi(numberOrId) == number) || id == numberOrId)
            return loadLesson(file);
    }
    throw Error(ErrorCode::NotFound, "no lesson \"" + numberOrId + "\" in " + dir.string() +
                                         " (strata lesson list shows the lessons)");
}

Glossary loadGlossary(const std::filesystem::path &dir)
{
    return Glossary::load(dir / "glossary.json");
}

} // namespace strata::engine::lesson
