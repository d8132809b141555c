// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where one stage of a build stands: the image the next step starts from
// and the run config (Docker's container Config: Env, Cmd, Entrypoint,
// WorkingDir, User, Labels, ...) that every commit of the stage records,
// plus the ARGs the stage declared, whose values RUN sees and history shows.

#include "engine/image/DockerfileWords.h"
#include "engine/image/OciTypes.h"
#include "engine/util/Digest.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::build {

struct StageState {
    Digest image;                     // empty: FROM scratch, nothing committed yet
    image::Json runConfig = image::Json::object();
    bool cmdSet = false;              // a CMD in this stage (ENTRYPOINT then keeps it)
    std::string author;               // MAINTAINER
    // Declared ARGs; a value when --build-arg or a default gave one.
    std::map<std::string, std::optional<std::string>> args;

    // SHELL, else ["/bin/sh", "-c"].
    [[nodiscard]] std::vector<std::string> shell() const;
    // ENV of the run config, then declared ARGs with a value that no ENV hides:
    // what $VAR expands to in the stage's instructions.
    [[nodiscard]] image::Environment environment() const;
    // "K=V" for each declared ARG with a value and no ENV of that name, sorted:
    // what RUN adds to its environment and history records as "|N K=V ...".
    [[nodiscard]] std::vector<std::string> argEnv() const;
    [[nodiscard]] std::vector<std::string> env() const;
    void setEnv(const std::string &key, const std::string &value);
};

} // namespace strata::engine::build
