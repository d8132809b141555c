// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Docker's `--change` (import, commit): Dockerfile instructions applied to an
// image's container config, in order, as moby's dockerfile.BuildFromConfig
// does. The instructions it allows (builder.go validCommitCommands): CMD,
// ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, USER, VOLUME,
// WORKDIR; anything else is "<instr> is not a valid change command".
// CMD/ENTRYPOINT/VOLUME take the JSON-array (exec) form or the shell form
// (["/bin/sh","-c", text]); ENV/LABEL take "k=v ..." or the legacy "k v".

#include "engine/image/OciTypes.h"

#include <string>
#include <vector>

namespace strata::engine::image {

// Updates `config` (keys as Docker names them: Cmd, Entrypoint, Env,
// ExposedPorts, Healthcheck, Labels, OnBuild, User, Volumes, WorkingDir).
// Throws InvalidArgument naming the change.
void applyChanges(Json &config, const std::vector<std::string> &changes);

// Sets KEY=VALUE in config["Env"], replacing an existing KEY in place (ENV's
// rule, for `--change` and for builds alike).
void setConfigEnv(Json &config, const std::string &key, const std::string &value);

} // namespace strata::engine::image
