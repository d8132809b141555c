// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The portable driver: no mount at all. mount() copies the union of the
// lowers and diff/ into merged/, a plain directory (reflinked where the file
// system can, copied otherwise; never hardlinked to a lower, or a write
// through merged/ would change the read-only layer); sync() records what the
// container changed into diff/ (CopyUpRecorder) and reports it like the
// overlay driver does; unmount() syncs and empties merged/. Slower than
// overlayfs on a large image, but it needs no privilege and shows each
// copy-up as the engine's own step.
//
// "Mounted" means merged/ holds a materialised union: mount.json says so.
// Hardlinked files of a layer become separate copies in merged/ (as a
// copy-up breaks a hardlink in overlayfs with index=off); device nodes are
// skipped when the process may not create them.

#include "engine/fs/drivers/UnionDriver.h"

namespace strata::engine::fs::drivers {

class UserspaceDriver final : public UnionDriver {
public:
    UserspaceDriver(events::EventBus &bus, DriverChoice choice) : UnionDriver(bus, std::move(choice)) {}

    [[nodiscard]] std::string name() const override { return "userspace"; }
    [[nodiscard]] layer::WhiteoutFormat upperWhiteouts() const override
    {
        return layer::WhiteoutFormat::OciMarkers;
    }
    MountInfo mount(const Lowers &lowers, const std::filesystem::path &containerDir) override;
    void unmount(const std::filesystem::path &containerDir) override;
    [[nodiscard]] bool isMounted(const std::filesystem::path &containerDir) const override;
    // Not mounted: nothing to record (an empty merged/ is not "everything deleted").
    SyncResult sync(const Lowers &lowers, const std::filesystem::path &containerDir,
                    const std::vector<std::string> &excluded = {}) override;

protected:
    void refreshUpper(const Lowers &lowers, const std::filesystem::path &containerDir,
                      const std::vector<std::string> &excluded) override;
};

} // namespace strata::engine::fs::drivers
