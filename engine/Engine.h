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

#include "engine/events/EventBus.h"
#include "engine/events/StepGate.h"
#include "engine/fs/UnionView.h"
#include "engine/image/OciTypes.h"
#include "engine/util/Digest.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine {

namespace image {
class ImageStore;
}
namespace volume {
class VolumeStore;
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

// One line of `rmi` output: "Untagged: x" or "Deleted: sha256:…".
struct RemovalLine {
    bool deleted = false;
    std::string what;
};

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
    [[nodiscard]] fs::UnionView imageTree(const std::string &ref) const;

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

    // Creates strata/busybox:latest and strata/demo-web:1.0 when missing (no network).
    void ensureBuiltinImages();

    // For engine modules (builtin images, later containers); not for front ends.
    [[nodiscard]] image::ImageStore &imageStore();
    [[nodiscard]] volume::VolumeStore &volumeStore();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace strata::engine
