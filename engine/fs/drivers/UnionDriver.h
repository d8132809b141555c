// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A container's file system: read-only image layers (the lowers) under one
// read-write layer of its own, presented as one merged tree. Two drivers keep
// the same contract:
//   overlay   — kernel overlayfs does the union and the copy-up; the engine
//               scans the upper dir afterwards to report what happened.
//   userspace — no privilege, no kernel feature: the engine copies the union
//               into merged/ itself and, on sync(), records what the
//               container changed in diff/ the way overlayfs would have.
// Both leave containerDir/diff holding the container layer (copied-up and new
// entries, whiteouts, opaque directories), which is what diff and commit read.
//
// containerDir layout (the store reserves root/containers/<id>/):
//   diff/              the read-write layer ("UpperDir")
//   work/              overlayfs scratch ("WorkDir"; unused by userspace)
//   merged/            the union the container sees ("MergedDir")
//   mount.json         the last mount: driver, lowers, the strings inspect shows
//   upper-state.json   what the last scan had already reported (events)
//
// Events (on the bus given at construction; id = containerDir's name):
// ContainerLayerCreated, UnionMounted, UnionUnmounted, and from sync():
// CopiedUp, WhiteoutCreated, OpaqueDirCreated, UpperPathAdded — or one
// UpperChangesSummarised when a scan finds more than kBulkEventThreshold.

#include "engine/fs/DriverProbe.h"
#include "engine/fs/TreeEntry.h"
#include "engine/layer/Change.h"
#include "engine/layer/Whiteout.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace strata::engine::events {
class EventBus;
}

namespace strata::engine::fs::drivers {

// One read-only layer under a container.
struct LowerLayer {
    std::filesystem::path dir; // the unpacked layer; in the store layers/<chain>/diff
    layer::WhiteoutFormat whiteouts = layer::WhiteoutFormat::OciMarkers; // as recorded in layer.json
    std::string id;            // chain id ("sha256:…") for events; may be empty
};
// Bottom (base layer) first, as the image config lists diff_ids.
using Lowers = std::vector<LowerLayer>;

// The strings `inspect` shows under GraphDriver.Data.
struct MountInfo {
    std::string driver;    // "overlay" or "userspace"
    std::string lowerDir;  // absolute dirs the union reads, nearest layer first, ':'-joined
    std::string upperDir;
    std::string workDir;
    std::string mergedDir;
    std::string options;   // the mount data given to the kernel ("" for userspace)
};

// One line of `docker diff`.
struct ContainerChange {
    layer::Change change;     // path, A/C/D; opaque: a directory deleted and made anew (see changes())
    EntryType type = EntryType::File; // of the container's version (D: of the hidden lower version)
    std::uint64_t size = 0;   // bytes of the container's version (D: of the hidden one)
    int fromLayer = -1;       // the lower layer (bottom = 0) the path came from; -1 if new

    bool operator==(const ContainerChange &) const = default;
};

// What one sync() found new since the previous one.
struct SyncResult {
    std::uint64_t copiedUp = 0;
    std::uint64_t whiteouts = 0;
    std::uint64_t opaque = 0;
    std::uint64_t added = 0;
    std::uint64_t bytes = 0;         // bytes of new regular files in the upper layer
    bool summarised = false;         // reported as one UpperChangesSummarised event
    std::vector<std::string> paths;  // every new path, in walk order
};

// More new upper entries than this in one scan are reported as one event.
inline constexpr std::size_t kBulkEventThreshold = 200;

class UnionDriver {
public:
    virtual ~UnionDriver() = default;
    UnionDriver(const UnionDriver &) = delete;
    UnionDriver &operator=(const UnionDriver &) = delete;

    [[nodiscard]] virtual std::string name() const = 0;
    // Why this driver (from the probe, or "chosen with --driver …").
    [[nodiscard]] const DriverChoice &choice() const { return m_choice; }
    // How whiteouts are spelled in this driver's diff/ (commit reads either).
    [[nodiscard]] virtual layer::WhiteoutFormat upperWhiteouts() const = 0;

    // Makes containerDir/{diff,work,merged}, the read-write layer empty.
    // Idempotent: an existing layer is kept as it is.
    void createLayer(const std::filesystem::path &containerDir);

    // Presents `lowers` (bottom first) under containerDir/diff at
    // containerDir/merged and records mount.json. Creates the layer if needed.
    // Mounting a mounted container returns the recorded MountInfo.
    // Throws Unsupported (overlay refused, too many layers for one mount),
    // PermissionDenied, Io.
    virtual MountInfo mount(const Lowers &lowers, const std::filesystem::path &containerDir) = 0;

    // Takes the union down; diff/ keeps the container layer so that a later
    // mount() shows the same files. Not mounted: does nothing.
    virtual void unmount(const std::filesystem::path &containerDir) = 0;
    [[nodiscard]] virtual bool isMounted(const std::filesystem::path &containerDir) const = 0;

    // Unmounts if needed and deletes diff/, work/, merged/ and the driver's
    // records; containerDir itself (config, logs) is the caller's. Idempotent.
    void removeLayer(const std::filesystem::path &containerDir);

    // For a container whose whole directory is deleted next (`run --rm`):
    // announces the unmount as unmount() does but leaves the umount(2),
    // which waits for an RCU grace period, to that deletion
    // (ContainerStore::removeDir). Returns the union's mount point, or empty
    // when nothing is left mounted; a driver that cannot leave its union to
    // the deletion unmounts here (the default).
    virtual std::filesystem::path releaseForRemoval(const std::filesystem::path &containerDir)
    {
        unmount(containerDir);
        return {};
    }

    // Brings diff/ up to date with what the container did and emits one event
    // per entry new in diff/ since the previous sync (state in
    // upper-state.json). overlay: a scan of the upper dir; userspace: copy-up
    // of changed paths from merged/ into diff/, then the same scan. Paths
    // under `excluded` (volume mount points) are ignored. The engine calls it
    // after each command a container runs, or on demand.
    virtual SyncResult sync(const Lowers &lowers, const std::filesystem::path &containerDir,
                            const std::vector<std::string> &excluded = {}) = 0;

    // What `docker diff` prints, with the rules Docker 20.10's overlay2
    // applies here (DiffChanges.cpp): the container's view against the
    // image's; A only in the container, D only in the image, C when mode,
    // owner or (not for a directory) mtime or size differ, and C for every
    // directory holding a change. An opaque directory (`rm -rf d; mkdir d`)
    // is C with change.opaque set, its new contents A, the old ones D. Order:
    // a directory's entries by name, each followed by its subtree, then its
    // deletions. Paths under `excluded` are left out (the mount point itself
    // stays when it is a change). userspace syncs first when mounted, so the
    // list is current.
    std::vector<ContainerChange> changes(const Lowers &lowers, const std::filesystem::path &containerDir,
                                         const std::vector<std::string> &excluded = {});

    // The container layer as a change set for layer::writeLayer with
    // sourceRoot = containerDir/diff: every entry of diff/ (directories
    // included, so the tar carries their modes), whiteouts as Deleted, opaque
    // directories with opaque set; `excluded` subtrees left out.
    layer::ChangeSet commitChanges(const Lowers &lowers, const std::filesystem::path &containerDir,
                                   const std::vector<std::string> &excluded = {});

protected:
    UnionDriver(events::EventBus &bus, DriverChoice choice) : m_bus(bus), m_choice(std::move(choice)) {}
    // The part of sync() both drivers share: scan diff/, emit, save state.
    SyncResult scanAndReport(const Lowers &lowers, const std::filesystem::path &containerDir,
                             const std::vector<std::string> &excluded);
    void publishMounted(const std::filesystem::path &containerDir, const MountInfo &info, std::size_t layers);
    void publishUnmounted(const std::filesystem::path &containerDir, const std::string &merged);
    // Called before changes() and commitChanges() read diff/: userspace
    // records what the container wrote since the last sync.
    virtual void refreshUpper(const Lowers &, const std::filesystem::path &, const std::vector<std::string> &) {}

    events::EventBus &m_bus;

private:
    DriverChoice m_choice;
};

// Where the drivers keep what they share across containers.
struct DriverContext {
    events::EventBus *bus = nullptr;     // required
    std::filesystem::path tmpDir;        // the store's tmp/ (the overlay probe mounts there)
    std::filesystem::path linksDir;      // overlay short links: the store's layers/l, as overlay2's l/
                                         // (LayerStore lists only hex names, so "l" is not a layer)
};

// `requested` is "", "overlay" or "userspace"; "" probes (DriverProbe) and
// falls back to userspace. Throws InvalidArgument for an unknown name and
// Unsupported when overlay is requested where it cannot mount.
[[nodiscard]] std::unique_ptr<UnionDriver> makeDriver(const std::string &requested, const DriverContext &context);

} // namespace strata::engine::fs::drivers
