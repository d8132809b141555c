// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The image config `docker commit` writes (moby image.NewChildImage +
// daemon/commit.go): the parent's platform fields, created now, author (-a),
// comment (-m), container = the container's id, config = the container's
// Config with the -c changes applied, rootfs = the parent's diff_ids plus
// the new layer's (unless the layer is empty), and one more history entry:
// created_by = the container's Cmd joined with spaces (so `docker history`
// shows "sh -c touch /happiness.txt"), author, comment, empty_layer.

#include "engine/image/OciTypes.h"

#include <optional>
#include <string>
#include <vector>

namespace strata::engine::container {

struct CommitConfigInput {
    image::ImageConfig parent;
    image::Json containerConfig = image::Json::object(); // Docker's Config shape (Cmd, Env, ...)
    std::vector<std::string> changes;                    // -c, applied to containerConfig
    std::string containerId;
    std::string author;
    std::string comment;
    std::optional<Digest> diffId; // nullopt: nothing changed, history marks empty_layer
    std::string created;          // RFC 3339 nano; "" = now
    // `build`: the image's Config; containerConfig is then kept as
    // container_config (history and the build cache read it there).
    std::optional<image::Json> imageConfig;
};

// Throws InvalidArgument for a change Docker refuses.
[[nodiscard]] image::ImageConfig commitConfig(const CommitConfigInput &in);

// "sh -c touch /x" from ["sh","-c","touch /x"]; "" when Cmd is absent.
[[nodiscard]] std::string commitCreatedBy(const image::Json &containerConfig);

} // namespace strata::engine::container
