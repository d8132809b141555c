// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/DriverProbe.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <cstring>
#include <sys/mount.h>

namespace strata::engine::fs {
namespace {

// Returns "" when an overlay mount works here, else the kernel's reason.
std::string overlayRefusal(const std::filesystem::path &tmpDir)
{
    fsutil::TempDir probe(tmpDir, "overlay-probe-");
    for (const char *d : {"lower", "upper", "work", "merged"})
        fsutil::makeDirs(probe.path() / d);
    const std::string opts = "lowerdir=" + (probe.path() / "lower").string() +
                             ",upperdir=" + (probe.path() / "upper").string() +
                             ",workdir=" + (probe.path() / "work").string();
    const auto merged = probe.path() / "merged";
    if (::mount("overlay", merged.c_str(), "overlay", 0, opts.c_str()) != 0)
        return std::strerror(errno);
    ::umount2(merged.c_str(), MNT_DETACH);
    return {};
}

} // namespace

DriverChoice chooseDriver(const std::string &requested, const std::filesystem::path &tmpDir)
{
    if (!requested.empty() && requested != "overlay" && requested != "userspace")
        throw Error(ErrorCode::InvalidArgument,
                    "unknown storage driver \"" + requested + "\": choose overlay or userspace");
    if (requested == "userspace")
        return {"userspace", "chosen with --driver userspace"};
    const std::string refusal = overlayRefusal(tmpDir);
    if (refusal.empty())
        return {"overlay", requested.empty() ? "kernel overlayfs mounts here" : "chosen with --driver overlay"};
    if (requested == "overlay")
        throw Error(ErrorCode::Unsupported, "the overlay driver cannot mount here: " + refusal);
    return {"userspace", "kernel overlayfs refused a test mount (" + refusal + ")"};
}

} // namespace strata::engine::fs
