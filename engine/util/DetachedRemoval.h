// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Deleting a tree nobody can reach any more without waiting for it.

#include <filesystem>
#include <vector>

namespace strata::engine::fsutil {

// True when this process has one thread: only then may a fork's child run
// more than async-signal-safe code (allocate, use std::filesystem).
[[nodiscard]] bool singleThreaded();

// Deletes `path`, which the caller has already renamed out of every reader's
// way (staging), in a detached process (sharing the caller's memory where
// ClonedRemover.h can, else a forked grandchild), so that the caller (the
// CLI's `rm`, `run --rm`) need not wait on the disk. The grandchild holds a
// shared lock of its own on `stagingLock` (the lock a staging sweep takes
// exclusively) until it has finished, so no sweep runs into it, and no other
// descriptor of the caller's: the store's lock goes when the caller exits,
// and the next command need not wait for the deletion either. Its stdin,
// stdout and stderr are /dev/null (no pipe waits for it). Only from a
// process with one thread (a fork is then safe); false when that is not so,
// or fork or the lock fail: then the caller deletes the tree itself.
// `mounts` (inside `path`) are unmounted first (unmountAll); one that stays
// mounted keeps the whole tree for the sweep, which unmounts before it deletes.
[[nodiscard]] bool removeTreeDetached(const std::filesystem::path &path, const std::filesystem::path &stagingLock,
                                      const std::vector<std::filesystem::path> &mounts = {});

// Takes down whatever is mounted on each of `mounts` (stacked mounts too, up
// to a bound), detaching one that is busy. Throws Conflict naming the path
// when one stays mounted: nothing may be deleted through a live mount.
void unmountAll(const std::vector<std::filesystem::path> &mounts);

} // namespace strata::engine::fsutil
