// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// removeTreeDetached's way without a fork (DetachedRemoval.h): the deleting
// process shares the caller's memory instead of copying its page tables.

#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::fsutil {

// Starts a process that shares this one's memory (CLONE_VM, through a
// CLONE_VFORK launcher so that nobody has to reap it), holds `lockFd`'s
// shared staging lock until it is done, unmounts `mounts` and deletes `path`,
// then unmaps its own stack and exits. A fork of a big CLI costs it a copy of
// its page tables and a copy-on-write fault on every page either side writes
// afterwards; this costs neither. Sharing memory, the remover makes its
// system calls by hand (glibc's set the caller's thread-local errno), uses
// only its own mapping and blocks every signal (a handler would run on the
// caller's data). It leaves what it cannot delete, a mount that stays, a
// directory on another device or deeper than it goes, to the staging sweep.
// Takes over `lockFd` (closed here either way). False when the platform has
// no such remover or the clone fails: then nothing was started.
[[nodiscard]] bool removeTreeCloned(const std::filesystem::path &path, int lockFd,
                                    const std::vector<std::filesystem::path> &mounts);

// The most names (and held descriptors) one syncer takes.
constexpr int kMaxSyncNames = 128;

// Starts a process the same way (sharing this one's memory, nobody's to
// reap, every signal blocked) that calls syncfs on `syncFd`'s file system,
// then unlinks each of `names` in the directory `dirFd` and fsyncs it, and
// exits. It keeps `syncFd`, `dirFd` and `heldFds` (with the flocks on them)
// until then and closes every other descriptor of the caller's at once.
// The caller still owns and closes its own copies. On a failed syncfs
// nothing is unlinked. False when not started (more than kMaxSyncNames, no
// such process on this platform, the clone failed).
[[nodiscard]] bool syncAndUnlinkCloned(int syncFd, int dirFd, const std::vector<std::string> &names,
                                       const std::vector<int> &heldFds);

} // namespace strata::engine::fsutil
