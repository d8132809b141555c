// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/store/StagingArea.h"

#include "engine/util/MountTable.h"
#include "engine/store/StoreLayout.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <unistd.h>

namespace strata::engine::store {
namespace {

// True when tmp/ holds nothing but the probe's answer, a file: then nothing
// can be mounted below it and there is nothing to sweep. The usual case, and
// it spares every command a read of the host's whole mount table.
bool nothingStaged(const std::filesystem::path &tmp)
{
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(tmp, ec))
        if (entry.path().filename() != "overlay-probe" || entry.is_directory(ec))
            return false;
    return !ec;
}

void sweep(const std::filesystem::path &tmp, std::vector<std::filesystem::path> &swept)
{
    if (nothingStaged(tmp))
        return;
    // A builder's layer or a container union left mounted: never delete
    // through a live mount (that writes whiteouts, or worse, into lowers).
    for (const auto &mp : fsutil::mountPointsUnder(tmp))
        if (::umount2(mp.c_str(), MNT_DETACH) != 0 && errno != EINVAL && errno != ENOENT)
            return; // cannot unmount: leave tmp/ as it is, a later command tries again
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(tmp, ec)) {
        if (entry.path().filename() == "overlay-probe")
            continue; // the driver probe's per-boot answer (fs/DriverProbe.cpp): a cache, not staging
        if (!fsutil::mountPointsUnder(entry.path()).empty() || fsutil::isMountPoint(entry.path()))
            continue;
        try {
            fsutil::removeTree(entry.path());
            swept.push_back(entry.path());
        } catch (const std::exception &) {
            // One entry that will not go never stops the command that swept.
        }
    }
}

} // namespace

StagingArea::StagingArea(const StoreLayout &layout) : m_root(layout.root())
{
    m_fd = ::open(layout.stagingLockFile().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0)
        return; // a read-only store: nothing to sweep, nothing to protect
    int rc;
    while ((rc = ::flock(m_fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR) {
    }
    if (rc == 0) {
        sweep(layout.tmpDir(), m_swept);
        m_lost = PendingSync::recover(m_root);
    }
    if (m_lost.empty()) // else shared once the lost layers are dropped
        lostLayersDropped(false);
}

void StagingArea::lostLayersDropped(bool dropped)
{
    if (dropped) {
        try {
            PendingSync::clearLost(m_root, m_lost);
        } catch (const std::exception &) {
            // They stay: the next exclusive start finds nothing left to drop.
        }
    }
    m_lost.clear();
    // Shared from now on: other Engines may stage beside this one.
    while (::flock(m_fd, LOCK_SH) != 0 && errno == EINTR) {
    }
}

StagingArea::~StagingArea()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace strata::engine::store
