// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Deleting a tree nobody can reach any more without waiting for it.

#include <filesystem>

namespace strata::engine::fsutil {

// True when this process has one thread: only then may a fork's child run
// more than async-signal-safe code (allocate, use std::filesystem).
[[nodiscard]] bool singleThreaded();

// Deletes `path`, which the caller has already renamed out of every reader's
// way (staging), in a detached grandchild process, so that the caller (the
// CLI's `rm`, `run --rm`) need not wait on the disk. The grandchild keeps
// every descriptor but stdin/out/err (now /dev/null, so no pipe waits for it):
// the locks the caller holds (the store's, staging's) stay held until it has
// finished, exactly as when the caller deleted the tree itself, so no other
// command's staging sweep runs into it. Only from a process with one thread
// (a fork is then safe); false when that is not so or fork fails: then the
// caller deletes the tree itself.
[[nodiscard]] bool removeTreeDetached(const std::filesystem::path &path);

} // namespace strata::engine::fsutil
