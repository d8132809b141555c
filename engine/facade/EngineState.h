// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The engine's private state (Engine::Impl): the stores, the event bus, the
// step gate and the union drivers, shared by the facade's Engine*.cpp files
// that implement Engine.h verb group by verb group. Only engine/facade/
// includes it: the modules below never see the facade, the layers above only
// Engine.h (tests/layering/check_layers.sh).

#include "engine/Engine.h"
#include "engine/container/ContainerLock.h"
#include "engine/container/ContainerStore.h"
#include "engine/fs/drivers/UnionDriver.h"
#include "engine/events/Journal.h"
#include "engine/image/ImageStore.h"
#include "engine/store/StagingArea.h"
#include "engine/network/Endpoints.h"
#include "engine/network/NetworkStore.h"
#include "engine/network/Ports.h"
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
    // Sweeps tmp/ when this Engine is the root's only user (after images made the layout).
    store::StagingArea staging{layout};
    volume::VolumeStore volumes{layout, bus};
    events::StepGate *gate = nullptr;
    container::ContainerStore containers;
    network::NetworkStore networks{layout};
    network::EndpointStore endpoints{layout};

    // At engine start, when staging found layers a reboot may have cut short
    // (store/PendingSync.h): they go, with the images and containers using
    // them, one line on stderr each (EngineRecovery.cpp).
    void dropLostLayers();

    // ---- networking (EngineNetworks.cpp) ----
    // create: resolves --network/-p/-P/--ip/--network-alias into the record
    // (NetworkMode, requested networks, PortBindings, ExposedPorts), with
    // Docker's messages; nothing is set up yet.
    // network connect of a running container: its new endpoint, now.
    void attachEndpoint(const container::Record &r, const network::Network &n, const NetworkConnectOptions &o);
    void planNetworking(const ContainerCreateOptions &o, const image::Json &imageConfig, container::Record &r);
    // start: makes the network namespace and attaches it to each bridge
    // network the container asked for (CNI ADD), publishing its ports;
    // returns the namespace path for the runtime ("" = none to join).
    std::string attachNetworks(const container::Record &r);
    // start: the ports to publish (-p, -P, ephemeral ones chosen), recorded
    // in rec.ports; and their port-publish events once they are live.
    std::vector<network::PortBinding> resolvePorts(const container::Record &r, network::EndpointRecord &rec);
    void publishPortEvents(const container::Record &r, const network::EndpointRecord &rec);
    // Rootless (EngineUserModeNetwork.cpp): at start the endpoint record
    // (slirp4netns's address, the ports); once the runtime cloned the
    // container's namespaces (its init waits), slirp4netns for them and the
    // ports forwarded. A failure kills that init: the start fails, 125.
    void planUserModeNetwork(const container::Record &r);
    [[nodiscard]] bool awaitsUserModeNetwork(const std::string &containerId) const;
    void startUserModeNetwork(const std::string &containerId, int containerPid);
    // Tears down what attachNetworks made (CNI DEL, namespace, record);
    // idempotent; peers' /etc/hosts updated.
    void releaseNetworks(const std::string &containerId);
    // At engine start: endpoints of containers that are gone or no longer
    // running (a crash) are released.
    void releaseStaleEndpoints();
    // Rewrites the peer section of /etc/hosts of every attached container.
    void refreshPeerHosts();
    // inspect's NetworkSettings: the live endpoints, else what was asked for.
    image::Json networkSettings(const container::Record &r);
    // ps's PORTS and NETWORKS columns.
    void describeNetworking(const container::Record &r, ContainerSummary &s);

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
    // Resolves and takes the container's lifecycle lock (across processes).
    container::ContainerLock lockContainer(const std::string &ref);
    // Saves the record with a new status and emits ContainerStateChanged;
    // save=false when the next transition's write follows at once.
    void setStatus(container::Record &record, container::Status to, bool save = true);
    // pause (frozen) and unpause: the cgroup freezer, then the new status.
    runtime::FreezeResult setFrozen(const std::string &ref, bool frozen);

    // ---- lifecycle steps; the caller holds the container's lock ----
    // Each verb takes the lifecycle lock once and calls these, so one that
    // is several steps (restart = unpause + stop + start) never re-enters it.
    runtime::FreezeResult setFrozenHeld(const std::string &ref, bool frozen);
    // stop's bookkeeping: marked manually stopped (no restart policy then).
    void markManuallyStopped(const std::string &id);
    // SIGTERM, SIGKILL after `timeout`, the exit recorded; no lock needed.
    void stopProcess(container::Record &record, std::optional<int> timeout);
    void startHeld(const std::string &ref, const ContainerStartOptions &o);
    // Unmount, delete the layers and the directory (removeContainer's core);
    // with removeVolumes, then the container's anonymous volumes.
    // mountedUnion: the union the driver left to the deletion (releaseForRemoval).
    // recordRemoving=false: Removing is announced, not written (--rm after
    // an exit: the directory is renamed away at once; a crash before that
    // leaves the exited record, which the next refresh removes again).
    void destroy(container::Record &record, bool removeVolumes = false,
                 const std::filesystem::path &mountedUnion = {}, bool recordRemoving = true);
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
    // A start with holdUntilAttach whose shim served this connection from its
    // birth (runtime::StartOptions::attachAtBirth): the command was not held,
    // and attachContainer takes the connection instead of the socket.
    std::map<std::string, runtime::UniqueFd> attachedAtBirth;

private:
    std::map<std::string, std::unique_ptr<fs::drivers::UnionDriver>> m_drivers;
    std::map<std::string, fs::drivers::UnionDriver *> m_byName; // the probed default under its own name
};

} // namespace strata::engine
