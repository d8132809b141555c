// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A Dockerfile as the classic builder (Docker 20.10, DOCKER_BUILDKIT=0) reads
// it: parser directives at the top (`# escape=`` `), comment lines dropped
// (also inside a continuation), lines joined where they end in the escape
// character, each logical line split into a keyword, leading `--flag=value`
// words and the rest. Stages begin at FROM; ARGs before the first FROM are
// "meta" ARGs (visible to FROM lines only). Nothing is expanded here:
// variables are substituted at dispatch time, with the environment of the
// moment, as Docker does.

#include <string>
#include <vector>

namespace strata::engine::build {

struct Instruction {
    int line = 0;                // first line of the instruction (1-based)
    std::string keyword;         // upper case: "RUN"
    std::string original;        // the logical line as Docker prints it in "Step i/n : …"
    std::vector<std::pair<std::string, std::string>> flags; // "--from=x" -> {"from", "x"}
    std::string rest;            // after keyword and flags, trimmed
    bool jsonForm = false;       // rest is a JSON array of strings (exec form)
    std::vector<std::string> json;

    [[nodiscard]] std::string flag(const std::string &name, const std::string &fallback = {}) const;
    [[nodiscard]] bool hasFlag(const std::string &name) const;
};

struct Stage {
    Instruction from;
    std::string name;            // "AS name", lower-cased as Docker does; "" if none
    std::vector<Instruction> commands;
};

struct Dockerfile {
    char escape = '\\';
    std::vector<Instruction> metaArgs; // ARGs before the first FROM
    std::vector<Stage> stages;

    // Steps Docker counts in "Step i/n": meta ARGs + every FROM and command.
    [[nodiscard]] int stepCount() const;
};

// Throws build::BuildFailed with Docker's text ("dockerfile parse error line
// 2: unknown instruction: FOO", "no build stage in current context", ...).
[[nodiscard]] Dockerfile parseDockerfile(const std::string &text);

// Splits one already-joined instruction line (ONBUILD triggers use this).
[[nodiscard]] Instruction parseInstructionLine(const std::string &line, int lineNumber, char escape = '\\');

} // namespace strata::engine::build
