// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerCopy.h"

#include "engine/Error.h"
#include "engine/container/ContainerPath.h"
#include "engine/container/TreeCopy.h"
#include "engine/layer/FsAt.h"
#include "engine/layer/LayerApplier.h"
#include "engine/layer/LayerWriter.h"
#include "engine/util/RootedOpen.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::container {
namespace stdfs = std::filesystem;
namespace {

constexpr std::uint64_t kTarTrailer = 1024; // two zero blocks end a tar stream

// One side of a copy: the entry's parent directory, open, and its name there.
struct Endpoint {
    layer::UniqueFd parent;
    std::string name;        // "" when the endpoint is the root itself
    std::string display;     // as the user wrote it
    std::string as;          // a source's name at the destination (-L: the link's, not the target's)
    bool exists = false;
    bool isDir = false;
    bool trailingSlash = false;
    bool trailingDot = false;
};

std::string containerLabel(const ContainerFs &c)
{
    if (c.name.empty())
        return c.id;
    return c.name.front() == '/' ? c.name.substr(1) : c.name;
}

[[noreturn]] void notInContainer(const ContainerFs &c, const std::string &path)
{
    throw Error(ErrorCode::NotFound, "Could not find the file " + path + " in container " + containerLabel(c));
}

layer::UniqueFd openDir(const stdfs::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throwErrno("open " + dir.string());
    return layer::UniqueFd(fd);
}

// A directory of a resolved container path (no symlink left in `rel`),
// opened beneath the root with symlinks refused: one planted since the
// resolution is UnsafePath, never followed.
layer::UniqueFd openResolvedDir(const ContainerFs &c, const stdfs::path &root, const std::string &rel,
                                const std::string &path)
{
    const layer::UniqueFd rootFd = openDir(root);
    const int fd = layer::openBeneath(rootFd.get(), rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0)
        return layer::UniqueFd(fd);
    if (errno == ENOENT)
        notInContainer(c, "/" + rel);
    if (errno == ELOOP || errno == ENOTDIR || errno == EXDEV)
        throw Error(ErrorCode::UnsafePath, path + ": a symlink appeared in the path while copying");
    throwErrno("open /" + rel + " in the container");
}

// A resolved container path as an Endpoint: its parent opened beneath the
// root with every symlink refused (the resolution left none, so one found
// now was planted since: UnsafePath rather than a write outside).
Endpoint containerEndpoint(const ContainerFs &c, const stdfs::path &root, const std::string &path, bool followLast)
{
    const ResolvedPath r = resolveContainerPath(root, path, followLast);
    Endpoint e;
    e.display = path;
    e.exists = r.exists;
    e.isDir = r.isDir();
    e.trailingSlash = r.trailingSlash;
    e.trailingDot = r.trailingDot;
    const auto [parent, name] = layer::splitParent(r.rel);
    e.name = std::string(name);
    e.parent = openResolvedDir(c, root, std::string(parent), path);
    if (r.rel.empty()) // the root: its "parent" is the root, the entry "."
        e.name = ".";
    e.as = stdfs::path(cleanContainerPath(path)).filename().string();
    return e;
}

Endpoint hostEndpoint(const stdfs::path &path, bool followLast)
{
    Endpoint e;
    e.display = path.string();
    e.trailingSlash = !e.display.empty() && e.display.back() == '/';
    e.trailingDot = e.display == "." || (e.display.size() >= 2 && e.display.compare(e.display.size() - 2, 2, "/.") == 0);
    const stdfs::path clean = path.lexically_normal();
    stdfs::path abs = stdfs::absolute(clean.empty() ? stdfs::path(".") : clean);
    if (abs.filename().empty())
        abs = abs.parent_path();
    struct stat st {};
    if ((followLast ? ::stat(abs.c_str(), &st) : ::lstat(abs.c_str(), &st)) == 0) {
        e.exists = true;
        e.isDir = S_ISDIR(st.st_mode);
    } else if (errno != ENOENT) {
        throwErrno("stat " + e.display);
    }
    e.as = abs.filename().string();
    if (e.exists && followLast)
        abs = stdfs::canonical(abs); // -L, or a destination: what the link points to
    const stdfs::path parent = abs.has_parent_path() ? abs.parent_path() : stdfs::path("/");
    e.name = abs.filename().string();
    if (e.name.empty()) { // "/" itself
        e.parent = openDir(abs);
        e.name = ".";
        return e;
    }
    const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throwErrno("open " + parent.string());
    e.parent = layer::UniqueFd(fd);
    return e;
}

std::string baseName(const Endpoint &src)
{
    return src.as;
}

// Docker's rules (see the header), then the copy.
TreeCopyStats copyByDockerRules(const Endpoint &src, const Endpoint &dst, const TreeCopyOptions &options)
{
    if (src.trailingSlash && !src.isDir)
        throw Error(ErrorCode::InvalidArgument, src.display + ": not a directory");
    TreeCopy copier(options);
    if (!dst.exists) {
        if (dst.trailingSlash && !src.isDir)
            throw Error(ErrorCode::InvalidArgument, "no such directory: " + dst.display);
        copier.copy(src.parent.get(), src.name, dst.parent.get(), dst.name, src.display);
        return copier.stats();
    }
    if (!dst.isDir) {
        if (src.isDir)
            throw Error(ErrorCode::InvalidArgument, "cannot copy a directory to a file: " + dst.display);
        if (dst.trailingSlash)
            throw Error(ErrorCode::InvalidArgument, dst.display + ": not a directory");
        copier.copy(src.parent.get(), src.name, dst.parent.get(), dst.name, src.display);
        return copier.stats();
    }
    const int fd = ::openat(dst.parent.get(), dst.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        throwErrno("open " + dst.display);
    const layer::UniqueFd dstDir(fd);
    if (src.isDir && (src.trailingDot || baseName(src).empty()))
        copier.copyContents(src.parent.get(), src.name, dstDir.get(), src.display);
    else
        copier.copy(src.parent.get(), src.name, dstDir.get(), baseName(src), src.display);
    return copier.stats();
}

CopyResult resultOf(const TreeCopyStats &stats, const std::string &destination)
{
    return {stats.entries, stats.fileBytes, stats.tarBytes + kTarTrailer, destination};
}

} // namespace

CopyResult copyFromContainer(const ContainerFs &container, const std::string &srcPath, const stdfs::path &hostDest,
                             const CopyOptions &options, events::EventBus &bus)
{
    const MountedUnion mounted(container);
    const Endpoint src = withErrorContext(containerLabel(container) + ":" + srcPath, [&] {
        return containerEndpoint(container, mounted.root(), srcPath, options.followLink);
    });
    if (!src.exists)
        notInContainer(container, cleanContainerPath(srcPath));
    const Endpoint dst = hostEndpoint(hostDest, true); // its parent must exist, as Docker's CLI requires
    // As Docker: the copy belongs to whoever ran cp (-a only matters copying in),
    // and a container plants no set-id file or device node on the host.
    TreeCopyOptions toHost;
    toHost.owner = std::make_pair(::getuid(), ::getgid());
    toHost.hostSafe = true;
    const TreeCopyStats stats = withErrorContext("copy " + containerLabel(container) + ":" + srcPath, [&] {
        return copyByDockerRules(src, dst, toHost);
    });
    CopyResult result = resultOf(stats, hostDest.string());
    bus.publish(events::EventKind::ContainerPathArchived, container.id,
                {{"path", cleanContainerPath(srcPath)}, {"destination", hostDest.string()},
                 {"entries", result.entries}, {"bytes", result.tarBytes}});
    return result;
}

CopyResult archiveFromContainer(const ContainerFs &container, const std::string &srcPath, layer::ByteSink &sink,
                                const CopyOptions &options, events::EventBus &bus)
{
    const MountedUnion mounted(container);
    const ResolvedPath r = withErrorContext(containerLabel(container) + ":" + srcPath, [&] {
        return resolveContainerPath(mounted.root(), srcPath, options.followLink);
    });
    if (!r.exists)
        notInContainer(container, cleanContainerPath(srcPath));
    if (r.trailingSlash && !r.isDir())
        throw Error(ErrorCode::InvalidArgument, srcPath + ": not a directory");
    // The tar names start at the entry's base name: written from its parent,
    // opened beneath the root with every symlink refused and then named by
    // its fd, so a directory swapped for a link meanwhile leads nowhere.
    const auto [parent, name] = layer::splitParent(r.rel);
    const layer::UniqueFd parentFd = openResolvedDir(container, mounted.root(), std::string(parent), srcPath);
    const stdfs::path from = util::fdPath(parentFd.get());
    layer::ChangeSet changes;
    if (!name.empty())
        changes.push_back({std::string(name), layer::ChangeKind::Added, false});
    if (r.isDir())
        for (auto c : layer::allPathsAsAdded(from / std::string(name))) {
            c.path = name.empty() ? c.path : std::string(name) + "/" + c.path;
            changes.push_back(std::move(c));
        }
    const layer::WriteResult written = layer::writeLayer(changes, from, sink);
    CopyResult result{written.entries, 0, written.tarSize, "-"};
    bus.publish(events::EventKind::ContainerPathArchived, container.id,
                {{"path", cleanContainerPath(srcPath)}, {"destination", "-"}, {"entries", result.entries},
                 {"bytes", result.tarBytes}});
    return result;
}

CopyResult extractToContainer(const ContainerFs &container, layer::ByteSource &tar, const std::string &dstPath,
                              events::EventBus &bus)
{
    const MountedUnion mounted(container);
    const ResolvedPath r = withErrorContext(containerLabel(container) + ":" + dstPath, [&] {
        return resolveContainerPath(mounted.root(), dstPath, true);
    });
    if (!r.exists)
        notInContainer(container, cleanContainerPath(dstPath));
    if (!r.isDir())
        throw Error(ErrorCode::InvalidArgument, "extraction point is not a directory: " + cleanContainerPath(dstPath));
    layer::ApplyOptions options;
    options.mode = layer::ApplyMode::Flatten;
    options.preserveOwnership = ::geteuid() == 0;
    const layer::UniqueFd into = openResolvedDir(container, mounted.root(), r.rel, dstPath);
    const layer::ApplyResult applied = withErrorContext("extract to " + containerLabel(container) + ":" + dstPath, [&] {
        return layer::applyLayer(tar, util::fdPath(into.get()), options);
    });
    container.driver->sync(container.lowers, container.dir, container.mounts);
    CopyResult result{applied.entries, applied.contentBytes, applied.tarSize, containerLabel(container) + ":" + dstPath};
    bus.publish(events::EventKind::ContainerPathExtracted, container.id,
                {{"path", cleanContainerPath(dstPath)}, {"source", "-"}, {"entries", result.entries},
                 {"bytes", result.tarBytes}});
    return result;
}

CopyResult copyToContainer(const ContainerFs &container, const stdfs::path &hostSrc, const std::string &dstPath,
                           const CopyOptions &options, events::EventBus &bus)
{
    const Endpoint src = hostEndpoint(hostSrc, options.followLink);
    if (!src.exists)
        throw Error(ErrorCode::NotFound, "lstat " + hostSrc.string() + ": no such file or directory");
    const MountedUnion mounted(container);
    const Endpoint dst = withErrorContext(containerLabel(container) + ":" + dstPath,
                                          [&] { return containerEndpoint(container, mounted.root(), dstPath, true); });
    TreeCopyOptions copyOptions;
    if (!options.archive)
        copyOptions.owner = std::make_pair(container.rootUid, container.rootGid);
    const TreeCopyStats stats = withErrorContext("copy to " + containerLabel(container) + ":" + dstPath, [&] {
        return copyByDockerRules(src, dst, copyOptions);
    });
    // What was written reaches the container layer (userspace) and the event stream.
    container.driver->sync(container.lowers, container.dir, container.mounts);
    CopyResult result = resultOf(stats, containerLabel(container) + ":" + dstPath);
    bus.publish(events::EventKind::ContainerPathExtracted, container.id,
                {{"path", cleanContainerPath(dstPath)}, {"source", hostSrc.string()}, {"entries", result.entries},
                 {"bytes", result.tarBytes}});
    return result;
}

} // namespace strata::engine::container
