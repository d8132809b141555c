// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test-only: the engine's stores behind the facade, for white-box suites
// that check what a verb left on disk or drive a module directly (commit
// from a container's layer). Front ends have Engine.h's verbs only; this
// header is not part of the engine's API and lives with the tests.

#include "engine/Engine.h"
#include "engine/container/ContainerStore.h"
#include "engine/image/ImageStore.h"

namespace strata::engine {

struct EngineTestAccess {
    [[nodiscard]] static image::ImageStore &images(Engine &engine);
    [[nodiscard]] static container::ContainerStore &containers(Engine &engine);
};

} // namespace strata::engine
