// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The study notes by title: lessons/notes.json names each note file in both
// languages, so a citation reads "Docker镜像介绍 — UnionFS（联合文件系统）"
// rather than a hash-named file.

#include "engine/lesson/LessonText.h"

#include <filesystem>
#include <string>

namespace strata::engine::lesson {

// The note's title from <dir>/notes.json (dir = lessonsDir() when empty);
// the file name itself when the catalog does not know it.
[[nodiscard]] Text noteTitle(const std::string &file, const std::filesystem::path &dir = {});

} // namespace strata::engine::lesson
