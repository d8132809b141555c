// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What Docker's instruction parser (buildkit frontend/dockerfile/instructions
// as vendored in Docker 20.10) refuses before any step runs: an unknown
// keyword, a flag the instruction does not take, the wrong number of
// arguments, SHELL not in JSON form, an ONBUILD trigger that may not be one.
// Each refusal is a parse error with Docker's wording and the line number.

#include "engine/build/Dockerfile.h"

#include <string>

namespace strata::engine::build {

// Throws BuildFailed (parse error) when `in` is not acceptable.
void checkInstruction(const Instruction &in, char escape);

// The stage name of a FROM ("FROM x AS Name" -> "name"), "" without AS.
[[nodiscard]] std::string stageNameOf(const Instruction &from);

} // namespace strata::engine::build
