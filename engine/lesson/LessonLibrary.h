// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where lesson files are and how to load them: $STRATA_LESSONS_DIR, else the
// source tree's lessons/ (compile definition, for builds run in place), else
// the installed share/strata/lessons.

#include "engine/lesson/Glossary.h"
#include "engine/lesson/Lesson.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::lesson {

[[nodiscard]] std::filesystem::path lessonsDir();
// The study notes the lessons cite: $STRATA_NOTES_DIR, else ../shared/notes
// beside the source tree, else the installed share/strata/notes; empty when absent.
[[nodiscard]] std::filesystem::path notesDir();

// Lesson files of a directory: NN-*.json, sorted by name.
[[nodiscard]] std::vector<std::filesystem::path> lessonFiles(const std::filesystem::path &dir);

// Reads, schema-validates (dir/schema.json when present) and parses one file.
// Throws Error(InvalidArgument) listing the problems.
[[nodiscard]] Lesson loadLesson(const std::filesystem::path &file);
// Every lesson of dir, sorted by number.
[[nodiscard]] std::vector<Lesson> loadLessons(const std::filesystem::path &dir);
// By number ("3", "03") or id ("copy-on-write"); NotFound naming what was asked.
[[nodiscard]] Lesson findLesson(const std::filesystem::path &dir, const std::string &numberOrId);
[[nodiscard]] Glossary loadGlossary(const std::filesystem::path &dir);

} // namespace strata::engine::lesson
