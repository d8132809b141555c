// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The container's file system view, built inside its new mount namespace by
// the container's init before it execs: each function is one step, run in
// the order ContainerInit.cpp lists them. Destinations inside the rootfs are
// always resolved with SecureJoin.h (over util::openInRoot), so a symlink in
// the image cannot send a mount to the host.

#include "engine/runtime/RuntimeSpec.h"

#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::runtime {

// Stops mount events from crossing between the host and the container in
// either direction (everything becomes MS_PRIVATE, recursively).
void makeMountsPrivate();
// Binds the rootfs onto itself: pivot_root needs the new root to be a mount.
void bindRootfs(const std::filesystem::path &rootfs);
// A fresh proc for the container's pid namespace (nosuid, noexec, nodev).
void mountProc(const std::filesystem::path &rootfs);
// sysfs read-only; where the kernel refuses a new sysfs (a user namespace
// sharing the host's network), a read-only recursive bind of the host's.
void mountSys(const std::filesystem::path &rootfs);
// The spec's mounts, in order: binds (with "ro" etc. applied by a remount)
// and file-system mounts (tmpfs, ...).
void mountSpecMounts(const std::filesystem::path &rootfs, const std::vector<MountSpec> &mounts);
// pivot_root into the rootfs and detach the old root, so nothing of the
// host's tree stays reachable.
void pivotToRootfs(const std::filesystem::path &rootfs);

// After pivot_root (paths as the container sees them):
// Files get /dev/null bound over them, directories an empty read-only tmpfs.
void maskPaths(const std::vector<std::string> &paths);
// Bind each onto itself and remount read-only.
void makePathsReadonly(const std::vector<std::string> &paths);
void remountRootReadonly();
// Creates the working directory if the image lacks it (as Docker does).
void ensureDirectory(const std::string &path);

// /dev as a small tmpfs: null zero full random urandom tty (mknod as root,
// bound from the host in a user namespace), pts (a new devpts instance) with
// /dev/ptmx -> pts/ptmx, shm, mqueue, and the fd/stdin/stdout/stderr links.
void setupDev(const std::filesystem::path &rootfs, bool inUserNamespace);
// The --device nodes at their container paths (parents made as needed):
// mknod with the host node's mode and owner as root, a bind of the host node
// in a user namespace. The cgroup device rules decide whether they open.
void createSpecDevices(const std::filesystem::path &rootfs, const std::vector<security::DeviceNode> &devices,
                       bool inUserNamespace);
// Binds the container's pty slave over /dev/console (after pivot_root).
void bindConsole(const std::string &slavePath);

} // namespace strata::engine::runtime
