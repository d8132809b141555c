// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The CLI as the lesson runner's CommandRunner: what the terminal player, the
// GUI player and the lesson tests hand to LessonRunner.

#include "engine/lesson/CommandRunner.h"

namespace strata::engine::cli {

[[nodiscard]] lesson::CommandRunner commandRunner();

} // namespace strata::engine::cli
