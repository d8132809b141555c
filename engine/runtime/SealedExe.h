// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The CVE-2019-5736 defence. The process that execs a container's command
// (the init, and every `exec`'d process) is a copy of the shim; at the
// moment of execve, /proc/self/exe names the shim. An image whose command
// is a script starting "#!/proc/self/exe" makes the kernel run that very
// binary inside the container, where a process holding it open can
// rewrite the host's strata-shim once it exits. So those processes run
// from a protected view of the shim instead, one of:
//
// - the shim file seen through a detached, read-only overlayfs mount whose
//   only layers are lower ones (the shim's directory over an empty one):
//   an overlay without an upper layer has nowhere to write, whatever its
//   mount flags say, so unlike a read-only bind mount it cannot be turned
//   writable again by a remount (runc 1.2's choice, for that reason). It
//   is never attached to any mount table; it costs one superblock (about
//   0.2 ms) and copies nothing. Opening it for writing fails with EROFS.
//   Root only: in a user namespace, or where the kernel has no overlayfs
//   or fsopen, or STRATA_SHIM_SEALED_COPY=1 is set, the copy below is used.
// - a sealed memfd copy: /proc/self/exe is then the copy, which no one can
//   write (F_SEAL_WRITE) or resize, and which vanishes with the container.
//
// The copy holds the shim's loadable image only (the file up to the end of
// its last program segment, without section headers): that is all the
// kernel and the dynamic loader read, and it leaves the debug information
// (most of the file) out, so a copy costs well under a millisecond.

#include "engine/runtime/Fd.h"

#include <exception>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace strata::engine::runtime {

// The shim binary this process can re-execute: /proc/self/exe when this is
// strata-shim, else the shim beside it (defaultShimPath()), for a shim
// forked from the CLI.
[[nodiscard]] std::filesystem::path shimExecutable();

// An O_PATH, close-on-exec fd of `exe` on a detached read-only overlayfs
// mount (above); an empty UniqueFd when the kernel refuses one. The mount's
// own fd goes to `keepMount` when given: closing it dissolves the mount's
// private namespace, which waits for an expedited RCU grace period (about
// 0.5 ms here), so a shim keeps it until it exits instead of paying that
// before the clone.
[[nodiscard]] UniqueFd readOnlyViewOf(const std::filesystem::path &exe, UniqueFd *keepMount = nullptr);

// A close-on-exec memfd holding `exe`'s loadable image, sealed against
// writes, growth, shrinking and further sealing. Throws Io naming `exe`.
[[nodiscard]] UniqueFd sealedCopyOf(const std::filesystem::path &exe);

// readOnlyViewOf(shimExecutable()), made at once; where the kernel refuses
// one, sealedCopyOf(shimExecutable()) on a thread of its own, so the copy
// (a few MB with a static shim, about a millisecond) overlaps the caller's
// work on another CPU. take() joins the thread (it has exited when take
// returns, so a clone right after starts a single-threaded child holding no
// lock of it) and returns the view or copy, or throws the copy's error. The
// destructor joins too.
class SealedShimCopy {
public:
    SealedShimCopy();
    ~SealedShimCopy();
    SealedShimCopy(const SealedShimCopy &) = delete;
    SealedShimCopy &operator=(const SealedShimCopy &) = delete;
    [[nodiscard]] UniqueFd take();

private:
    std::thread m_thread;
    UniqueFd m_mount; // the view's mount, kept (readOnlyViewOf)
    UniqueFd m_copy;
    std::exception_ptr m_error;
};

// readOnlyViewOf(exe), else sealedCopyOf(exe).
[[nodiscard]] UniqueFd protectedExecutableOf(const std::filesystem::path &exe);

// True when this process runs from such a view or sealed copy.
[[nodiscard]] bool runningFromProtectedExecutable();

// execveat(fd, "", AT_EMPTY_PATH) with this process's environment; returns
// only on failure (errno set). Async-signal-safe apart from building argv.
void execSealedCopy(int fd, const std::vector<std::string> &args);

} // namespace strata::engine::runtime
