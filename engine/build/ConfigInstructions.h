// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The instructions that change only the run config (and history): ENV,
// LABEL, CMD, ENTRYPOINT, EXPOSE, VOLUME, USER, WORKDIR, ONBUILD,
// STOPSIGNAL, HEALTHCHECK, SHELL, MAINTAINER, ARG. Each updates the stage's
// state as Docker's dispatchers do (variables expanded from the stage's
// environment) and returns the text Docker puts after "#(nop) " in the
// history's created_by: `ENV A=b`, `CMD ["/bin/sh" "-c" "x"]`,
// `EXPOSE 443/udp 80`, `VOLUME [/data]`, `HEALTHCHECK &{["CMD-SHELL" "x"] "5s" "0s" "0s" '\x00'}` ...

#include "engine/build/Dockerfile.h"
#include "engine/build/StageState.h"

#include <map>
#include <optional>
#include <string>

namespace strata::engine::build {

struct ConfigStep {
    std::string comment;
    bool singleSpace = false; // WORKDIR: "#(nop) WORKDIR /app" (Docker's withCmdCommentString)
};

[[nodiscard]] bool isConfigInstruction(const std::string &keyword);

// `buildArgs`: --build-arg values (ARG reads them). Throws BuildFailed.
ConfigStep applyConfigInstruction(StageState &state, const Instruction &in,
                                  const std::map<std::string, std::string> &buildArgs);

// The created_by Docker records for a step that ran no command.
[[nodiscard]] std::vector<std::string> nopCommand(const StageState &state, const ConfigStep &step);

} // namespace strata::engine::build
