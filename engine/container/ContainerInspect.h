// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `container inspect` in Docker's JSON shape (API 1.41 ContainerJSON), built
// from a container's record and directory. The facade resolves and refreshes
// the record; this file only reads.

#include "engine/container/ContainerRecord.h"
#include "engine/fs/drivers/UnionDriver.h"
#include "engine/image/OciTypes.h"

#include <filesystem>
#include <functional>

namespace strata::engine::container {

// lowers: the container's lower layers (bottom first) for GraphDriver.LowerDir
// when it was never mounted; may throw Error (the image is gone: left empty).
// networkSettings: NetworkSettings as engine/network reports the container's endpoints.
[[nodiscard]] image::Json inspectJson(const Record &r, const std::filesystem::path &dir,
                                      const std::function<fs::drivers::Lowers()> &lowers,
                                      const image::Json &networkSettings);

} // namespace strata::engine::container
