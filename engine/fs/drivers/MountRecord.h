// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// mount.json: what the last mount() did, so that unmount() and a later
// process (the CLI runs once per command) know the lowers and can show
// GraphDriver.Data without remounting.

#include "engine/fs/drivers/UnionDriver.h"

#include <filesystem>
#include <optional>

namespace strata::engine::fs::drivers {

struct MountRecord {
    MountInfo info;
    Lowers lowers;        // bottom first
    bool mounted = false; // userspace: merged/ holds the materialised union
};

// Atomic (temp + rename); also durable (fsyncs) unless `durable` is false:
// an overlay mount does not outlive a reboot, so neither must its record
// (readers take a lost or spoilt one as "no record"). userspace's merged/
// does survive one, so its record is durable.
void writeMountRecord(const std::filesystem::path &file, const MountRecord &record, bool durable = true);
// nullopt when the file is missing; throws InvalidArchive when it is corrupt.
[[nodiscard]] std::optional<MountRecord> readMountRecord(const std::filesystem::path &file);

} // namespace strata::engine::fs::drivers
