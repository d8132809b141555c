// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which union driver this machine can use, decided by trying: a tiny overlay
// mount in the store's tmp dir either works or the kernel says why not.

#include <filesystem>
#include <string>

namespace strata::engine::fs {

struct DriverChoice {
    std::string name;   // "overlay" or "userspace"
    std::string reason; // one sentence for `strata info` and the status bar
};

// `requested` may be "", "overlay" or "userspace"; an unknown name is
// InvalidArgument. Asking for overlay where it cannot mount is Unsupported.
[[nodiscard]] DriverChoice chooseDriver(const std::string &requested, const std::filesystem::path &tmpDir);

} // namespace strata::engine::fs
