// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Kernel overlayfs: lowerdir = the image layers (through OverlayLowers'
// converted views and short links), upperdir = containerDir/diff, workdir =
// containerDir/work, mounted at containerDir/merged. The kernel copies up;
// sync() scans diff/ afterwards to report it (UpperScan).
//
// Options: index=off, redirect_dir=off, metacopy=off, so that diff/ always
// holds whole files and plain directories that a commit can tar as they are
// (a metacopy upper has no data; a redirect points into a lower), retried
// without them on a kernel that does not know them. Rootless (inside a user
// namespace): "userxattr", so overlayfs reads and writes user.overlay.*
// instead of trusted.overlay.*, which an unprivileged process cannot set;
// whiteout devices are allowed there since Linux 5.8, userxattr since 5.11.

#include "engine/fs/drivers/OverlayLowers.h"
#include "engine/fs/drivers/UnionDriver.h"

namespace strata::engine::fs::drivers {

class OverlayDriver final : public UnionDriver {
public:
    OverlayDriver(events::EventBus &bus, DriverChoice choice, std::filesystem::path linksDir);

    [[nodiscard]] std::string name() const override { return "overlay"; }
    [[nodiscard]] layer::WhiteoutFormat upperWhiteouts() const override
    {
        return layer::WhiteoutFormat::OverlayDevices;
    }
    MountInfo mount(const Lowers &lowers, const std::filesystem::path &containerDir) override;
    void unmount(const std::filesystem::path &containerDir) override;
    [[nodiscard]] bool isMounted(const std::filesystem::path &containerDir) const override;
    std::filesystem::path releaseForRemoval(const std::filesystem::path &containerDir) override;
    // scanUpperForNewChanges: the kernel already did the copy-ups.
    SyncResult sync(const Lowers &lowers, const std::filesystem::path &containerDir,
                    const std::vector<std::string> &excluded = {}) override;

    // The kernel copies mount options into one page, NUL included.
    static constexpr std::size_t kMaxMountData = 4096 - 1;

private:
    ShortLinks m_links;
};

} // namespace strata::engine::fs::drivers
