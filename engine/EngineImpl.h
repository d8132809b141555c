// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The engine's private state, shared by the Engine*.cpp files that implement
// the facade verb group by verb group.

#include "engine/Engine.h"
#include "engine/events/Journal.h"
#include "engine/image/ImageStore.h"
#include "engine/store/StoreLayout.h"
#include "engine/volume/VolumeStore.h"

#include <memory>

namespace strata::engine {

struct Engine::Impl {
    explicit Impl(EngineOptions options);

    EngineOptions options;
    store::StoreLayout layout;
    events::EventBus bus;
    std::unique_ptr<events::Journal> journal;
    image::ImageStore images;
    volume::VolumeStore volumes{layout, bus};
    events::StepGate *gate = nullptr;
};

} // namespace strata::engine
