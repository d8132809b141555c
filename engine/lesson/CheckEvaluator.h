// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Evaluates a step's checks on the engine's real state through the Engine
// facade (images, history, imageTree, container records, diff, volumes,
// inspect's GraphDriver) — never by parsing CLI text, except output_* which
// are about the printed text itself. Every result carries a bilingual
// message: what held, or why not.

#include "engine/lesson/CommandLine.h"
#include "engine/lesson/Lesson.h"

#include <string>
#include <vector>

namespace strata::engine {
class Engine;
}

namespace strata::engine::lesson {

// One command run by the player, as it happened.
struct CommandResult {
    std::string line;              // as typed / written (before expansion)
    std::vector<std::string> args; // after splitting and ${var} expansion
    int exitCode = 0;
    std::string out;
    std::string err;
    bool expected = true; // exit code was the step's expect_exit
    bool counted = false;     // a student line that was the step's command and exited as expected
    bool stepCommand = false; // the line IS one of the step's commands (counted or not); else exploration
};

struct CheckResult {
    std::string kind;
    bool holds = false;
    Text summary; // what the check asks for: "容器 cow-a 的容器层里有 /happiness.txt"
    Text whyNot;  // empty when it holds; the author's why_not or a generated message
};

struct CheckContext {
    Engine &engine;
    const Vars &vars;
    // The current step's command results, in command order (output_*).
    const std::vector<CommandResult> &outputs;
};

// Never throws for engine state (a missing container is a failed check); an
// undefined ${var} or a malformed check is a failed check naming it.
[[nodiscard]] CheckResult evaluateCheck(const Check &check, CheckContext &ctx);
[[nodiscard]] std::vector<CheckResult> evaluateChecks(const std::vector<Check> &checks, CheckContext &ctx);

// The check kinds the evaluator knows (the table in lessons/README.md).
[[nodiscard]] const std::vector<std::string> &checkKinds();

} // namespace strata::engine::lesson
