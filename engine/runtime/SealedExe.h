// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The CVE-2019-5736 defence. The process that execs a container's command
// (the init, and every `exec`'d process) is a copy of the shim; at the
// moment of execve, /proc/self/exe names the shim. An image whose command
// is a script starting "#!/proc/self/exe" makes the kernel run that very
// binary inside the container, where a process holding it open can
// rewrite the host's strata-shim once it exits. So those processes run
// from a sealed memfd copy of the shim instead: /proc/self/exe is then the
// copy, which no one can write (F_SEAL_WRITE) or resize, and which vanishes
// with the container.
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

// A close-on-exec memfd holding `exe`'s loadable image, sealed against
// writes, growth, shrinking and further sealing. Throws Io naming `exe`.
[[nodiscard]] UniqueFd sealedCopyOf(const std::filesystem::path &exe);

// sealedCopyOf(shimExecutable()) on a thread of its own, so the copy (a few
// MB with a static shim, about a millisecond) overlaps the caller's work on
// another CPU. take() joins the thread (it has exited when take returns, so
// a clone right after starts a single-threaded child holding no lock of
// it) and returns the copy or throws its error. The destructor joins too.
class SealedShimCopy {
public:
    SealedShimCopy();
    ~SealedShimCopy();
    SealedShimCopy(const SealedShimCopy &) = delete;
    SealedShimCopy &operator=(const SealedShimCopy &) = delete;
    [[nodiscard]] UniqueFd take();

private:
    std::thread m_thread;
    UniqueFd m_copy;
    std::exception_ptr m_error;
};

// True when this process runs from such a sealed copy.
[[nodiscard]] bool runningFromSealedCopy();

// execveat(fd, "", AT_EMPTY_PATH) with this process's environment; returns
// only on failure (errno set). Async-signal-safe apart from building argv.
void execSealedCopy(int fd, const std::vector<std::string> &args);

} // namespace strata::engine::runtime
