// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The record of a new container, from `create`'s options over the image's
// config (Docker's merge: image Env then -e, ENTRYPOINT/CMD unless given,
// the image's User, WorkingDir, Labels and Volumes), with every flag checked
// before anything is made: capabilities, devices, limits, seccomp.

#include "engine/container/ContainerRecord.h"
#include "engine/container/CreateOptions.h"
#include "engine/image/OciTypes.h"

namespace strata::engine::container {

// Fills r.config, r.hostConfig (without mounts), r.path and r.args; r.id
// must be set (the default hostname is its short form). Throws
// InvalidArgument for "No command specified" and bad flags.
void applyCreateOptions(Record &r, const CreateOptions &o, const image::Json &imageConfig,
                        const std::string &network);

} // namespace strata::engine::container
