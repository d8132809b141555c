// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The engine's private state, shared by the Engine*.cpp files that implement
// the facade verb group by verb group.

#include "engine/Engine.h"
#include "engine/container/ContainerStore.h"
#include "engine/fs/drivers/UnionDriver.h"
#include "engine/events/Journal.h"
#include "engine/image/ImageStore.h"
#include "engine/store/StoreLayout.h"
#include "engine/volume/ContainerMounts.h"
#include "engine/volume/VolumeStore.h"

#include <map>
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
    container::ContainerStore containers;

    // ---- container support (EngineContainerSupport.cpp) ----
    // The union driver by name ("" = the engine's: --driver, else probed);
    // one instance per name, made on first use.
    fs::drivers::UnionDriver &driver(const std::string &name = {});
    // The driver a container's layer was made with.
    fs::drivers::UnionDriver &driverFor(const container::Record &record);
    // The container's lowers, bottom first: the image's layers, then its init layer.
    fs::drivers::Lowers lowersOf(const container::Record &record) const;
    // Paths diff/commit leave out: the destinations of the container's mounts.
    static std::vector<std::string> excludedPaths(const container::Record &record);
    // Brings a Running/Paused record up to date with shim-state.json: an
    // exit is recorded (exit code, FinishedAt), the union unmounted (synced
    // first) and an --rm container removed. Saves when something changed.
    // Returns false when the container was auto-removed.
    bool refresh(container::Record &record);
    // Resolves and refreshes.
    container::Record loadFresh(const std::string &ref);
    // Saves the record with a new status and emits ContainerStateChanged;
    // save=false when the next transition's write follows at once.
    void setStatus(container::Record &record, container::Status to, bool save = true);
    // Unmount, delete the layers and the directory (removeContainer's core);
    // with removeVolumes, then the container's anonymous volumes.
    void destroy(container::Record &record, bool removeVolumes = false);
    // Step gate: publishes StepReached and waits at the gate when one is set.
    void step(const std::string &operation, const std::string &name, const std::string &description, int index,
              int count);

    // ---- create and start (EngineContainers.cpp) ----
    // A container about to be made: its record and its planned volumes.
    struct NewContainer {
        container::Record record;
        volume::ContainerMounts planned;
    };
    // A fresh id and name, the record filled from the options and the image
    // (container/NewContainer.h), the volumes planned.
    NewContainer planContainer(const ContainerCreateOptions &o);
    // The directory, layer, init layer and record; all undone on failure.
    void makeContainer(const NewContainer &n, const std::string &operation);
    // Mounts the union, writes runtime.json (container/StartSpec.h) and
    // returns it; unmounts again when the volumes cannot be prepared.
    runtime::RuntimeSpec prepareStart(const container::Record &r, const ContainerStartOptions &o, int base, int count);
    // The shim through its phases (each a step); a command that cannot
    // start leaves the record Created with its exit code and error.
    runtime::StartResult runShim(const std::string &id, const ContainerStartOptions &o, int base, int count);
    // One record write: Running.
    void recordRunning(const std::string &id, const runtime::StartResult &res, const std::vector<std::string> &args);

private:
    std::map<std::string, std::unique_ptr<fs::drivers::UnionDriver>> m_drivers;
    std::map<std::string, fs::drivers::UnionDriver *> m_byName; // the probed default under its own name
};

} // namespace strata::engine
