// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The engine's facade: Docker's verbs, one call each, returning plain data.
// Front ends (the `strata` CLI, the GUI, the lesson player) use only this and
// the types it returns; nothing here exposes the store's layout except the
// paths Docker itself shows (GraphDriver in inspect).
//
// Thread-safety: one Engine may be used from one thread at a time; several
// Engines (processes) may share a root: writers are serialised by the store
// lock. Errors are strata::engine::Error.

#include "engine/container/CreateOptions.h"
#include "engine/container/ContainerLogs.h"
#include "engine/container/ContainerRecord.h"
#include "engine/events/EventBus.h"
#include "engine/events/StepGate.h"
#include "engine/fs/UnionView.h"
#include "engine/image/ImageRemoval.h"
#include "engine/image/OciTypes.h"
#include "engine/image/StoreCheck.h"
#include "engine/registry/Transfer.h"
#include "engine/runtime/Runtime.h"
#include "engine/util/Digest.h"
#include "engine/volume/MountPlanner.h"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine {

namespace build { // engine/build/BuildOptions.h
struct BuildOptions;
struct BuildOutcome;
}

struct EngineOptions {
    std::filesystem::path root;  // empty: the default root
    std::string driver;          // union driver: "", "overlay", "userspace"
    bool journal = true;         // append events to <root>/journal
};

struct ImageSummary {
    Digest id;
    Digest parent;
    std::vector<std::string> repoTags;    // "repo:tag"
    std::vector<std::string> repoDigests; // "repo@sha256:…" (manifest digest)
    std::int64_t created = 0;             // unix seconds, from the config
    std::uint64_t size = 0;               // all layers' content bytes
    std::map<std::string, std::string> labels;
    int containers = 0;
    bool dangling = false;     // no tag, no child image
    bool intermediate = false; // no tag, parent of another image
};

struct LoadedImage {
    Digest id;
    std::vector<std::string> tags;
};

enum class ArchiveFormat { DockerArchive, OciArchive, OciDirectory };

struct ImportOptions {
    std::string message;              // -m: history comment
    std::vector<std::string> changes; // -c: Dockerfile instructions
};

using RemovalLine = image::RemovalLine; // one line of `rmi` output

struct HistoryRow {
    std::string id;        // image id for rows that are local images, else empty
    std::int64_t created = 0;
    std::string createdBy;
    std::uint64_t size = 0;
    std::string comment;
    bool emptyLayer = false;
};

// One layer of an image as the teaching views show it.
struct LayerView {
    int index = 0;
    Digest diffId;
    Digest chainId;
    Digest blob;
    std::uint64_t size = 0;
    std::string createdBy;
    std::string comment;
    std::vector<fs::LayerChangeEntry> changes;
};

struct EngineInfo {
    std::string root;
    std::string driver;
    std::string driverReason;
    bool rootless = false;
    std::string runtimeMode;   // "root", "rootless" or "unsupported" (runtime probe)
    std::vector<std::string> runtimeNotes; // why: freezer, user namespaces...
    std::string networkMode;   // "bridge (CNI)", "slirp4netns" (rootless) or "none"
    std::string networkReason; // one sentence: why that one
    int containers = 0;
    int containersRunning = 0;
    int containersPaused = 0;
    int containersStopped = 0;
    int images = 0;
    std::string kernel;
    std::string os;
    std::string architecture;
    std::string version;
};

// One row of `volume ls`.
struct VolumeSummary {
    std::string name;
    std::string driver;
    std::string mountpoint;
    std::map<std::string, std::string> labels;
    bool anonymous = false;
    std::vector<std::string> usedBy; // container ids; empty = dangling
};

struct VolumeCreateOptions {
    std::string name;   // empty: an anonymous volume (64-hex name)
    std::string driver; // "" or "local"
    std::map<std::string, std::string> labels;
};

struct VolumePruneReport {
    std::vector<std::string> removed;
    std::uint64_t reclaimedBytes = 0;
};

// ---- containers ------------------------------------------------------------

// `create` / `run` flags (Docker's container.Config + HostConfig subset).
// `network create` (engine/network).
struct NetworkCreateOptions {
    std::string name;
    std::string driver;  // "" or "bridge"
    std::string subnet;  // CIDR; "" = the next free 172.N.0.0/16
    std::string gateway; // "" = the subnet's first address
    bool internal = false;
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> options;
};

// `network connect` flags.
struct NetworkConnectOptions {
    std::vector<std::string> aliases;
    std::string ip;
};

// What `create`/`run` ask for, as typed (engine/container/CreateOptions.h).
using ContainerCreateOptions = container::CreateOptions;

struct ContainerStartOptions {
    // Stop before exec until attachContainer() with start (run -it, start -a).
    bool holdUntilAttach = false;
    // For the step gate: "start" or "run" (run also counts create's phases).
    std::string operation = "start";
    std::uint16_t rows = 0; // initial pty size
    std::uint16_t cols = 0;
};

// One row of `ps`.
struct ContainerSummary {
    std::string id;
    std::string name;          // without "/"
    std::string image;         // as the user named it (Config.Image)
    Digest imageId;
    std::string command;       // Path + " " + Args, unquoted
    std::int64_t created = 0;  // unix seconds
    container::State state;
    std::map<std::string, std::string> labels;
    std::vector<container::MountPoint> mounts;
    std::string statusText;    // a real host's own STATUS ("Up 2 minutes"); "" = from state
    std::string ports;         // ps PORTS: "127.0.0.1:18088->80/tcp" (while running)
    std::string networks;      // ps NETWORKS: "bridge", "mynet,other"
};

using LogEntry = container::LogEntry;     // one line of a json-file log
using LogOptions = container::LogOptions; // follow, tail

// ---- container file systems (EngineContainerFs.cpp) -----------------------

// One line of `diff`.
struct ContainerChangeLine {
    char kind = 'A';         // 'A' added, 'C' changed, 'D' deleted, as docker diff prints
    std::string path;        // "/etc/web.conf"
    bool opaque = false;     // a directory deleted and made anew (listed as C)
    std::uint64_t size = 0;  // bytes of the container's version (D: of the hidden one)
    int fromLayer = -1;      // the image layer (bottom = 0) the path came from; -1 if new
    [[nodiscard]] std::string line() const { return std::string(1, kind) + " " + path; }
};

// A container's own layer in numbers (the disk-use chart, the scenes).
struct ContainerLayerUsage {
    std::uint64_t bytes = 0; // Docker's SizeRw: the A and C entries `diff` lists (D: hidden lower bytes)
    int added = 0, changed = 0, deleted = 0;
    std::vector<ContainerChangeLine> first; // the first lines of `diff`
};

// `commit` flags.
struct CommitOptions {
    std::string message;                // -m
    std::string author;                 // -a
    std::vector<std::string> changes;   // -c 'CMD …' / 'ENV …' / …
    bool pause = true;                  // --pause (default true, as Docker)
    std::optional<std::string> repoTag; // REPO[:TAG]
};

// `cp` flags.
struct CopyOptions {
    bool followLink = false; // -L
    bool archive = false;    // -a: keep uid/gid (copy in)
};

struct CopyOutcome {
    std::uint64_t bytes = 0;  // as a tar stream: what Docker's "Successfully copied …" counts
    std::uint64_t entries = 0;
    std::string destination;  // "/tmp/x" or "web:/tmp/x"
};

// ---- system (EngineSystem.cpp) ----

// `system df`: what the store holds and what is in use.
struct DiskUsageImage {
    ImageSummary summary;
    std::uint64_t sharedSize = 0; // bytes of layers another image also uses
    std::uint64_t uniqueSize = 0;
};
struct DiskUsageContainer {
    ContainerSummary summary;
    std::uint64_t sizeRw = 0; // the read-write layer's bytes
};
struct DiskUsageVolume {
    VolumeSummary summary;
    std::uint64_t size = 0;
};
struct DiskUsage {
    std::uint64_t layersSize = 0; // every layer once
    std::vector<DiskUsageImage> images;
    std::vector<DiskUsageContainer> containers;
    std::vector<DiskUsageVolume> volumes;
};

// `system prune`: what went, in Docker's order.
struct SystemPruneOptions {
    bool all = false;     // -a: every image no container uses, not only dangling ones
    bool volumes = false; // --volumes
};
struct SystemPruneReport {
    std::vector<std::string> containers;
    std::vector<std::string> networks;
    std::vector<std::string> volumes;
    std::vector<RemovalLine> images;
    std::uint64_t reclaimedBytes = 0;
};

class Engine {
public:
    explicit Engine(EngineOptions options = {});
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    [[nodiscard]] events::EventBus &events();
    // The gate the engine stops at between phases; null = never stop.
    void setStepGate(events::StepGate *gate);
    [[nodiscard]] const std::filesystem::path &root() const;
    [[nodiscard]] EngineInfo info() const;

    // ---- images ----
    [[nodiscard]] std::vector<ImageSummary> images() const;
    // Reads docker-archive / oci-archive / OCI layout directory ("-" = stdin).
    std::vector<LoadedImage> load(const std::filesystem::path &input);
    void save(const std::vector<std::string> &refs, const std::filesystem::path &output, ArchiveFormat format);
    Digest importImage(const std::filesystem::path &input, const std::optional<std::string> &repoTag,
                       const ImportOptions &options);
    void tag(const std::string &source, const std::string &target);
    // Docker's rmi: untag (name refs), delete when no tag remains (or by id);
    // refuses an id with several tags unless force. Children keep it alive.
    std::vector<RemovalLine> removeImage(const std::string &ref, bool force, bool prune = true);
    [[nodiscard]] std::vector<HistoryRow> history(const std::string &ref) const;
    // Docker-shaped `image inspect` JSON.
    [[nodiscard]] image::Json inspectImage(const std::string &ref) const;
    [[nodiscard]] Digest resolveImage(const std::string &ref) const;
    [[nodiscard]] std::vector<LayerView> imageLayers(const std::string &ref) const;
    [[nodiscard]] fs::UnionView imageTree(const std::string &ref,
                                          fs::ViewContents contents = fs::ViewContents::Full) const;

    // ---- registries (engine/registry) ----
    // `pull`: NAME[:TAG|@DIGEST] from its registry into the store (atomic);
    // progress as Docker's daemon reports it. Also what run/create call for
    // an image not found locally.
    registry::PullResult pull(const registry::PullRequest &request, const registry::ProgressSink &progress = {});
    // `push`: a tagged image to its registry.
    registry::PushResult push(const std::string &ref, const registry::ProgressSink &progress = {});

    // ---- networks (EngineNetworks.cpp) ----
    // Returns the new network's id; Docker's messages for a taken name,
    // overlapping subnet, gateway outside it, unknown driver.
    std::string createNetwork(const NetworkCreateOptions &options);
    // Docker's `network inspect` objects, built-ins first.
    [[nodiscard]] std::vector<image::Json> networks();
    // NotFound "network x not found".
    [[nodiscard]] image::Json inspectNetwork(const std::string &ref);
    // Refused (Conflict, Docker's "has active endpoints" message) while a
    // container is attached; built-ins are refused too.
    void removeNetwork(const std::string &ref);
    // Removes the user-defined networks no container uses; their names.
    std::vector<std::string> pruneNetworks();
    void connectNetwork(const std::string &network, const std::string &container, const NetworkConnectOptions &o);
    void disconnectNetwork(const std::string &network, const std::string &container, bool force);
    // NetworkSettings.Ports of a container ({} when it publishes nothing).
    [[nodiscard]] image::Json containerPorts(const std::string &ref);

    // ---- volumes ----
    // Idempotent for an existing name (Docker's rule). Returns the name.
    // InvalidArgument for a name the local driver refuses, NotFound for a
    // driver other than "local".
    std::string createVolume(const VolumeCreateOptions &options);
    [[nodiscard]] std::vector<VolumeSummary> volumes() const;
    // Docker's `volume inspect` object; NotFound "No such volume: x".
    [[nodiscard]] image::Json inspectVolume(const std::string &name) const;
    // Refused (Conflict, Docker's "volume is in use" message) while a
    // container uses it; force only makes a missing volume no error.
    void removeVolume(const std::string &name, bool force);
    // Removes every volume no container uses.
    VolumePruneReport pruneVolumes();

    // Creates strata/busybox:latest and strata/demo-web:1.0 (no network) on
    // a root's first use; with restore, whenever one is missing.
    void ensureBuiltinImages(bool restore = false);

    // ---- containers ----
    // Docker's create: resolves the image, adds the read-write layer and the
    // init layer through the union driver, records the container (Created).
    // Returns the full id.
    std::string createContainer(const ContainerCreateOptions &options);
    // Mounts the union, writes the runtime spec and starts the container
    // under its strata-shim; returns once PID 1 was exec'd (or is held).
    // Starting a running container does nothing (as Docker).
    void startContainer(const std::string &ref, const ContainerStartOptions &options = {});
    // `ps`: running containers, or all with `all`; newest first.
    [[nodiscard]] std::vector<ContainerSummary> containers(bool all = false);
    // The record, brought up to date with the runtime (exit recorded).
    [[nodiscard]] container::Record container(const std::string &ref);
    [[nodiscard]] std::string resolveContainer(const std::string &ref) const;
    // SIGTERM, then SIGKILL after `timeout` seconds (default 10).
    void stopContainer(const std::string &ref, std::optional<int> timeout = std::nullopt);
    // `signal`: "KILL", "SIGTERM", "9" ...
    void killContainer(const std::string &ref, const std::string &signal = "KILL");
    void restartContainer(const std::string &ref, std::optional<int> timeout = std::nullopt);
    runtime::FreezeResult pauseContainer(const std::string &ref);
    runtime::FreezeResult unpauseContainer(const std::string &ref);
    // Refuses a running/paused container unless force (which kills it).
    // removeVolumes (rm -v): also the anonymous volumes made for it (named
    // ones stay; one still used by another container is left, as Docker).
    void removeContainer(const std::string &ref, bool force = false, bool removeVolumes = false);
    // Calls sink for each log line; with follow, keeps going until the
    // container stops or sink returns false.
    void containerLogs(const std::string &ref, const LogOptions &options,
                       const std::function<bool(const LogEntry &)> &sink);
    runtime::AttachResult attachContainer(const std::string &ref, int inFd, int outFd, int errFd,
                                          const runtime::AttachOptions &options);
    runtime::ExecResult execInContainer(const std::string &ref, const runtime::ExecSpec &spec, int inFd, int outFd,
                                        int errFd);
    [[nodiscard]] std::vector<runtime::ProcessInfo> containerTop(const std::string &ref);
    // Blocks until the container is not running; returns its exit code.
    int waitContainer(const std::string &ref);
    void renameContainer(const std::string &ref, const std::string &newName);
    // Docker-shaped `container inspect` JSON.
    [[nodiscard]] image::Json inspectContainer(const std::string &ref);

    // ---- container file systems ----
    // `diff`: what the container changed (mount contents and init files left out).
    [[nodiscard]] std::vector<ContainerChangeLine> diffContainer(const std::string &ref);
    // The container's layer summed up from its diff, keeping the first `keep` lines.
    [[nodiscard]] ContainerLayerUsage containerLayerUsage(const std::string &ref, std::size_t keep = 12);
    // `commit`: a new image of the container's layer on top of its image;
    // step phases freeze, diff, write-layer, write-config, tag. Returns the id.
    Digest commitContainer(const std::string &ref, const CommitOptions &options);
    // `cp CONTAINER:SRC DEST` and `cp SRC CONTAINER:DEST`, Docker's rules.
    CopyOutcome copyFromContainer(const std::string &ref, const std::string &srcPath,
                                  const std::filesystem::path &dest, const CopyOptions &options);
    // `cp CONTAINER:SRC -`: a tar of SRC to `fd`.
    CopyOutcome archiveFromContainer(const std::string &ref, const std::string &srcPath, int fd,
                                     const CopyOptions &options);
    // `cp - CONTAINER:DIR`: a tar read from `fd` extracted into DIR.
    CopyOutcome extractToContainer(int fd, const std::string &ref, const std::string &destPath);
    CopyOutcome copyToContainer(const std::filesystem::path &src, const std::string &ref, const std::string &destPath,
                                const CopyOptions &options);
    // `export`: the merged root file system as a flat tar to a file (atomic)
    // or, with output "-", to `fd`.
    void exportContainer(const std::string &ref, const std::filesystem::path &output, int fd = 1);

    // ---- build (EngineBuild.cpp) ----
    // `docker build` with the classic builder: every RUN in a real container,
    // each step committed into an intermediate image, the cache reused.
    // Throws build::BuildFailed (its phase and exit status tell the CLI how
    // Docker would end).
    build::BuildOutcome buildImage(const build::BuildOptions &options);

    // ---- system (EngineSystem.cpp) ----
    // fsck: every blob's digest, layer chain, image reference and
    // container's layers; with repair, what is damaged goes. Clean = no
    // problems left.
    image::StoreCheckReport checkStore(bool repair);
    [[nodiscard]] DiskUsage diskUsage();
    SystemPruneReport pruneSystem(const SystemPruneOptions &options);

private:
    friend struct EngineTestAccess; // tests/support: white-box tests reach the stores
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace strata::engine
