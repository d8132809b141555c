// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/DriverProbe.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

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

std::string firstLineOf(const char *path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

// What the probe's answer depends on: this boot (modules, sysctls), who asks
// (euid and user namespace) and the file system the store's tmp dir is on.
std::string probeKey(const std::filesystem::path &tmpDir)
{
    struct stat st {};
    if (::stat(tmpDir.c_str(), &st) != 0)
        return {};
    std::ostringstream key;
    key << firstLineOf("/proc/sys/kernel/random/boot_id") << ' ' << ::geteuid() << ' '
        << firstLineOf("/proc/self/uid_map") << ' ' << st.st_dev;
    return key.str();
}

// A probe mounts and unmounts overlayfs, and the unmount can wait for an RCU
// grace period (tens to hundreds of ms), so every strata command paid it.
// The answer is kept per boot in the store's tmp dir; "" = overlay works.
std::string cachedOverlayRefusal(const std::filesystem::path &tmpDir)
{
    const std::string key = probeKey(tmpDir);
    const auto cache = tmpDir / "overlay-probe";
    if (!key.empty()) {
        std::ifstream in(cache);
        std::string cachedKey, refusal;
        if (std::getline(in, cachedKey) && cachedKey == key) {
            std::getline(in, refusal);
            return refusal;
        }
    }
    std::string refusal = overlayRefusal(tmpDir);
    if (!key.empty()) {
        try {
            fsutil::writeFileAtomic(cache, key + "\n" + refusal + "\n", tmpDir);
        } catch (const Error &) {
            // a read-only store still works, it just probes every time
        }
    }
    return refusal;
}

} // namespace

DriverChoice chooseDriver(const std::string &requested, const std::filesystem::path &tmpDir)
{
    if (!requested.empty() && requested != "overlay" && requested != "userspace")
        throw Error(ErrorCode::InvalidArgument,
                    "unknown storage driver \"" + requested + "\": choose overlay or userspace");
    if (requested == "userspace")
        return {"userspace", "chosen with --driver userspace"};
    const std::string refusal = cachedOverlayRefusal(tmpDir);
    if (refusal.empty())
        return {"overlay", requested.empty() ? "kernel overlayfs mounts here" : "chosen with --driver overlay"};
    if (requested == "overlay")
        throw Error(ErrorCode::Unsupported, "the overlay driver cannot mount here: " + refusal);
    return {"userspace", "kernel overlayfs refused a test mount (" + refusal + ")"};
}

} // namespace strata::engine::fs
