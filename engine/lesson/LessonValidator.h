// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What `strata lesson check` and the tests verify beyond parsing: the schema,
// then the rules a schema cannot say (lessons/README.md).

#include "engine/lesson/Glossary.h"
#include "engine/lesson/JsonSchema.h"
#include "engine/lesson/Lesson.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::lesson {

struct ValidationInput {
    const JsonSchema *schema = nullptr;    // null: skip the schema
    const Glossary *glossary = nullptr;    // null: skip link resolution
    std::filesystem::path notesDir;        // empty: skip note files and headings
};

// Schema errors, then semantic ones; each message starts with the JSON
// pointer or step id. Empty = valid.
[[nodiscard]] std::vector<std::string> validateLessonJson(const nlohmann::json &doc, const ValidationInput &input);
// The semantic rules on a parsed lesson:
//  - notes: the file exists and the heading occurs in it (when notesDir is set)
//  - both languages non-empty in every text (also checked by the schema)
//  - glossary links resolve; step and exercise ids unique
//  - student commands have a hint; exercises' commands are the student's
//  - every ${var} used is a built-in or captured by an earlier command
//  - command lines split; check kinds known; regexes compile
[[nodiscard]] std::vector<std::string> validateLesson(const Lesson &lesson, const ValidationInput &input);
// Reads the file; JSON syntax errors are reported, not thrown.
[[nodiscard]] std::vector<std::string> validateLessonFile(const std::filesystem::path &file,
                                                          const ValidationInput &input);

// True when `heading` occurs in a line of the note file.
[[nodiscard]] bool noteHasHeading(const std::filesystem::path &noteFile, const std::string &heading);

} // namespace strata::engine::lesson
