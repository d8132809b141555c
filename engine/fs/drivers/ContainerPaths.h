// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The files a union driver keeps in a container's directory (see
// UnionDriver.h for what each one holds).

#include <filesystem>
#include <string>

namespace strata::engine::fs::drivers {

struct ContainerPaths {
    explicit ContainerPaths(const std::filesystem::path &containerDir)
        : dir(containerDir), diff(containerDir / "diff"), work(containerDir / "work"),
          merged(containerDir / "merged"), mountRecord(containerDir / "mount.json"),
          upperState(containerDir / "upper-state.json"), mergedIndex(containerDir / "merged-index.json")
    {
    }

    // The container id the events carry: the directory's name.
    [[nodiscard]] std::string id() const { return dir.filename().string(); }

    std::filesystem::path dir;
    std::filesystem::path diff;        // the read-write layer
    std::filesystem::path work;        // overlayfs workdir
    std::filesystem::path merged;      // the union
    std::filesystem::path mountRecord; // mount.json
    std::filesystem::path upperState;  // upper-state.json: what sync() already reported
    std::filesystem::path mergedIndex; // userspace: directory inodes of the materialised merged/
};

} // namespace strata::engine::fs::drivers
