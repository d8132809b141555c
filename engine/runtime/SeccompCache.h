// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Compiled seccomp programs, kept for the boot in /run/strata/seccomp: every
// container of one profile and one capability set gets the same program, and
// compiling it with libseccomp (resolving some 400 system call names and
// generating the BPF) was a tenth of the CPU of `run --rm true`.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace strata::engine::runtime {

// Where the programs are kept: tmpfs, root's, gone at reboot (a program is
// only good for this machine's architecture and libseccomp).
[[nodiscard]] std::filesystem::path seccompCacheDir();

// The program of the profile `profile` (Docker's JSON) for a process with
// `capabilities`: read from `cacheDir` when compiled before, else compiled
// and kept there (temp file + rename, so a reader never sees half of one).
// An empty `cacheDir`, or one that cannot be read or written, only costs the
// compilation. Throws InvalidArgument (a bad profile) or Io, as compiling does.
[[nodiscard]] std::string seccompProgramFor(const nlohmann::json &profile, const std::vector<std::string> &capabilities,
                                            const std::filesystem::path &cacheDir);

} // namespace strata::engine::runtime
