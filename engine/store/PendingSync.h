// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Deferred durability of ingested layers (docs/ARCHITECTURE.md, "Layers on
// disk after they are published"). load, pull and import publish a layer
// without waiting for its files to reach the disk. Before the layer is
// renamed into place, an entry root/pending-sync/<chain-hex>.<boot-id>.<nonce>
// is made durable (an empty file: its name says everything, so one fsync of
// the directory does it), held with a flock by the process that made it.
// When the command is done, detach() hands the entries to a process that
// outlives it (util/ClonedRemover.h): syncfs on the store's file system,
// then exactly those entries unlinked. An entry therefore exists, durably,
// for as long as a layer's data may not be on the disk.
//
// recover() runs when an Engine is the store's only user (StagingArea): an
// entry of another boot means a reboot may have cut that layer's data
// short (the caller drops the layer, what is built on it and the images
// using them, then clearLost()); an entry of this boot that no process
// holds (its syncer was killed) is synced again by a new syncer.

#include "engine/util/Digest.h"
#include "engine/util/UniqueFd.h"

#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::store {

// This boot's id (/proc/sys/kernel/random/boot_id), read once. For tests
// only, STRATA_TEST_BOOT_ID_FILE names a file to read it from instead (a
// process playing the part of one from an earlier boot).
[[nodiscard]] std::string currentBootId();

class PendingSync {
public:
    // `root`: the store root; nothing is touched until add().
    explicit PendingSync(std::filesystem::path root);
    ~PendingSync(); // detach()es what it still holds
    PendingSync(const PendingSync &) = delete;
    PendingSync &operator=(const PendingSync &) = delete;

    // Before a deferred layer is unpacked: the syncer's syncfs uses a
    // descriptor opened now, so it reports every write error from here on
    // (the kernel samples the file system's error sequence at open).
    void watchWriteErrors();
    // Makes an entry for `chainId` durable, held by this process until a
    // syncer takes it. Throws when it cannot: then the layer must not be
    // published without its own sync.
    void add(const Digest &chainId);
    // Starts the detached syncer for every entry held and returns without
    // waiting for it; where none can be started, syncs here. Never throws:
    // entries it cannot clear stay for recover().
    void detach() noexcept;

    struct Lost {
        Digest chainId;
        std::string entry; // its name in pending-sync/
    };
    // The caller holds tmp.lock exclusively. Returns the entries of other
    // boots; entries of this boot nobody holds go to a new syncer. One open
    // of a directory when there is nothing to do.
    [[nodiscard]] static std::vector<Lost> recover(const std::filesystem::path &root);
    // Once the lost layers are gone: their entries go (durably).
    static void clearLost(const std::filesystem::path &root, const std::vector<Lost> &lost);

    [[nodiscard]] static std::filesystem::path dirOf(const std::filesystem::path &root)
    {
        return root / "pending-sync";
    }

private:
    struct Held {
        std::string name;
        util::UniqueFd fd; // flock-ed: a syncer alive holds it
    };
    void openDir();

    std::filesystem::path m_root;
    util::UniqueFd m_dir;
    util::UniqueFd m_syncFd; // the store root, opened before the layers were written
    std::vector<Held> m_held;
};

} // namespace strata::engine::store
