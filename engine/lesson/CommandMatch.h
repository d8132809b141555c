// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Whether a line the student typed IS the step's command, so the player
// counts it (and saves its capture) only then; any other line is
// exploration. "Is" = the same verb and the same words after it, once both
// are split and ${var}-expanded; `image ls`/`container rm`-style long forms
// count as their short verbs. A command may list `accept` lines: other
// spellings the author allows (a different name, another flag order).

#include "engine/lesson/CommandLine.h"
#include "engine/lesson/Lesson.h"

#include <string>
#include <vector>

namespace strata::engine::lesson {

// Long management forms folded onto the short verb: {"image","ls"} -> {"images"}.
[[nodiscard]] std::vector<std::string> canonicalArgs(std::vector<std::string> args);

// True when `typed` (already split and expanded) is `command` or one of its
// accepted spellings, expanded with vars.
[[nodiscard]] bool isStepCommand(const Command &command, const std::vector<std::string> &typed, const Vars &vars);

} // namespace strata::engine::lesson
